const KEY = 'outrider.deviceId'

/** A stable id for this install; it breaks HLC ties and names the device in conflict logs. */
export function deviceId(): string {
  let id = localStorage.getItem(KEY)
  if (!id) {
    id = `d${crypto.randomUUID().replace(/-/g, '').slice(0, 16)}`
    localStorage.setItem(KEY, id)
  }
  return id
}

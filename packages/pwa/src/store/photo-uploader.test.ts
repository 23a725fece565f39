import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import { DeviceStore } from './device-store.ts'
import { startPhotoUploader } from './photo-uploader.ts'

const stores: DeviceStore[] = []
afterEach(async () => {
  for (const s of stores.splice(0)) {
    s.close()
    await s.delete()
  }
})

async function storeWith(ids: string[]) {
  const device = new DeviceStore(`u-${crypto.randomUUID()}`)
  stores.push(device)
  await device.photos.bulkAdd(
    ids.map((id) => ({
      id,
      visitId: 'v1',
      customerId: 'c1',
      blob: new Blob([new Uint8Array([1, 2, 3])], { type: 'image/jpeg' }),
      type: 'image/jpeg',
      uploaded: false,
      createdAt: '2026-03-02T03:00:00.000Z',
    })),
  )
  return device
}

describe('photo uploader', () => {
  it('uploads waiting photos once each and marks them uploaded', async () => {
    const device = await storeWith(['ph-1', 'ph-2'])
    const calls: string[] = []
    const up = startPhotoUploader(
      device,
      async () => 'token',
      async (url) => {
        calls.push(String(url))
        return new Response('{}', { status: 201 })
      },
    )
    await up.kick()
    await up.kick()
    up.stop()
    expect(calls.sort()).toEqual([
      '/api/photos/ph-1?customerId=c1&visitId=v1',
      '/api/photos/ph-2?customerId=c1&visitId=v1',
    ])
    expect((await device.photos.toArray()).every((p) => p.uploaded)).toBe(true)
  })

  it('keeps photos when offline and keeps a refused one with its reason, without retrying it', async () => {
    const device = await storeWith(['ph-1'])
    let mode: 'down' | 'refuse' = 'down'
    let calls = 0
    const up = startPhotoUploader(
      device,
      async () => 'token',
      async () => {
        calls++
        if (mode === 'down') throw new TypeError('Failed to fetch')
        return new Response(JSON.stringify({ error: { code: 'E_TOO_LARGE', message: 'too big' } }), {
          status: 413,
        })
      },
    )
    await up.kick()
    expect((await device.photos.get('ph-1'))?.uploaded).toBe(false)
    mode = 'refuse'
    await up.kick()
    await up.kick()
    up.stop()
    const p = await device.photos.get('ph-1')
    expect(p?.uploaded).toBe(false)
    expect(p?.error).toBe('too big')
    expect(calls).toBe(2)
  })

  it('tries again soon when an attempt fails while online, without waiting for the network to change', async () => {
    const device = await storeWith(['ph-1'])
    let calls = 0
    const up = startPhotoUploader(
      device,
      async () => 'token',
      async () => {
        calls++
        // The first two attempts fail as when the network has just come back; then the server answers.
        if (calls <= 2) throw new TypeError('Failed to fetch')
        return new Response('{}', { status: 201 })
      },
      { firstRetryMs: 5 },
    )
    await up.kick()
    expect((await device.photos.get('ph-1'))?.uploaded).toBe(false)
    await expect.poll(async () => (await device.photos.get('ph-1'))?.uploaded).toBe(true)
    up.stop()
    expect(calls).toBe(3)
  })

  it('does nothing without a session', async () => {
    const device = await storeWith(['ph-1'])
    let calls = 0
    const up = startPhotoUploader(
      device,
      async () => null,
      async () => {
        calls++
        return new Response('{}')
      },
    )
    await up.kick()
    up.stop()
    expect(calls).toBe(0)
  })
})

import type { Customer, GeoPoint, OpeningHours } from '@outrider/domain'

/** What the edit form holds, as typed. */
export type CustomerFormValues = {
  name: string
  phone: string
  address: string
  notes: string
  tags: string
  industry: string
  location: GeoPoint | null
  openingHours: OpeningHours
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

/** Tags typed as a list separated by commas (half- or full-width), without repeats. */
export const parseTags = (text: string) =>
  [
    ...new Set(
      text
        .split(/[,，]/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ].slice(0, 50)

/**
 * The fields the form really changes, and only those: each gets a new clock, and an untouched field
 * must not win a later merge over another phone's edit. A blank phone or industry keeps the old one.
 */
export function customerPatch(c: Customer, f: CustomerFormValues): Record<string, unknown> {
  const patch: Record<string, unknown> = {}
  const name = f.name.trim()
  if (name !== c.name) patch.name = name
  if (f.address.trim() !== c.address) patch.address = f.address.trim()
  if (f.notes !== (c.notes ?? '')) patch.notes = f.notes
  if (f.phone.trim() !== (c.phone ?? '') && f.phone.trim() !== '') patch.phone = f.phone.trim()
  const tags = parseTags(f.tags)
  if (!same(tags, c.tags)) patch.tags = tags
  if (f.industry.trim() !== (c.industry ?? '') && f.industry.trim() !== '') patch.industry = f.industry.trim()
  if (!same(f.location, c.location)) patch.location = f.location
  // Windows kept in order of opening, so the planner and the list read them as the day runs.
  const hours = f.openingHours.map((d) => [...d].sort((a, b) => a.open - b.open)) as OpeningHours
  if (!same(hours, c.openingHours)) patch.openingHours = hours
  return patch
}

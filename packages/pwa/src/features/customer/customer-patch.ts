import {
  type Customer,
  type CustomField,
  type CustomFieldIssue,
  type CustomFieldValue,
  changedCustomFieldKeys,
  checkCustomFieldValues,
  customFieldInputText,
  type GeoPoint,
  type OpeningHours,
  parseCustomFieldInput,
} from '@outrider/domain'

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

export type CustomFieldsEdit = {
  /** Each refused field with why, shown next to it; empty when the form may be saved. */
  issues: CustomFieldIssue[]
  /**
   * Only the keys the user changed, each with its new value (`undefined` when cleared), or null when
   * nothing changed. Saved key by key over the record as stored then (`withKeyChanges`), so a key
   * another phone changed while the form was open keeps that phone's value.
   */
  changes: Record<string, CustomFieldValue | undefined> | null
}

/**
 * The custom fields as the form leaves them, compared with the values the form `opened` with: each
 * offered field's typed text read by its type (cleared when emptied), active required ones filled. A text
 * left as it was shown is no change, even of a value an older import stored in another type, so editing
 * the name never demands fixing it; values of fields no longer offered stay as they are.
 */
export function customFieldsEdit(
  opened: Readonly<Record<string, CustomFieldValue>>,
  texts: Readonly<Record<string, string>>,
  offered: readonly CustomField[],
): CustomFieldsEdit {
  const next: Record<string, CustomFieldValue> = { ...opened }
  const issues: CustomFieldIssue[] = []
  for (const field of offered) {
    const text = texts[field.key] ?? ''
    const before = Object.hasOwn(opened, field.key) ? opened[field.key] : undefined
    if (before !== undefined && text === customFieldInputText(before)) continue
    const parsed = parseCustomFieldInput(field, text)
    if (!parsed.ok) issues.push({ key: field.key, problem: parsed.problem })
    else if (parsed.value === undefined) delete next[field.key]
    else next[field.key] = parsed.value
  }
  const refused = new Set(issues.map((i) => i.key))
  for (const issue of checkCustomFieldValues(next, offered, { changed: [], requireRequired: true }))
    if (!refused.has(issue.key)) issues.push(issue)
  if (issues.length > 0) return { issues, changes: null }
  const changed = changedCustomFieldKeys(opened, next)
  if (changed.length === 0) return { issues, changes: null }
  return {
    issues,
    changes: Object.fromEntries(changed.map((k) => [k, Object.hasOwn(next, k) ? next[k] : undefined])),
  }
}

import type { Contact, Customer } from '../model/index.ts'
import { normalizePhone } from './normalize-phone.ts'

interface Stamp {
  now: string
  hlc: string
  newId: () => string
}

const FILLABLE = ['title', 'wechat', 'email', 'birthday'] as const

/**
 * Contacts of both customers under the survivor, one per phone number: a duplicate's contact with a
 * phone already present is folded into that contact (its blank fields filled) and marked deleted;
 * the others move over (never as a second primary). A phone on the duplicate record itself that the
 * survivor lacks becomes a contact, so no number is lost. Returns only contacts to write.
 */
export function mergeContacts(
  survivor: Customer,
  duplicate: Customer,
  contacts: readonly Contact[],
  stamp: Stamp,
): Contact[] {
  const { now, hlc } = stamp
  const kept = contacts
    .filter((c) => c.customerId === survivor.id && c.deleted !== true)
    .map((c) => ({ ...c }))
  const byPhone = new Map<string, Contact>()
  for (const c of kept) {
    const phone = normalizePhone(c.phone)
    if (phone !== null && !byPhone.has(phone)) byPhone.set(phone, c)
  }
  const edited = new Set<Contact>()
  const out: Contact[] = []
  let hasPrimary = kept.some((c) => c.primary)

  for (const c of contacts) {
    if (c.customerId !== duplicate.id || c.deleted === true) continue
    const phone = normalizePhone(c.phone)
    const same = phone === null ? undefined : byPhone.get(phone)
    if (same !== undefined) {
      for (const key of FILLABLE) {
        if (same[key] === undefined && c[key] !== undefined) {
          same[key] = c[key]
          same.clocks = { ...same.clocks, [key]: hlc }
          same.updatedAt = now
          edited.add(same)
        }
      }
      out.push({ ...c, deleted: true, updatedAt: now, clocks: { ...c.clocks, deleted: hlc } })
      continue
    }
    const primary = c.primary && !hasPrimary
    hasPrimary ||= primary
    const moved: Contact = {
      ...c,
      customerId: survivor.id,
      primary,
      updatedAt: now,
      clocks: { ...c.clocks, customerId: hlc, ...(primary === c.primary ? {} : { primary: hlc }) },
    }
    if (phone !== null) byPhone.set(phone, moved)
    out.push(moved)
  }

  const dupPhone = normalizePhone(duplicate.phone)
  if (
    dupPhone !== null &&
    dupPhone !== normalizePhone(survivor.phone) &&
    !byPhone.has(dupPhone) &&
    duplicate.phone !== undefined
  ) {
    out.push({
      id: stamp.newId(),
      createdAt: now,
      updatedAt: now,
      clocks: {},
      customerId: survivor.id,
      name: duplicate.name,
      phone: duplicate.phone,
      primary: false,
    })
  }
  return [...new Set([...edited, ...out])]
}

import { z } from 'zod'
import type { Contact, Customer, Feedback, Order, Task, Visit } from '../model/index.ts'
import { hlcSchema, isoDateTimeSchema } from '../model/index.ts'
import { type AnalyticsResult, analyticsError } from './analytics-error.ts'
import { latestRevisions } from './latest-revisions.ts'
import { mergeContacts } from './merge-contacts.ts'

export interface CustomerMergeRelated {
  orders?: readonly Order[]
  visits?: readonly Visit[]
  feedback?: readonly Feedback[]
  tasks?: readonly Task[]
  contacts?: readonly Contact[]
}

export interface CustomerMergeOptions {
  /** When the merge happens (ISO date-time): timestamps of every record written. */
  now: string
  /** Clock stamp of the merge, written to the field clocks of every edited field. */
  hlc: string
  /** Id of each new record; defaults to `crypto.randomUUID()`. */
  newId?: () => string
}

/** The records to write. Append-only records come as new revisions; nothing is edited in place. */
export interface CustomerMergeResult {
  survivor: Customer
  duplicate: Customer
  orders: Order[]
  visits: Visit[]
  feedback: Feedback[]
  tasks: Task[]
  contacts: Contact[]
}

const optionsSchema = z.object({ now: isoDateTimeSchema, hlc: hlcSchema })
const STATUS_RANK = { prospect: 0, inactive: 1, customer: 2 } as const

/**
 * Folds `duplicate` into `survivor` and loses nothing: every order, visit and feedback of the duplicate
 * gets a new revision pointing at the survivor (same `revisionOf`, `revision + 1`), its tasks and
 * contacts are re-pointed (contacts sharing a phone are folded into one), blank survivor fields are
 * filled from the duplicate, tags and search keys are united, and the duplicate is marked `mergedInto`.
 */
export function mergeCustomers(
  survivor: Customer,
  duplicate: Customer,
  related: CustomerMergeRelated,
  options: CustomerMergeOptions,
): AnalyticsResult<CustomerMergeResult> {
  const parsed = optionsSchema.safeParse(options)
  if (!parsed.success)
    return analyticsError(
      'bad_options',
      `merge needs an ISO date-time \`now\` and an HLC stamp: ${parsed.error.message}`,
    )
  if (survivor.id === duplicate.id) return analyticsError('bad_input', 'cannot merge a customer into itself')
  if (survivor.mergedInto !== undefined)
    return analyticsError(
      'bad_input',
      `survivor ${survivor.id} was itself merged into ${survivor.mergedInto}`,
    )
  if (duplicate.mergedInto !== undefined && duplicate.mergedInto !== survivor.id) {
    return analyticsError(
      'bad_input',
      `duplicate ${duplicate.id} was already merged into ${duplicate.mergedInto}`,
    )
  }
  const { now, hlc } = options
  const newId = options.newId ?? (() => globalThis.crypto.randomUUID())

  const repoint = <T extends Order | Visit | Feedback>(records: readonly T[] = []): T[] =>
    latestRevisions(records)
      .filter((r) => r.customerId === duplicate.id)
      .map((r) => newRevision(r, survivor, now, newId()))

  const tasks = (related.tasks ?? [])
    .filter((t) => t.customerId === duplicate.id)
    .map((t) => ({ ...t, customerId: survivor.id, updatedAt: now, clocks: { ...t.clocks, customerId: hlc } }))

  const merged = mergeFields(survivor, duplicate, now, hlc)
  const contacts = mergeContacts(merged, duplicate, related.contacts ?? [], { now, hlc, newId })

  return {
    ok: true,
    value: {
      survivor: merged,
      duplicate: {
        ...duplicate,
        mergedInto: survivor.id,
        updatedAt: now,
        clocks: { ...duplicate.clocks, mergedInto: hlc },
      },
      orders: repoint(related.orders),
      visits: repoint(related.visits),
      feedback: repoint(related.feedback),
      tasks,
      contacts,
    },
  }
}

/** A new revision of an append-only record, re-pointed; server-owned fields are left for the server. */
function newRevision<T extends Order | Visit | Feedback>(
  record: T,
  survivor: Customer,
  now: string,
  id: string,
): T {
  const { serverUpdatedAt: _s, receivedAt: _r, authorId: _a, ...rest } = record
  return {
    ...rest,
    id,
    revisionOf: record.revisionOf,
    revision: record.revision + 1,
    customerId: survivor.id,
    ownerRepId: survivor.ownerRepId,
    createdAt: now,
    updatedAt: now,
  } as T
}

function mergeFields(survivor: Customer, duplicate: Customer, now: string, hlc: string): Customer {
  const merged: Customer = { ...survivor, clocks: { ...survivor.clocks }, updatedAt: now }
  const touched: string[] = []
  const set = <K extends keyof Customer>(key: K, value: Customer[K]): void => {
    merged[key] = value
    touched.push(key)
  }
  const blank = (v: unknown): boolean => v === undefined || v === null || v === ''
  for (const key of ['phone', 'district', 'industry', 'birthday', 'notes'] as const) {
    if (blank(survivor[key]) && !blank(duplicate[key])) set(key, duplicate[key])
  }
  if (!blank(survivor.notes) && !blank(duplicate.notes) && survivor.notes !== duplicate.notes) {
    set('notes', `${survivor.notes}\n${duplicate.notes}`.slice(0, 5_000))
  }
  if (survivor.address.trim() === '' && duplicate.address.trim() !== '') set('address', duplicate.address)
  if (survivor.location === null && duplicate.location !== null) set('location', duplicate.location)
  if (survivor.ownerRepId === null && duplicate.ownerRepId !== null) {
    set('ownerRepId', duplicate.ownerRepId)
    set('teamId', duplicate.teamId)
  }
  if (
    survivor.openingHours.every((day) => day.length === 0) &&
    duplicate.openingHours.some((day) => day.length > 0)
  ) {
    set('openingHours', duplicate.openingHours)
  }
  if (STATUS_RANK[duplicate.status] > STATUS_RANK[survivor.status]) set('status', duplicate.status)
  const tags = [...new Set([...survivor.tags, ...duplicate.tags])].slice(0, 50)
  if (tags.length !== survivor.tags.length) set('tags', tags)
  // The duplicate's name keys stay searchable, so looking up the old name finds the survivor.
  const keys = [...new Set([...survivor.searchKeys, ...duplicate.searchKeys])].slice(0, 10)
  if (keys.length !== survivor.searchKeys.length) set('searchKeys', keys)
  const extraFields = Object.keys(duplicate.customFields).filter((k) => !(k in survivor.customFields))
  if (extraFields.length > 0) set('customFields', { ...duplicate.customFields, ...survivor.customFields })
  for (const key of touched) merged.clocks[key] = hlc
  return merged
}

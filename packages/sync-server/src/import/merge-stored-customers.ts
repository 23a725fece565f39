import {
  type Contact,
  type Customer,
  type CustomerMergeRelated,
  customerSchema,
  type Feedback,
  mergeCustomers,
  type Order,
  type Task,
  type Visit,
} from '@outrider/domain'
import type pg from 'pg'
import { documentsRepo } from '../repositories/documents-repo.ts'
import type { ChangeNotice } from '../sync/change-bus.ts'
import { serverStamp } from './server-stamp.ts'

export class MergeError extends Error {
  constructor(
    readonly code: 'E_NOT_FOUND' | 'E_VALIDATION',
    message: string,
  ) {
    super(message)
  }
}

type Stored = { doc: Record<string, unknown>; owner_rep_id: string | null; team_id: string | null }
export type StoredCustomer = { customer: Customer; ownerRepId: string | null; teamId: string | null }

/** Customers by id, locked for the rest of the transaction; documents parsed with the domain schema. */
export async function lockCustomers(
  client: pg.PoolClient,
  ids: string[],
): Promise<Map<string, StoredCustomer>> {
  const { rows } = await client.query<Stored & { id: string }>(
    'SELECT id, doc, owner_rep_id, team_id FROM customers WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE',
    [ids],
  )
  const out = new Map<string, StoredCustomer>()
  for (const r of rows) {
    const parsed = customerSchema.safeParse(r.doc)
    if (!parsed.success)
      throw new MergeError('E_VALIDATION', `stored customer ${r.id} is not a valid customer`)
    out.set(r.id, { customer: parsed.data, ownerRepId: r.owner_rep_id, teamId: r.team_id })
  }
  return out
}

const docsOf = async <T>(client: pg.PoolClient, table: string, where: string, ids: string[]) =>
  (
    await client.query<{ doc: T }>(`SELECT doc FROM ${table} WHERE ${where} = ANY($1::text[])`, [ids])
  ).rows.map((r) => r.doc)

/**
 * Folds a stored duplicate into a stored survivor, in the caller's transaction, with the domain's
 * `mergeCustomers`: the duplicate's orders, visits and feedback get new revisions under the survivor
 * (the old revisions stay, so nothing is lost), tasks, contacts and complaints move over, blanks are filled and the
 * duplicate is marked `mergedInto` and deleted.
 */
export async function mergeStoredCustomers(
  client: pg.PoolClient,
  survivorId: string,
  duplicateId: string,
  nowMs: number,
): Promise<{ survivor: Customer; moved: Record<string, number>; notice: ChangeNotice }> {
  if (survivorId === duplicateId) throw new MergeError('E_VALIDATION', 'cannot merge a customer into itself')
  const found = await lockCustomers(client, [survivorId, duplicateId])
  const survivor = found.get(survivorId)
  const duplicate = found.get(duplicateId)
  if (!survivor || !duplicate)
    throw new MergeError('E_NOT_FOUND', `unknown customer ${survivor ? duplicateId : survivorId}`)
  const related: CustomerMergeRelated = {
    orders: await docsOf<Order>(client, 'orders', 'customer_id', [duplicateId]),
    visits: await docsOf<Visit>(client, 'visits', 'customer_id', [duplicateId]),
    feedback: await docsOf<Feedback>(client, 'feedback', 'customer_id', [duplicateId]),
    tasks: await docsOf<Task>(client, 'tasks', 'customer_id', [duplicateId]),
    contacts: await docsOf<Contact>(client, 'contacts', 'customer_id', [survivorId, duplicateId]),
  }
  const authors = new Map<string, string>()
  for (const r of [...(related.orders ?? []), ...(related.visits ?? []), ...(related.feedback ?? [])])
    if (r.authorId) authors.set(r.revisionOf, r.authorId)
  const result = await writeMerge(client, survivor, duplicate.customer, related, nowMs, true)
  const { value } = result
  const now = new Date(nowMs).toISOString()
  const scope = { owner_rep_id: value.survivor.ownerRepId, team_id: value.survivor.teamId }
  const stampRevision = <T extends Order | Visit | Feedback>(r: T) => ({
    ...r,
    ...(authors.has(r.revisionOf) ? { authorId: authors.get(r.revisionOf) } : {}),
    receivedAt: now,
    serverUpdatedAt: now,
  })
  await documentsRepo.insertMany(client, 'orders', value.orders.map(stampRevision), () => scope)
  await documentsRepo.insertMany(client, 'visits', value.visits.map(stampRevision), () => scope)
  await documentsRepo.insertMany(client, 'feedback', value.feedback.map(stampRevision), () => scope)
  for (const t of value.tasks)
    await documentsRepo.upsert(client, 'tasks', { ...t, serverUpdatedAt: now }, { team_id: scope.team_id })
  // Complaints are mergeable: they move over as an edit of their customer, stamped now so it wins.
  const { rowCount: complaints } = await client.query(
    `UPDATE complaints SET customer_id = $2, owner_rep_id = $3, team_id = $4,
            doc = jsonb_set(doc || jsonb_build_object('customerId', $2::text, 'ownerRepId', $3::text),
                            '{clocks,customerId}', to_jsonb($5::text))
      WHERE customer_id = $1`,
    [duplicateId, survivorId, scope.owner_rep_id, scope.team_id, serverStamp(nowMs)],
  )
  // The duplicate's photos go with its visits to the survivor (and its owner), as reassignment does.
  await client.query(
    'UPDATE photos SET customer_id = $2, owner_rep_id = $3, team_id = $4 WHERE customer_id = $1',
    [duplicateId, survivorId, scope.owner_rep_id, scope.team_id],
  )
  return {
    survivor: value.survivor,
    moved: {
      orders: value.orders.length,
      visits: value.visits.length,
      feedback: value.feedback.length,
      tasks: value.tasks.length,
      contacts: value.contacts.length,
      complaints: complaints ?? 0,
    },
    notice: noticeFor(
      [survivor.ownerRepId, duplicate.ownerRepId, value.survivor.ownerRepId],
      [survivor.teamId, duplicate.teamId, value.survivor.teamId],
    ),
  }
}

/**
 * Folds an imported line (not stored yet) into a stored customer: blanks filled, tags and search keys
 * united, its contact (or its phone, as a contact) added. The line itself is not stored.
 */
export async function mergeRowIntoCustomer(
  client: pg.PoolClient,
  survivor: StoredCustomer,
  row: Customer,
  rowContact: Contact | null,
  nowMs: number,
): Promise<{ survivor: Customer; notice: ChangeNotice }> {
  const contacts = await docsOf<Contact>(client, 'contacts', 'customer_id', [survivor.customer.id])
  const { value } = await writeMerge(
    client,
    survivor,
    { ...row, ownerRepId: null, teamId: null },
    { contacts: rowContact ? [...contacts, rowContact] : contacts },
    nowMs,
    false,
  )
  return {
    survivor: value.survivor,
    notice: noticeFor(
      [survivor.ownerRepId, value.survivor.ownerRepId],
      [survivor.teamId, value.survivor.teamId],
    ),
  }
}

async function writeMerge(
  client: pg.PoolClient,
  survivor: StoredCustomer,
  duplicate: Customer,
  related: CustomerMergeRelated,
  nowMs: number,
  storeDuplicate: boolean,
) {
  const now = new Date(nowMs).toISOString()
  const hlc = serverStamp(nowMs)
  const merged = mergeCustomers(survivor.customer, duplicate, related, {
    now,
    hlc,
    newId: () => `m-${crypto.randomUUID()}`,
  })
  if (!merged.ok) throw new MergeError('E_VALIDATION', merged.error.message)
  const { value } = merged
  await documentsRepo.upsert(client, 'customers', { ...value.survivor, serverUpdatedAt: now })
  if (storeDuplicate) {
    const dup = value.duplicate
    await documentsRepo.upsert(client, 'customers', {
      ...dup,
      deleted: true,
      clocks: { ...dup.clocks, deleted: hlc },
      serverUpdatedAt: now,
    })
  }
  const scope = { owner_rep_id: value.survivor.ownerRepId, team_id: value.survivor.teamId }
  for (const c of value.contacts)
    await documentsRepo.upsert(
      client,
      'contacts',
      { ...c, ownerRepId: scope.owner_rep_id, serverUpdatedAt: now },
      scope,
    )
  return { value }
}

function noticeFor(owners: (string | null)[], teams: (string | null)[]): ChangeNotice {
  const present = (xs: (string | null)[]) => [...new Set(xs.filter((x): x is string => x !== null))]
  return {
    collections: ['customers', 'contacts', 'orders', 'visits', 'feedback', 'tasks', 'complaints'],
    owners: present(owners),
    teams: present(teams),
    broadcast: false,
  }
}

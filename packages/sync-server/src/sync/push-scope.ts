import { collectionTable, type Scope } from '@outrider/domain'
import type pg from 'pg'
import type { Principal } from '../auth/sessions.ts'
import type { Incoming } from './push-batch.ts'
import type { PushCollection, PushKind } from './push-rules.ts'
import { tables } from './tables.ts'

/**
 * The latest stored revision of a chain of append-only records: whose record it is, under which
 * customer, and its revision number (a correction gets a higher one).
 */
export type Chain = {
  authorId: string | null
  customerId: string | null
  revision: number
  /** The latest revision itself (stored chains only), for the audit log's "before". */
  doc?: unknown
}

/**
 * What a batch names beyond its own rows: the users it assigns tasks and day plans to (with their
 * team), and the revision chains its corrections extend. Read in the push's transaction.
 */
export type NamedScope = { userTeams: Map<string, string | null>; chains: Map<string, Chain> }

/** The rep an assignable row (a task, a day plan) is for, as the device names it. */
const namedUser = (collection: PushCollection, doc: Record<string, unknown>): unknown => {
  const scope = collectionTable[collection].scope
  return scope.kind === 'owned' && scope.assignable ? doc[scope.ownerField] : undefined
}

/** Who handles a row (a complaint's assignee), as the device names it; any writer may name them. */
const namedHandler = (collection: PushCollection, doc: Record<string, unknown>): unknown => {
  const scope: Scope = collectionTable[collection].scope
  return scope.kind === 'owned' && scope.handler !== undefined ? doc[scope.handler] : undefined
}

/** Reads the named users and revision chains, in one round trip, or none when the batch names none. */
export async function readNamedScope(
  client: pg.PoolClient,
  who: Principal,
  collection: PushCollection,
  kind: PushKind,
  incoming: Incoming,
): Promise<NamedScope> {
  // A rep's tasks and plans are forced to the rep (`normalizeIncoming`), so only others name users.
  const users = incoming
    .flatMap((r) => [
      who.role === 'rep' ? undefined : namedUser(collection, r.doc),
      namedHandler(collection, r.doc),
    ])
    .filter((u): u is string => typeof u === 'string')
  const revisionOf =
    kind === 'appendOnly'
      ? incoming
          .filter((r) => r.doc.revisionOf !== r.doc.id)
          .map((r) => r.doc.revisionOf)
          .filter((o): o is string => typeof o === 'string')
      : []
  const scope: NamedScope = { userTeams: new Map(), chains: new Map() }
  if (users.length === 0 && revisionOf.length === 0) return scope
  const originals = [...new Set(revisionOf)]
  // Two devices correcting the same record at once: the original's row lock makes the second wait
  // until the first commits, and its chain read (a statement of its own, so a fresh snapshot) then
  // sees the first's revision and numbers its own after it (`numberCorrections`).
  if (originals.length > 0)
    await client.query(
      `SELECT 1 FROM ${tables[collection].table} WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE`,
      [originals],
    )
  const chainSql =
    originals.length === 0
      ? ''
      : `UNION ALL SELECT * FROM (SELECT DISTINCT ON (revision_of) 'r', revision_of, author_id, customer_id, revision, doc
           FROM ${tables[collection].table} WHERE revision_of = ANY($2::text[])
          ORDER BY revision_of, revision DESC) chains`
  const { rows } = await client.query<{
    k: 'u' | 'r'
    id: string
    a: string | null
    b: string | null
    n: number | null
    d: unknown
  }>(
    `SELECT 'u' AS k, id, team_id AS a, NULL::text AS b, NULL::integer AS n, NULL::jsonb AS d FROM users WHERE id = ANY($1::text[]) ${chainSql}`,
    originals.length === 0 ? [[...new Set(users)]] : [[...new Set(users)], originals],
  )
  for (const r of rows) {
    if (r.k === 'u') scope.userTeams.set(r.id, r.a)
    else scope.chains.set(r.id, { authorId: r.a, customerId: r.b, revision: r.n ?? 1, doc: r.d })
  }
  return scope
}

/** Corrections in the batch may extend an original pushed in the same batch. */
export function batchOriginals(who: Principal, kind: PushKind, incoming: Incoming): Map<string, Chain> {
  const out = new Map<string, Chain>()
  if (kind !== 'appendOnly') return out
  for (const { doc } of incoming)
    if (doc.revisionOf === doc.id)
      out.set(String(doc.id), {
        authorId: who.userId,
        customerId: typeof doc.customerId === 'string' ? doc.customerId : null,
        revision: 1,
      })
  return out
}

/**
 * Why a row may not be written although its own scope allows it, or null: a user it names (assignee,
 * rep of a plan, handler of a complaint) outside the record's team; a correction of a record that does
 * not exist, that belongs to another customer (it would replace that record in every export), or
 * that a rep other than its author makes (a supervisor or admin may correct any record they may
 * write, which `mayWrite` has checked against the record's team).
 */
export function namedOwnerProblem(
  who: Principal,
  collection: PushCollection,
  doc: Record<string, unknown>,
  owner: { teamId: string | null },
  scope: NamedScope,
  inBatch: Map<string, Chain>,
): string | null {
  const named = who.role === 'rep' ? undefined : namedUser(collection, doc)
  for (const user of [named, namedHandler(collection, doc)]) {
    if (typeof user !== 'string') continue
    if (!scope.userTeams.has(user)) return `unknown user ${user}`
    if (scope.userTeams.get(user) !== owner.teamId) return `${user} is not in this record’s team`
  }
  if (typeof doc.revisionOf === 'string' && doc.revisionOf !== doc.id) {
    const chain = chainOf(doc, scope, inBatch)
    if (!chain) return `no record ${doc.revisionOf} to correct`
    if (who.role === 'rep' && chain.authorId !== who.userId)
      return `${doc.revisionOf} was written by someone else; only its author or their supervisor may correct it`
    if (chain.customerId !== doc.customerId) return `${doc.revisionOf} belongs to another customer`
  }
  return null
}

/** The team a new task or plan without a customer goes to: the writer's, or for an admin the named rep's. */
export function teamOfNamed(
  who: Principal,
  collection: PushCollection,
  doc: Record<string, unknown>,
  scope: NamedScope,
): string | null {
  if (who.role !== 'admin') return who.teamId
  const named = namedUser(collection, doc)
  return typeof named === 'string' ? (scope.userTeams.get(named) ?? null) : null
}

/** The chain a correction extends: stored, or an original earlier in the same batch. */
export function chainOf(
  doc: Record<string, unknown>,
  scope: NamedScope,
  inBatch: Map<string, Chain>,
): Chain | undefined {
  if (typeof doc.revisionOf !== 'string' || doc.revisionOf === doc.id) return undefined
  return scope.chains.get(doc.revisionOf) ?? inBatch.get(doc.revisionOf)
}

/**
 * Revision numbers for the batch's new corrections, by id. A correction made offline names the
 * revision after the latest its device knew; when another device's correction of the same record
 * reached the server first, that number is taken, so it gets the next free one: both are kept, the
 * one stored last is the latest, and every reader's "highest revision wins" sees one latest per
 * record. Corrections of one record in a batch keep their order.
 */
export function numberCorrections(
  incoming: Incoming,
  stored: ReadonlySet<string>,
  scope: NamedScope,
  inBatch: Map<string, Chain>,
): Map<string, number> {
  const byChain = new Map<string, { id: string; revision: number }[]>()
  for (const { doc } of incoming) {
    const id = String(doc.id)
    if (stored.has(id) || chainOf(doc, scope, inBatch) === undefined) continue
    const list = byChain.get(String(doc.revisionOf)) ?? []
    list.push({ id, revision: typeof doc.revision === 'number' ? doc.revision : 1 })
    byChain.set(String(doc.revisionOf), list)
  }
  const out = new Map<string, number>()
  for (const [original, list] of byChain) {
    let last = scope.chains.get(original)?.revision ?? 1
    for (const r of list.sort((a, b) => a.revision - b.revision || (a.id < b.id ? -1 : 1))) {
      if (out.has(r.id)) continue
      last = Math.max(r.revision, last + 1)
      out.set(r.id, last)
    }
  }
  return out
}

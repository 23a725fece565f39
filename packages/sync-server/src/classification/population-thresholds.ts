import {
  activeServicePolicy,
  type ClassificationThresholds,
  type CustomerFact,
  computePopulationThresholds,
  DEFAULT_TIME_ZONE,
  type OrderFact,
  type PopulationThresholds,
  populationThresholdsSchema,
  type ServicePolicy,
  sameThresholds,
  servicePolicySchema,
  thresholdsFor,
  thresholdsId,
  todayIn,
} from '@outrider/domain'
import type pg from 'pg'
import type { Database } from '../db/database-handle.ts'
import { documentsRepo } from '../repositories/documents-repo.ts'
import type { ChangeNotice } from '../sync/change-bus.ts'

type Queryable = Pick<pg.Pool, 'query'>
type Publish = (client: pg.PoolClient, notice: ChangeNotice) => Promise<unknown>

/** Serialises recomputations across server instances (any fixed key; the version must not fork). */
const LOCK_KEY = 7_715_015

export const thresholdsNotice: ChangeNotice = {
  collections: ['populationThresholds'],
  owners: [],
  teams: [],
  broadcast: true,
}

/** The policy in force, chosen among the stored ones by the rule devices follow too. */
export async function currentPolicy(db: Queryable): Promise<ServicePolicy> {
  const { rows } = await db.query<{ doc: unknown }>('SELECT doc FROM policies')
  return activeServicePolicy(
    rows.flatMap((r) => {
      const parsed = servicePolicySchema.safeParse(r.doc)
      return parsed.success ? [parsed.data] : []
    }),
  )
}

/** Every stored set of population thresholds (the organisation's and each team's). */
export async function storedThresholds(db: Queryable): Promise<PopulationThresholds[]> {
  const { rows } = await db.query<{ doc: unknown }>('SELECT doc FROM population_thresholds ORDER BY id')
  return rows.flatMap((r) => {
    const parsed = populationThresholdsSchema.safeParse(r.doc)
    return parsed.success ? [parsed.data] : []
  })
}

/** The thresholds the policy names for a team (the organisation's unless it says team), if computed. */
export async function thresholdsForTeam(
  db: Queryable,
  policy: ServicePolicy,
  teamId: string | null,
): Promise<PopulationThresholds | null> {
  return thresholdsFor(await storedThresholds(db), policy, teamId)
}

type Row = { doc: CustomerFact | OrderFact; team_id: string | null }

/** SQL of a row's `doc` reduced to these keys, each present exactly when the stored document has it. */
const docKeys = (keys: readonly string[]) =>
  `(SELECT coalesce(jsonb_object_agg(e.key, e.value), '{}'::jsonb) FROM jsonb_each(doc) e
     WHERE e.key = ANY(ARRAY[${keys.map((k) => `'${k}'`).join(', ')}]::text[]))`

/** Thresholds of the organisation and of every team with customers, as of `asOf`. */
function computeAll(
  policy: ServicePolicy,
  asOf: string,
  customers: Row[],
  orders: Row[],
): { id: string; thresholds: ClassificationThresholds }[] {
  const teams = [...new Set(customers.map((c) => c.team_id).filter((t): t is string => t !== null))].sort()
  const populations = [
    { scope: 'organisation' as const, teamId: null },
    ...teams.map((teamId) => ({ scope: 'team' as const, teamId })),
  ]
  return populations.flatMap((p) => {
    const of = (rows: Row[]) => (p.teamId === null ? rows : rows.filter((r) => r.team_id === p.teamId))
    const result = computePopulationThresholds(
      {
        customers: of(customers).map((r) => r.doc as CustomerFact),
        orders: of(orders).map((r) => r.doc as OrderFact),
      },
      policy,
      asOf,
      p,
    )
    return result.ok ? [{ id: thresholdsId(p.scope, p.teamId), thresholds: result.value }] : []
  })
}

/**
 * Recomputes the organisation's and every team's thresholds as of today (the policy's time zone) and
 * stores those that changed under the next version, waking every device. Unchanged ones are left alone,
 * so a recomputation with nothing new costs devices nothing. Returns what is stored afterwards.
 */
export async function recomputeThresholds(
  db: Database,
  publish: Publish,
  nowMs: number = Date.now(),
): Promise<PopulationThresholds[]> {
  return db.tx(async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY])
    const policy = await currentPolicy(client)
    const asOf = todayIn(policy.timeZone ?? DEFAULT_TIME_ZONE, nowMs)
    // Only the fields the computation reads (`CustomerFact`'s and `OrderFact`'s that it uses), as
    // stored: a 100,000-customer organisation's full documents would cost the server their size again.
    const customers = (
      await client.query<Row>(
        `SELECT ${docKeys(['id', 'deleted', 'mergedInto'])} AS doc, team_id FROM customers WHERE NOT deleted`,
      )
    ).rows
    const orders = (
      await client.query<Row>(
        `SELECT ${docKeys(['id', 'revisionOf', 'revision', 'customerId', 'orderedAt', 'status', 'lines'])} AS doc,
                team_id FROM orders`,
      )
    ).rows
    const before = new Map((await storedThresholds(client)).map((d) => [d.id, d]))
    const now = new Date(nowMs).toISOString()
    let changed = false
    for (const { id, thresholds } of computeAll(policy, asOf, customers, orders)) {
      const old = before.get(id)
      if (old && sameThresholds(old.thresholds, thresholds)) continue
      const doc: PopulationThresholds = {
        id,
        version: (old?.version ?? 0) + 1,
        computedAt: now,
        thresholds,
        createdAt: old?.createdAt ?? now,
        updatedAt: now,
        serverUpdatedAt: now,
      }
      await documentsRepo.upsert(client, 'populationThresholds', doc)
      changed = true
    }
    if (changed) await publish(client, thresholdsNotice)
    return storedThresholds(client)
  })
}

import {
  activeServicePolicy,
  type Complaint,
  type Customer,
  type Feedback,
  type Order,
  type PopulationThresholds,
  type ServicePolicy,
  type TagRule,
  type Task,
  thresholdsFor,
  type Visit,
} from '@outrider/domain'
import { useEffect, useMemo, useState } from 'react'
import { map } from 'rxjs'
import { followedRows, followRows } from './followed-rows.ts'
import { useLiveQuery } from './hooks.ts'
import { useOutrider } from './outrider-context.ts'
import { pacedUpdates } from './paced-updates.ts'
import { type ReferenceKind, type RowDocs, readReference } from './schemas.ts'
import { firstSyncProgressOf } from './sync/first-sync.ts'

export type TeamUser = {
  id: string
  displayName: string
  role: 'rep' | 'supervisor' | 'admin'
  teamId: string | null
}
export type TeamTeam = { id: string; name: string }

/** The supervisor's replicated slice, read from the local database (works offline). */
export interface TeamData {
  customers: Customer[]
  visits: Visit[]
  orders: Order[]
  feedback: Feedback[]
  tasks: Task[]
  complaints: Complaint[]
  users: TeamUser[]
  teams: TeamTeam[]
  policies: ServicePolicy[]
  tagRules: TagRule[]
  /** The policy in force (see `activeServicePolicy`). */
  policy: ServicePolicy
  /** The synced population thresholds the policy names for this user's team; null before any arrived. */
  thresholds: PopulationThresholds | null
}

type Big = 'customers' | 'visits' | 'orders' | 'feedback' | 'tasks' | 'complaints'
const bigCollections: Big[] = ['customers', 'visits', 'orders', 'feedback', 'tasks', 'complaints']
type BigData = { [C in Big]?: RowDocs[C][] }

/**
 * Live arrays of the collections a supervisor screen reads; null until every one has loaded once.
 * Pass the collections the screen needs so others are not kept in memory.
 */
export function useTeamData(need: readonly Big[] = bigCollections): TeamData | null {
  const { db, user, connection } = useOutrider()
  // What the shared follower already holds (the insights engine reads the same collections), so a
  // screen opened after the first sync shows its data in its first render.
  const known = (): BigData => {
    const out: BigData = {}
    for (const name of need) Object.assign(out, { [name]: followedRows(db, name) ?? undefined })
    return out
  }
  const [big, setBig] = useState<BigData>(known)
  const key = need.join(',')
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `need`
  useEffect(() => {
    // Replication writes in batches; coalesce their updates so screens recompute a few times a
    // second, and every few seconds during a first sync, rather than once per batch per collection.
    let pending: BigData = {}
    const paced = pacedUpdates(
      () => {
        const next = pending
        pending = {}
        setBig((prev) => ({ ...prev, ...next }))
      },
      // The newest weeks (the window review starts with) show at the usual pace; the history after them slower.
      firstSyncProgressOf(connection).state$.pipe(map((s) => s.active && s.recentIn)),
    )
    let subscribing = true
    const stops = need.map((name) =>
      followRows(db, name, (docs) => {
        pending = { ...pending, [name]: docs }
        if (!subscribing) paced.changed()
      }),
    )
    subscribing = false
    // Lists known at once are taken at once (the same arrays as in the first render: no recompute).
    setBig((prev) => {
      const next = pending
      pending = {}
      return need.every((n) => prev[n] === next[n]) ? prev : { ...prev, ...next }
    })
    return () => {
      paced.stop()
      for (const stop of stops) stop()
    }
  }, [db, connection, key])
  // One query for all reference kinds, split once per change, so the arrays keep their identity
  // between renders (memoised computations below depend on them).
  const reference = useLiveQuery('reference', { selector: {} }, [])
  const refs = useMemo(() => {
    if (!reference) return null
    const of = <K extends ReferenceKind>(kind: K) =>
      reference.flatMap((row) => readReference(kind, row) ?? [])
    return {
      users: of('users'),
      teams: of('teams'),
      policies: of('policies'),
      tagRules: of('tagRules'),
      populationThresholds: of('populationThresholds'),
    }
  }, [reference])
  const policies = refs?.policies as ServicePolicy[] | undefined
  const policy = useMemo(() => activeServicePolicy(policies ?? []), [policies])
  const ready = refs !== null && need.every((n) => big[n] !== undefined)
  const data = useMemo(
    () =>
      ready && refs
        ? {
            customers: big.customers ?? [],
            visits: big.visits ?? [],
            orders: big.orders ?? [],
            feedback: big.feedback ?? [],
            tasks: big.tasks ?? [],
            complaints: big.complaints ?? [],
            users: refs.users,
            teams: refs.teams,
            policies: refs.policies,
            tagRules: refs.tagRules,
            policy,
            thresholds: thresholdsFor(refs.populationThresholds, policy, user.teamId),
          }
        : null,
    [ready, refs, big, policy, user.teamId],
  )
  return data
}

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
import { type OutriderDb, rowsOf } from './device-db.ts'
import { useLiveQuery } from './hooks.ts'
import { useOutrider } from './outrider-context.ts'
import { type ReferenceKind, type RowDocs, readReference } from './schemas.ts'

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

/** Follows one collection's documents, handing each new list to `take`. */
function follow<C extends Big>(db: OutriderDb, name: C, take: (docs: RowDocs[C][]) => void) {
  return rowsOf(db, name)
    .find()
    .$.subscribe((docs) => take(docs.map((d) => d.toMutableJSON())))
}

/**
 * Live arrays of the collections a supervisor screen reads; null until every one has loaded once.
 * Pass the collections the screen needs so others are not kept in memory.
 */
export function useTeamData(need: readonly Big[] = bigCollections): TeamData | null {
  const { db, user } = useOutrider()
  const [big, setBig] = useState<BigData>({})
  const key = need.join(',')
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `need`
  useEffect(() => {
    setBig({})
    // Replication writes in batches; coalesce their updates so screens recompute a few times during
    // the first sync rather than once per batch per collection.
    let pending: BigData = {}
    let timer: ReturnType<typeof setTimeout> | null = null
    const flush = () => {
      timer = null
      const next = pending
      pending = {}
      setBig((prev) => ({ ...prev, ...next }))
    }
    const subs = need.map((name) =>
      follow(db, name, (docs) => {
        pending = { ...pending, [name]: docs }
        timer ??= setTimeout(flush, 250)
      }),
    )
    return () => {
      if (timer) clearTimeout(timer)
      for (const s of subs) s.unsubscribe()
    }
  }, [db, key])
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

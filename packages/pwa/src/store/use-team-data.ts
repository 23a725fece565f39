import type {
  Complaint,
  Customer,
  Feedback,
  Order,
  ServicePolicy,
  TagRule,
  Task,
  Visit,
} from '@outrider/domain'
import { useEffect, useMemo, useState } from 'react'
import { useLiveQuery } from './hooks.ts'
import { useOutrider } from './outrider-context.ts'

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
}

type Big = 'customers' | 'visits' | 'orders' | 'feedback' | 'tasks' | 'complaints'
const bigCollections: Big[] = ['customers', 'visits', 'orders', 'feedback', 'tasks', 'complaints']

/**
 * Live arrays of the collections a supervisor screen reads; null until every one has loaded once.
 * Pass the collections the screen needs so others are not kept in memory.
 */
export function useTeamData(need: readonly Big[] = bigCollections): TeamData | null {
  const { db } = useOutrider()
  const [big, setBig] = useState<Partial<Record<Big, unknown[]>>>({})
  const key = need.join(',')
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `need`
  useEffect(() => {
    setBig({})
    // Replication writes in batches; coalesce their updates so screens recompute a few times during
    // the first sync rather than once per batch per collection.
    let pending: Partial<Record<Big, unknown[]>> = {}
    let timer: ReturnType<typeof setTimeout> | null = null
    const flush = () => {
      timer = null
      const next = pending
      pending = {}
      setBig((prev) => ({ ...prev, ...next }))
    }
    const subs = need.map((name) =>
      db[name].find().$.subscribe((docs) => {
        pending[name] = docs.map((d) => d.toJSON())
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
  const reference = useLiveQuery<{ id: string; kind: string }>('reference', { selector: {} }, [])
  const refs = useMemo(() => {
    if (!reference) return null
    const by: Record<string, unknown[]> = { users: [], teams: [], policies: [], tagRules: [] }
    for (const d of reference) by[d.kind]?.push({ ...d, id: d.id.slice(d.kind.length + 1) })
    return by
  }, [reference])
  const ready = refs !== null && need.every((n) => big[n] !== undefined)
  const data = useMemo(
    () =>
      ready && refs
        ? {
            customers: (big.customers ?? []) as Customer[],
            visits: (big.visits ?? []) as Visit[],
            orders: (big.orders ?? []) as Order[],
            feedback: (big.feedback ?? []) as Feedback[],
            tasks: (big.tasks ?? []) as Task[],
            complaints: (big.complaints ?? []) as Complaint[],
            users: refs.users as TeamUser[],
            teams: refs.teams as TeamTeam[],
            policies: refs.policies as ServicePolicy[],
            tagRules: refs.tagRules as TagRule[],
          }
        : null,
    [ready, refs, big],
  )
  return data
}

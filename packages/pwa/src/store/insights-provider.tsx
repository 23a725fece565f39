import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react'
import { logFailure } from '../platform/log-failure.ts'
import type { Insights, ReplanRequest, TodayPlan, WorkDay, WorkerRequest } from '../worker/insights-types.ts'
import { workDayOf } from '../worker/work-day.ts'
import type { InsightsEngine } from './insights-engine.ts'
import { useOutriderIfReady } from './outrider-context.ts'
import type { ReferenceDocOf } from './schemas.ts'

/** The proposal starts "now", so it is refreshed now and then even when no data changes. */
const CLOCK_REFRESH_MS = 5 * 60_000
const LUNCH_KEY = 'outrider.today.lunch'

export interface InsightsState {
  /** Null until the worker's first answer. */
  insights: Insights | null
  /** True while the worker works on newer data than `insights` shows. */
  computing: boolean
  work: WorkDay
  setLunch: (on: boolean) => void
  /** The rest of today from here and now, computed in the worker. */
  replan: (request: ReplanRequest) => Promise<TodayPlan | null>
}

const Ctx = createContext<InsightsState | null>(null)

/**
 * Mount once inside the signed-in app. Once the local database is open it starts the insights engine
 * (insights-engine.ts, loaded then: it is no part of the first paint); the screens read the compute
 * worker's answer through `useInsights()`.
 */
export function InsightsProvider({ children }: { children: ReactNode }) {
  // Before the local database has opened there is nothing to analyse yet: insights stay null.
  const app = useOutriderIfReady()
  const [insights, setInsights] = useState<Insights | null>(null)
  const [computing, setComputing] = useState(true)
  const [lunch, setLunchState] = useState(() => localStorage.getItem(LUNCH_KEY) !== 'off')
  const [me, setMe] = useState<ReferenceDocOf<'users'> | undefined>(undefined)
  const worker = useRef<Worker | null>(null)
  const pending = useRef(new Map<number, (p: TodayPlan | null) => void>())
  const nextId = useRef(1)
  const schedule = useRef<() => void>(() => {})
  const work = useMemo(() => workDayOf(me, lunch), [me, lunch])
  const workRef = useRef(work)
  workRef.current = work

  useEffect(() => {
    if (!app) return
    let engine: InsightsEngine | null = null
    let stopped = false
    const pendingPlans = pending.current
    const tick = setInterval(() => schedule.current(), CLOCK_REFRESH_MS)
    void import('./insights-engine.ts')
      .then(({ startInsightsEngine }) => {
        if (stopped) return
        engine = startInsightsEngine({
          app,
          work: () => workRef.current,
          onInsights: (next, stillComputing) => {
            setInsights(next)
            setComputing(stillComputing)
          },
          onComputing: () => setComputing(true),
          onPlan: (requestId, plan) => {
            pendingPlans.get(requestId)?.(plan)
            pendingPlans.delete(requestId)
          },
          onMe: setMe,
        })
        worker.current = engine.worker
        schedule.current = engine.schedule
      })
      .catch(logFailure('the insights engine did not load; the list keeps its snapshot'))
    return () => {
      stopped = true
      clearInterval(tick)
      engine?.stop()
      worker.current = null
      schedule.current = () => {}
      for (const resolve of pendingPlans.values()) resolve(null)
      pendingPlans.clear()
    }
  }, [app])

  // A change of working hours or the lunch choice re-plans.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `work` is read through workRef when posting
  useEffect(() => schedule.current(), [work])

  const setLunch = useCallback((on: boolean) => {
    localStorage.setItem(LUNCH_KEY, on ? 'on' : 'off')
    setLunchState(on)
  }, [])
  const replan = useCallback(
    (request: ReplanRequest) =>
      new Promise<TodayPlan | null>((resolve) => {
        const w = worker.current
        if (!w) return resolve(null)
        const requestId = nextId.current++
        pending.current.set(requestId, resolve)
        w.postMessage({ type: 'replan', requestId, request } satisfies WorkerRequest)
      }),
    [],
  )
  const value = useMemo(
    () => ({ insights, computing, work, setLunch, replan }),
    [insights, computing, work, setLunch, replan],
  )
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>
}

/** Per-customer insight (tier, segment, lifecycle, tags, score, priority, due date, explanations) and the plan. */
export function useInsights(): InsightsState {
  const ctx = useContext(Ctx)
  if (!ctx) throw new Error('useInsights outside InsightsProvider (mount it in the app layout)')
  return ctx
}

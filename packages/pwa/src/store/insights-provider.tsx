import { activeServicePolicy, DEFAULT_TIME_ZONE, thresholdsFor, todayIn } from '@outrider/domain'
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
import type { MangoQuery } from 'rxdb'
import { afterFirstScreen } from '../platform/first-screen.ts'
import { logFailure } from '../platform/log-failure.ts'
import type {
  Insights,
  InsightsSnapshot,
  ReplanRequest,
  TodayPlan,
  WorkDay,
  WorkerRequest,
  WorkerResponse,
} from '../worker/insights-types.ts'
import { localClock } from '../worker/local-clock.ts'
import { workDayOf } from '../worker/work-day.ts'
import { collectionOf } from './device-db.ts'
import { useOutriderIfReady, useSessionUser } from './outrider-context.ts'
import {
  type DeviceDocs,
  type ReferenceDocOf,
  type ReferenceKind,
  type ReferenceRow,
  readReference,
} from './schemas.ts'
import { storeGeneratedTasks } from './service-writes.ts'

const DEBOUNCE_MS = 300
/** The proposal starts "now", so it is refreshed now and then even when no data changes. */
const CLOCK_REFRESH_MS = 5 * 60_000
const LUNCH_KEY = 'outrider.today.lunch'

type Watched =
  | 'customers'
  | 'orders'
  | 'visits'
  | 'feedback'
  | 'tasks'
  | 'contacts'
  | 'complaints'
  | 'reference'
type Sources = { [C in Watched]: DeviceDocs[C][] }

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

/** The documents of one reference kind, read with its domain schema. */
function ofKind<K extends ReferenceKind>(reference: readonly ReferenceRow[], kind: K) {
  return reference.flatMap((row) => readReference(kind, row) ?? [])
}

/**
 * Mount once inside the signed-in app. Watches the local collections, and ~300 ms after the last change
 * posts a snapshot to the compute worker; the screens read its answer through `useInsights()`.
 */
export function InsightsProvider({ children }: { children: ReactNode }) {
  // Before the local database has opened there is nothing to analyse yet: insights stay null.
  const app = useOutriderIfReady()
  const db = app?.db
  const listSnapshot = app?.listSnapshot
  const user = useSessionUser()
  const [insights, setInsights] = useState<Insights | null>(null)
  const [computing, setComputing] = useState(true)
  const [lunch, setLunchState] = useState(() => localStorage.getItem(LUNCH_KEY) !== 'off')
  const [me, setMe] = useState<ReferenceDocOf<'users'> | undefined>(undefined)
  const worker = useRef<Worker | null>(null)
  const pending = useRef(new Map<number, (p: TodayPlan | null) => void>())
  const nextId = useRef(1)
  const sources = useRef<Partial<Sources>>({})
  const schedule = useRef<() => void>(() => {})
  const work = useMemo(() => workDayOf(me, lunch), [me, lunch])
  const workRef = useRef(work)
  workRef.current = work

  useEffect(() => {
    if (!db) return
    const w = new Worker(new URL('../worker/compute.worker.ts', import.meta.url), { type: 'module' })
    worker.current = w
    let sent = 0
    let answered = 0
    w.onmessage = (e: MessageEvent<WorkerResponse>) => {
      const m = e.data
      if (m.type === 'insights') {
        answered++
        setInsights(m.insights)
        listSnapshot?.insights(m.insights.byCustomer)
        keepCareTasks(m.insights)
        setComputing(answered < sent)
      } else {
        pending.current.get(m.requestId)?.(m.plan)
        pending.current.delete(m.requestId)
      }
    }
    // A rep's phone makes the care tasks of their own customers once a day, from data in sync with the
    // server (a half-synced phone would miss some). Tasks are made a week ahead, so a day offline loses
    // none; ids are deterministic, so a second phone making the same ones only merges into them.
    let inSync = false
    const careKey = `outrider.care.${user.id}`
    const keepCareTasks = (insights: Insights) => {
      if (user.role !== 'rep' || !inSync || localStorage.getItem(careKey) === insights.asOf) return
      const care = (insights.careTasks ?? []).filter((t) => t.assigneeId === user.id)
      void storeGeneratedTasks(db, care)
        .then(() => localStorage.setItem(careKey, insights.asOf))
        .catch(logFailure('care tasks not stored; the next analysis stores them'))
    }
    void Promise.all((app?.replications ?? []).map((r) => r.awaitInSync())).then(() => {
      inSync = true
      schedule.current()
    })
    let timer: ReturnType<typeof setTimeout> | undefined
    const post = () => {
      const s = sources.current
      if (!s.customers || !s.orders || !s.visits || !s.feedback || !s.tasks || !s.reference) return
      const policy = activeServicePolicy(ofKind(s.reference, 'policies'))
      const snapshot: InsightsSnapshot = {
        clock: localClock(),
        asOf: todayIn(policy.timeZone ?? DEFAULT_TIME_ZONE),
        work: workRef.current,
        customers: s.customers,
        orders: s.orders,
        visits: s.visits,
        feedback: s.feedback,
        tasks: s.tasks,
        contacts: s.contacts ?? [],
        // The complaint records decide what is open once they have loaded (the open-complaint tag, risk, priority).
        ...(s.complaints === undefined ? {} : { complaints: s.complaints }),
        policy,
        tagRules: ofKind(s.reference, 'tagRules'),
        thresholds: thresholdsFor(ofKind(s.reference, 'populationThresholds'), policy, user.teamId),
      }
      sent++
      setComputing(true)
      w.postMessage({ type: 'snapshot', snapshot } satisfies WorkerRequest)
    }
    schedule.current = () => {
      clearTimeout(timer)
      timer = setTimeout(post, DEBOUNCE_MS)
    }
    const watch = <K extends Watched>(
      key: K,
      query: MangoQuery<DeviceDocs[K]>,
      take: (docs: DeviceDocs[K][]) => void,
    ) =>
      collectionOf(db, key)
        .find(query)
        .$.subscribe((docs) => {
          take(docs.map((d) => d.toMutableJSON()))
          schedule.current()
        })
    const held = sources.current
    const subs: { unsubscribe: () => void }[] = []
    // Reading every order and visit is the heaviest main-thread work of a start; let the first
    // screen show its own data before it begins (a returning rep wants the list at once).
    let stopped = false
    const begin = () => {
      if (stopped) return
      subs.push(
        watch('customers', {}, (docs) => {
          held.customers = docs
        }),
        watch('orders', {}, (docs) => {
          held.orders = docs
        }),
        watch('visits', {}, (docs) => {
          held.visits = docs
        }),
        watch('feedback', {}, (docs) => {
          held.feedback = docs
        }),
        watch('tasks', {}, (docs) => {
          held.tasks = docs
        }),
        watch('contacts', {}, (docs) => {
          held.contacts = docs
        }),
        watch('complaints', {}, (docs) => {
          held.complaints = docs
        }),
        watch(
          'reference',
          { selector: { kind: { $in: ['policies', 'tagRules', 'users', 'populationThresholds'] } } },
          (docs) => {
            held.reference = docs
            const mine = docs.find((d) => d.id === `users:${user.id}`)
            setMe(mine && readReference('users', mine))
          },
        ),
      )
    }
    afterFirstScreen(begin)
    const tick = setInterval(() => schedule.current(), CLOCK_REFRESH_MS)
    return () => {
      stopped = true
      clearTimeout(timer)
      clearInterval(tick)
      for (const s of subs) s.unsubscribe()
      w.terminate()
      worker.current = null
      for (const resolve of pending.current.values()) resolve(null)
      pending.current.clear()
    }
  }, [db, listSnapshot, user.id, user.role, user.teamId, app?.replications])

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

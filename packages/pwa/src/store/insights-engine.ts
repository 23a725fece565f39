import { activeServicePolicy, clusterModelFor, thresholdsFor } from '@outrider/domain'
import { afterFirstScreen } from '../platform/first-screen.ts'
import { logFailure } from '../platform/log-failure.ts'
import { clockNow, keepOrganisationTimeZone } from '../shared/organisation-clock.ts'
import type {
  Insights,
  InsightsSnapshot,
  TodayPlan,
  WorkDay,
  WorkerRequest,
  WorkerResponse,
} from '../worker/insights-types.ts'
import { collectionOf } from './device-db.ts'
import { followRows } from './followed-rows.ts'
import type { Outrider } from './outrider-context.ts'
import {
  type DeviceDocs,
  type ReferenceDocOf,
  type ReferenceKind,
  type ReferenceRow,
  type RowCollection,
  type RowDocs,
  readReference,
} from './schemas.ts'
import { storeGeneratedTasks } from './service-writes.ts'

const DEBOUNCE_MS = 300

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

/** The documents of one reference kind, read with its domain schema. */
function ofKind<K extends ReferenceKind>(reference: readonly ReferenceRow[], kind: K) {
  return reference.flatMap((row) => readReference(kind, row) ?? [])
}

export interface InsightsEngine {
  /** Posts a fresh snapshot to the worker ~300 ms after the last call. */
  schedule(): void
  worker: Worker
  stop(): void
}

/**
 * Watches the local collections, and ~300 ms after the last change posts a snapshot to the compute
 * worker; its answers go to `onInsights`, its re-plans to `onPlan`. Loaded once the local database is
 * open (the domain's schemas and policies it reads are no part of the first paint).
 */
export function startInsightsEngine(opts: {
  app: Outrider
  work: () => WorkDay
  onInsights: (insights: Insights, computing: boolean) => void
  onComputing: () => void
  onPlan: (requestId: number, plan: TodayPlan | null) => void
  onMe: (me: ReferenceDocOf<'users'> | undefined) => void
}): InsightsEngine {
  const { app, work } = opts
  const { db, listSnapshot, user } = app
  const w = new Worker(new URL('../worker/compute.worker.ts', import.meta.url), { type: 'module' })
  let sent = 0
  let answered = 0
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
  w.onmessage = (e: MessageEvent<WorkerResponse>) => {
    const m = e.data
    if (m.type === 'insights') {
      answered++
      opts.onInsights(m.insights, answered < sent)
      listSnapshot.insights(m.insights.byCustomer)
      keepCareTasks(m.insights)
    } else opts.onPlan(m.requestId, m.plan)
  }
  const held: Partial<Sources> = {}
  let timer: ReturnType<typeof setTimeout> | undefined
  const post = () => {
    const s = held
    if (!s.customers || !s.orders || !s.visits || !s.feedback || !s.tasks || !s.reference) return
    const policy = activeServicePolicy(ofKind(s.reference, 'policies'))
    // One day for everything the worker makes (classification, plan, care tasks): the organisation's.
    keepOrganisationTimeZone(policy.timeZone)
    const snapshot: InsightsSnapshot = {
      clock: clockNow(),
      work: work(),
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
      clusterModel: clusterModelFor(ofKind(s.reference, 'clusterModels'), user.teamId),
    }
    sent++
    opts.onComputing()
    w.postMessage({ type: 'snapshot', snapshot } satisfies WorkerRequest)
  }
  const schedule = () => {
    clearTimeout(timer)
    timer = setTimeout(post, DEBOUNCE_MS)
  }
  const inSyncNow = Promise.all(app.replications.map((r) => r.awaitInSync()))
  const syncedKey = `outrider.synced.${user.id}`
  void inSyncNow.then(() => {
    inSync = true
    localStorage.setItem(syncedKey, '1')
    schedule()
  })
  const watchReference = (take: (docs: DeviceDocs['reference'][]) => void) =>
    collectionOf(db, 'reference')
      .find({
        selector: {
          kind: { $in: ['policies', 'tagRules', 'users', 'populationThresholds', 'clusterModels'] },
        },
      })
      .$.subscribe((docs) => {
        take(docs.map((d) => d.toMutableJSON()))
        schedule()
      })
  // The row collections through the shared follower: a supervisor's screens then open on them at once.
  const watch = <K extends RowCollection & Watched>(key: K, take: (docs: RowDocs[K][]) => void) => {
    const stop = followRows(db, key, (docs) => {
      take(docs)
      schedule()
    })
    return { unsubscribe: stop }
  }
  const subs: { unsubscribe: () => void }[] = []
  // Reading every order and visit is the heaviest main-thread work of a start; let the first
  // screen show its own data before it begins (a returning rep wants the list at once). On a device's
  // first sync it waits for the sync to finish: following the collections while thousands of
  // documents arrive would copy every one of them again for each page, and rank from half the history.
  let stopped = false
  const firstSync = localStorage.getItem(syncedKey) === null
  const begin = (fn: () => void) =>
    firstSync ? void inSyncNow.then(() => afterFirstScreen(fn)) : afterFirstScreen(fn)
  begin(() => {
    if (stopped) return
    subs.push(
      watch('customers', (docs) => {
        held.customers = docs
      }),
      watch('orders', (docs) => {
        held.orders = docs
      }),
      watch('visits', (docs) => {
        held.visits = docs
      }),
      watch('feedback', (docs) => {
        held.feedback = docs
      }),
      watch('tasks', (docs) => {
        held.tasks = docs
      }),
      watch('contacts', (docs) => {
        held.contacts = docs
      }),
      watch('complaints', (docs) => {
        held.complaints = docs
      }),
      watchReference((docs) => {
        held.reference = docs
        const mine = docs.find((d) => d.id === `users:${user.id}`)
        opts.onMe(mine && readReference('users', mine))
      }),
    )
  })
  return {
    schedule,
    worker: w,
    stop() {
      stopped = true
      clearTimeout(timer)
      for (const s of subs) s.unsubscribe()
      w.terminate()
    },
  }
}

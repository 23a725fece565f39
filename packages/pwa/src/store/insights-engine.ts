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
  type RowDocs,
  readReference,
} from './schemas.ts'
import { storeGeneratedTasks } from './service-writes.ts'

const DEBOUNCE_MS = 300

/** The row collections the analysis reads, each followed and held under its own name. */
const watchedRows = ['customers', 'orders', 'visits', 'feedback', 'tasks', 'contacts', 'complaints'] as const
type WatchedRow = (typeof watchedRows)[number]
type Watched = WatchedRow | 'reference'
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
 * The snapshot the worker analyses, once every collection it needs has loaded (contacts and complaints
 * may come later: the analysis reads them when they are there); null until then.
 */
function snapshotOf(
  s: Partial<Sources>,
  work: WorkDay,
  teamId: Outrider['user']['teamId'],
): InsightsSnapshot | null {
  if (!s.customers || !s.orders || !s.visits || !s.feedback || !s.tasks || !s.reference) return null
  const policy = activeServicePolicy(ofKind(s.reference, 'policies'))
  // One day for everything the worker makes (classification, plan, care tasks): the organisation's.
  keepOrganisationTimeZone(policy.timeZone)
  return {
    clock: clockNow(),
    work,
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
    thresholds: thresholdsFor(ofKind(s.reference, 'populationThresholds'), policy, teamId),
    clusterModel: clusterModelFor(ofKind(s.reference, 'clusterModels'), teamId),
  }
}

/**
 * A rep's phone makes the care tasks of their own customers once a day, from data in sync with the
 * server (a half-synced phone would miss some). Tasks are made a week ahead, so a day offline loses
 * none; ids are deterministic, so a second phone making the same ones only merges into them.
 */
function careTaskKeeper(app: Outrider) {
  const { db, user } = app
  let inSync = false
  const careKey = `outrider.care.${user.id}`
  return {
    synced() {
      inSync = true
    },
    keep(insights: Insights) {
      if (user.role !== 'rep' || !inSync || localStorage.getItem(careKey) === insights.asOf) return
      const care = (insights.careTasks ?? []).filter((t) => t.assigneeId === user.id)
      void storeGeneratedTasks(db, care)
        .then(() => localStorage.setItem(careKey, insights.asOf))
        .catch(logFailure('care tasks not stored; the next analysis stores them'))
    },
  }
}

/**
 * Follows every collection the analysis reads into `held`, calling `changed` after each change; the
 * reference rows also tell who the signed-in user is now (`onMe`). Returns how to stop following.
 */
function followSources(
  app: Outrider,
  held: Partial<Sources>,
  changed: () => void,
  onMe: (me: ReferenceDocOf<'users'> | undefined) => void,
): () => void {
  const { db, user } = app
  // The row collections through the shared follower: a supervisor's screens then open on them at once.
  const follow = <K extends WatchedRow>(key: K) =>
    followRows(db, key, (docs) => {
      const into: { [C in K]?: RowDocs[C][] } = held
      into[key] = docs
      changed()
    })
  const stops = watchedRows.map(follow)
  const reference = collectionOf(db, 'reference')
    .find({
      selector: {
        kind: { $in: ['policies', 'tagRules', 'users', 'populationThresholds', 'clusterModels'] },
      },
    })
    .$.subscribe((docs) => {
      held.reference = docs.map((d) => d.toMutableJSON())
      const mine = held.reference.find((d) => d.id === `users:${user.id}`)
      onMe(mine && readReference('users', mine))
      changed()
    })
  return () => {
    for (const stop of stops) stop()
    reference.unsubscribe()
  }
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
  const { listSnapshot, user } = app
  const w = new Worker(new URL('../worker/compute.worker.ts', import.meta.url), { type: 'module' })
  // One snapshot in the worker at a time: a change while it is analysed asks for one more analysis
  // after it (of the records as they are then), never a queue of snapshots already superseded.
  let inFlight = false
  let again = false
  const care = careTaskKeeper(app)
  const held: Partial<Sources> = {}
  let timer: ReturnType<typeof setTimeout> | undefined
  const post = () => {
    if (inFlight) {
      again = true
      return
    }
    const snapshot = snapshotOf(held, work(), user.teamId)
    if (!snapshot) return
    inFlight = true
    opts.onComputing()
    w.postMessage({ type: 'snapshot', snapshot } satisfies WorkerRequest)
  }
  w.onmessage = (e: MessageEvent<WorkerResponse>) => {
    const m = e.data
    if (m.type === 'insights') {
      inFlight = false
      const more = again
      again = false
      opts.onInsights(m.insights, more)
      listSnapshot.insights(m.insights.byCustomer)
      care.keep(m.insights)
      if (more) post()
    } else opts.onPlan(m.requestId, m.plan)
  }
  w.onerror = (e: ErrorEvent) => {
    console.error('outrider: the analysis worker failed', e.message)
    // Changes are sent again rather than waiting for an answer that will not come.
    inFlight = false
    if (again) {
      again = false
      post()
    }
  }
  const schedule = () => {
    clearTimeout(timer)
    timer = setTimeout(post, DEBOUNCE_MS)
  }
  const inSyncNow = Promise.all(app.replications.map((r) => r.awaitInSync()))
  const syncedKey = `outrider.synced.${user.id}`
  void inSyncNow.then(() => {
    care.synced()
    localStorage.setItem(syncedKey, '1')
    schedule()
  })
  // Reading every order and visit is the heaviest main-thread work of a start; let the first
  // screen show its own data before it begins (a returning rep wants the list at once). On a device's
  // first sync it waits for the sync to finish: following the collections while thousands of
  // documents arrive would copy every one of them again for each page, and rank from half the history.
  let stopped = false
  let unfollow = () => {}
  const firstSync = localStorage.getItem(syncedKey) === null
  const begin = (fn: () => void) =>
    firstSync ? void inSyncNow.then(() => afterFirstScreen(fn)) : afterFirstScreen(fn)
  begin(() => {
    if (stopped) return
    unfollow = followSources(app, held, schedule, opts.onMe)
  })
  return {
    schedule,
    worker: w,
    stop() {
      stopped = true
      clearTimeout(timer)
      unfollow()
      w.terminate()
    },
  }
}

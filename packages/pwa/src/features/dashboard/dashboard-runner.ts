import type { DashboardInput, DashboardReport } from './compute-dashboard.ts'

export type DashboardState =
  | { status: 'computing' }
  | { status: 'ready'; report: DashboardReport }
  | { status: 'error'; message: string }

/** What the dashboard's worker looks like to the runner (a `Worker`, or a fake in tests). */
export type DashboardWorker = Pick<Worker, 'postMessage' | 'addEventListener' | 'removeEventListener'>

type Reply = { seq: number; report?: DashboardReport; error?: string }

/**
 * Keeps at most one report in the worker and one waiting: the team's records change every few hundred
 * milliseconds during a first sync, and a report takes longer than that, so sending each change would
 * queue reports of pages long superseded and leave the screen computing until all of them are done.
 * A change that arrives while a report is computed replaces the one waiting; only the newest report is
 * shown. Without a worker, or once it failed, reports are computed on the page.
 */
export function dashboardRunner(
  worker: DashboardWorker | null,
  compute: (input: DashboardInput) => DashboardReport,
  report: (state: DashboardState) => void,
) {
  let seq = 0
  let inFlight: DashboardInput | null = null
  let waiting: DashboardInput | null = null
  let usable = worker
  const onPage = (input: DashboardInput) => {
    try {
      report({ status: 'ready', report: compute(input) })
    } catch (err) {
      console.error('outrider: the dashboard could not be computed', err)
      report({ status: 'error', message: err instanceof Error ? err.message : String(err) })
    }
  }
  const send = (input: DashboardInput) => {
    if (!usable) {
      inFlight = null
      onPage(input)
      return
    }
    inFlight = input
    try {
      usable.postMessage({ seq: ++seq, input })
    } catch (err) {
      // e.g. DataCloneError: the records could not be copied to the worker; the page computes instead.
      console.error('outrider: the team’s records could not be sent to the dashboard worker', err)
      usable = null
      inFlight = null
      onPage(input)
    }
  }
  const onMessage = (ev: MessageEvent<Reply>) => {
    if (ev.data.seq !== seq || inFlight === null) return
    inFlight = null
    if (waiting) {
      const next = waiting
      waiting = null
      send(next)
    } else if (ev.data.report) report({ status: 'ready', report: ev.data.report })
    else report({ status: 'error', message: ev.data.error ?? 'unknown' })
  }
  // `error` (the script failed to load or threw outside its handler) and `messageerror` (the answer
  // could not be read) carry no sequence number: the newest input is computed on the page instead.
  const onBroken = (ev: Event) => {
    console.error('outrider: the dashboard worker failed', 'message' in ev ? String(ev.message) : ev.type)
    usable = null
    const latest = waiting ?? inFlight
    waiting = null
    inFlight = null
    if (latest) onPage(latest)
  }
  worker?.addEventListener('message', onMessage)
  worker?.addEventListener('error', onBroken)
  worker?.addEventListener('messageerror', onBroken)
  return {
    run(input: DashboardInput) {
      report({ status: 'computing' })
      if (inFlight) waiting = input
      else send(input)
    },
    stop() {
      waiting = null
      inFlight = null
      worker?.removeEventListener('message', onMessage)
      worker?.removeEventListener('error', onBroken)
      worker?.removeEventListener('messageerror', onBroken)
    },
  }
}

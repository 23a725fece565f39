import type { ClusterAnalysis } from '@outrider/domain'
import { type ClusterInput, computeClusters } from './compute-clusters.ts'

export type AnalysisState =
  | { status: 'idle' }
  | { status: 'computing' }
  | { status: 'ready'; analysis: ClusterAnalysis }
  /**
   * `too_few`: not enough customers who bought to cluster; `bad_date`: today in the organisation's zone
   * could not be read; `bad_policy`: the service policy cannot classify; `bad_records`: the team's
   * records could not be read; `stopped`: the worker could not be given the data or died (nothing to
   * say but "try again"); `failed`: anything else, as the analysis said it (`message`).
   */
  | { status: 'error'; reason: FailureReason; message: string }

export type FailureReason = 'too_few' | 'bad_date' | 'bad_policy' | 'bad_records' | 'stopped' | 'failed'

/** What a clustering worker looks like to the runner (a `Worker`, or a fake in tests). */
export type ClusterWorker = Pick<Worker, 'postMessage' | 'addEventListener' | 'removeEventListener'>

type Reply = { seq: number; analysis?: ClusterAnalysis; error?: string; code?: string }

/** The domain's error codes (`SegmentationError`) as the screen explains them. */
const reasonOf: Readonly<Record<string, FailureReason>> = {
  too_few_buyers: 'too_few',
  bad_as_of: 'bad_date',
  bad_policy: 'bad_policy',
  bad_input: 'bad_records',
}

const failure = (code: string | undefined, message: string): AnalysisState => ({
  status: 'error',
  reason: (code !== undefined && Object.hasOwn(reasonOf, code) ? reasonOf[code] : undefined) ?? 'failed',
  message,
})

/**
 * Sends each run to the worker (or computes on the page without one) and reports its state; a newer
 * run's answer replaces an older one's. Every way a run can end is reported: a worker that cannot be
 * given the data, throws while loading or dies ends the run as `stopped` instead of "computing" forever.
 */
export function clusterRunner(worker: ClusterWorker | null, report: (state: AnalysisState) => void) {
  let seq = 0
  let waiting = false
  const settle = (state: AnalysisState) => {
    waiting = false
    report(state)
  }
  const onMessage = (ev: MessageEvent<Reply>) => {
    if (ev.data.seq !== seq) return
    if (ev.data.analysis) settle({ status: 'ready', analysis: ev.data.analysis })
    else settle(failure(ev.data.code, ev.data.error ?? 'unknown'))
  }
  // `error` (the script failed to load or threw outside the handler) and `messageerror` (the answer
  // could not be read) carry no run number: they end whichever run is waiting.
  const onBroken = (ev: Event) => {
    console.error('outrider: the clustering worker failed', 'message' in ev ? String(ev.message) : ev.type)
    if (waiting) settle({ status: 'error', reason: 'stopped', message: ev.type })
  }
  worker?.addEventListener('message', onMessage)
  worker?.addEventListener('error', onBroken)
  worker?.addEventListener('messageerror', onBroken)
  return {
    run(input: ClusterInput) {
      const mine = ++seq
      waiting = true
      report({ status: 'computing' })
      if (worker) {
        try {
          worker.postMessage({ seq: mine, input })
        } catch (err) {
          // e.g. DataCloneError: the records could not be copied to the worker.
          console.error('outrider: the team’s records could not be sent to the clustering worker', err)
          settle({
            status: 'error',
            reason: 'stopped',
            message: err instanceof Error ? err.message : String(err),
          })
        }
        return
      }
      try {
        const result = computeClusters(input)
        settle(
          result.ok
            ? { status: 'ready', analysis: result.value }
            : failure(result.error.code, result.error.message),
        )
      } catch (err) {
        console.error('outrider: clustering failed on the page', err)
        settle({
          status: 'error',
          reason: 'stopped',
          message: err instanceof Error ? err.message : String(err),
        })
      }
    },
    stop() {
      worker?.removeEventListener('message', onMessage)
      worker?.removeEventListener('error', onBroken)
      worker?.removeEventListener('messageerror', onBroken)
    },
  }
}

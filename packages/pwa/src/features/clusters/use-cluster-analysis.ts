import type { ClusterAnalysis } from '@outrider/domain'
import { useEffect, useRef, useState } from 'react'
import { type ClusterInput, computeClusters } from './compute-clusters.ts'

export type AnalysisState =
  | { status: 'idle' }
  | { status: 'computing' }
  | { status: 'ready'; analysis: ClusterAnalysis }
  | { status: 'error'; message: string }

/**
 * Runs the clustering in a dedicated worker when asked (k-means for seven k never blocks the page);
 * on the main thread where workers are unavailable. A newer run's answer replaces an older one's.
 */
export function useClusterAnalysis(): [AnalysisState, (input: ClusterInput) => void] {
  const [state, setState] = useState<AnalysisState>({ status: 'idle' })
  const worker = useRef<Worker | null>(null)
  const seq = useRef(0)
  useEffect(() => {
    try {
      worker.current = new Worker(new URL('./clusters.worker.ts', import.meta.url), { type: 'module' })
    } catch (err) {
      // Without workers the run happens on the page (slower, same answer).
      console.warn('outrider: clustering runs on the page', err)
      worker.current = null
    }
    const w = worker.current
    const onMessage = (ev: MessageEvent<{ seq: number; analysis?: ClusterAnalysis; error?: string }>) => {
      if (ev.data.seq !== seq.current) return
      if (ev.data.analysis) setState({ status: 'ready', analysis: ev.data.analysis })
      else setState({ status: 'error', message: ev.data.error ?? 'unknown' })
    }
    w?.addEventListener('message', onMessage)
    return () => {
      w?.removeEventListener('message', onMessage)
      w?.terminate()
    }
  }, [])
  const run = (input: ClusterInput) => {
    const mine = ++seq.current
    setState({ status: 'computing' })
    const w = worker.current
    if (w) {
      w.postMessage({ seq: mine, input })
      return
    }
    const result = computeClusters(input)
    setState(
      result.ok
        ? { status: 'ready', analysis: result.value }
        : { status: 'error', message: result.error.message },
    )
  }
  return [state, run]
}

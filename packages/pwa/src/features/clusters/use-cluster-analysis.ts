import { useEffect, useRef, useState } from 'react'
import { type AnalysisState, clusterRunner } from './cluster-runner.ts'
import type { ClusterInput } from './compute-clusters.ts'

export type { AnalysisState } from './cluster-runner.ts'

/**
 * Runs the clustering in a dedicated worker when asked (k-means for seven k never blocks the page);
 * on the main thread where workers are unavailable. A newer run's answer replaces an older one's.
 */
export function useClusterAnalysis(): [AnalysisState, (input: ClusterInput) => void] {
  const [state, setState] = useState<AnalysisState>({ status: 'idle' })
  const runner = useRef<ReturnType<typeof clusterRunner> | null>(null)
  useEffect(() => {
    let worker: Worker | null = null
    try {
      worker = new Worker(new URL('./clusters.worker.ts', import.meta.url), { type: 'module' })
    } catch (err) {
      // Without workers the run happens on the page (slower, same answer).
      console.warn('outrider: clustering runs on the page', err)
    }
    const r = clusterRunner(worker, setState)
    runner.current = r
    return () => {
      r.stop()
      worker?.terminate()
      runner.current = null
    }
  }, [])
  const run = (input: ClusterInput) => {
    if (runner.current) runner.current.run(input)
    else setState({ status: 'error', reason: 'stopped', message: 'not ready' })
  }
  return [state, run]
}

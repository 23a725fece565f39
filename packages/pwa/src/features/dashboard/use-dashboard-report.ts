import { useEffect, useRef, useState } from 'react'
import { computeDashboard, type DashboardInput, type DashboardReport } from './compute-dashboard.ts'

type State =
  | { status: 'computing' }
  | { status: 'ready'; report: DashboardReport }
  | { status: 'error'; message: string }

/**
 * Computes the report in a dedicated worker so segmenting the team twice never blocks scrolling;
 * falls back to the main thread where workers are unavailable. Stale answers are dropped by sequence.
 */
export function useDashboardReport(input: DashboardInput | null): State {
  const [state, setState] = useState<State>({ status: 'computing' })
  const worker = useRef<Worker | null>(null)
  const seq = useRef(0)
  useEffect(() => {
    try {
      worker.current = new Worker(new URL('./dashboard.worker.ts', import.meta.url), { type: 'module' })
    } catch {
      worker.current = null
    }
    return () => worker.current?.terminate()
  }, [])
  useEffect(() => {
    if (!input) return
    const mine = ++seq.current
    setState({ status: 'computing' })
    const w = worker.current
    if (!w) {
      try {
        setState({ status: 'ready', report: computeDashboard(input) })
      } catch (err) {
        setState({ status: 'error', message: String(err) })
      }
      return
    }
    const onMessage = (ev: MessageEvent<{ seq: number; report?: DashboardReport; error?: string }>) => {
      if (ev.data.seq !== seq.current) return
      if (ev.data.report) setState({ status: 'ready', report: ev.data.report })
      else setState({ status: 'error', message: ev.data.error ?? 'unknown' })
    }
    w.addEventListener('message', onMessage)
    w.postMessage({ seq: mine, input })
    return () => w.removeEventListener('message', onMessage)
  }, [input])
  return state
}

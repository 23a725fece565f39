import { useEffect, useRef, useState } from 'react'
import { computeDashboard, type DashboardInput } from './compute-dashboard.ts'
import { type DashboardState, dashboardRunner } from './dashboard-runner.ts'

/**
 * Computes the report in a dedicated worker so segmenting the team twice never blocks scrolling;
 * falls back to the main thread where workers are unavailable. Inputs that change while a report is
 * computed are coalesced (see `dashboardRunner`): only the newest one is computed next.
 */
export function useDashboardReport(input: DashboardInput | null): DashboardState {
  const [state, setState] = useState<DashboardState>({ status: 'computing' })
  const runner = useRef<ReturnType<typeof dashboardRunner> | null>(null)
  useEffect(() => {
    let worker: Worker | null = null
    try {
      worker = new Worker(new URL('./dashboard.worker.ts', import.meta.url), { type: 'module' })
    } catch (err) {
      console.warn('outrider: the dashboard is computed on the page', err)
    }
    const r = dashboardRunner(worker, computeDashboard, setState)
    runner.current = r
    return () => {
      r.stop()
      worker?.terminate()
      runner.current = null
    }
  }, [])
  useEffect(() => {
    if (input) runner.current?.run(input)
  }, [input])
  return state
}

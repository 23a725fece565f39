/// <reference lib="webworker" />
import { computeDashboard, type DashboardInput } from './compute-dashboard.ts'

/** Runs the dashboard's figures off the main thread; one request in, one report (or error) out. */
self.onmessage = (ev: MessageEvent<{ seq: number; input: DashboardInput }>) => {
  const { seq, input } = ev.data
  try {
    self.postMessage({ seq, report: computeDashboard(input) })
  } catch (err) {
    self.postMessage({ seq, error: err instanceof Error ? err.message : String(err) })
  }
}

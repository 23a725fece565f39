/// <reference lib="webworker" />
import { computeInsights } from './compute-insights.ts'
import type { Insights, InsightsSnapshot, WorkerRequest, WorkerResponse } from './insights-types.ts'
import { replanToday } from './plan-today.ts'

// Runs off the main thread: segmentation and planning of a rep's whole book take tens to hundreds of ms.
let last: { snapshot: InsightsSnapshot; insights: Insights } | null = null
// This module runs only as a dedicated worker; the app's DOM typings would otherwise call `self` a window.
declare const self: DedicatedWorkerGlobalScope
const post = (m: WorkerResponse) => self.postMessage(m)

self.onmessage = (e: MessageEvent<WorkerRequest>) => {
  const msg = e.data
  if (msg.type === 'snapshot') {
    let insights: Insights
    try {
      insights = computeInsights(msg.snapshot)
    } catch (err) {
      insights = {
        asOf: msg.snapshot.clock.today,
        byCustomer: {},
        crossSell: {},
        plan: null,
        classifiedAgainst: null,
        error: String(err),
      }
    }
    last = { snapshot: msg.snapshot, insights }
    post({ type: 'insights', insights })
    return
  }
  if (!last) {
    post({ type: 'replanned', requestId: msg.requestId, plan: null, error: 'no data yet' })
    return
  }
  try {
    const plan = replanToday(last.snapshot, last.insights.byCustomer, msg.request)
    post({ type: 'replanned', requestId: msg.requestId, plan, error: null })
  } catch (err) {
    post({ type: 'replanned', requestId: msg.requestId, plan: null, error: String(err) })
  }
}

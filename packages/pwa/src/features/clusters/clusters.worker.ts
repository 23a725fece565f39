/// <reference lib="webworker" />
import { type ClusterInput, computeClusters } from './compute-clusters.ts'

/** Runs k-means for every k off the main thread; one request in, one analysis (or error) out. */
self.onmessage = (ev: MessageEvent<{ seq: number; input: ClusterInput }>) => {
  const { seq, input } = ev.data
  try {
    const result = computeClusters(input)
    self.postMessage(
      result.ok
        ? { seq, analysis: result.value }
        : { seq, error: result.error.message, code: result.error.code },
    )
  } catch (err) {
    self.postMessage({ seq, error: err instanceof Error ? err.message : String(err) })
  }
}

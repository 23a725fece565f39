import { defaultServicePolicy } from '@outrider/domain'
import { describe, expect, it } from 'vitest'
import { type AnalysisState, type ClusterWorker, clusterRunner } from './cluster-runner.ts'
import type { ClusterInput } from './compute-clusters.ts'

const input: ClusterInput = {
  records: { customers: [], orders: [], visits: [], feedback: [], tagRules: [], complaints: [] },
  policy: defaultServicePolicy,
  asOf: '2026-03-01',
  thresholds: null,
}

/** A worker stand-in: records what was posted, and lets the test fire its events. */
class FakeWorker extends EventTarget {
  posted: unknown[] = []
  throwOnPost: Error | null = null
  postMessage(message: unknown) {
    if (this.throwOnPost) throw this.throwOnPost
    this.posted.push(message)
  }
}

const start = (worker: FakeWorker | null) => {
  const states: AnalysisState[] = []
  const runner = clusterRunner(worker as ClusterWorker | null, (s) => states.push(s))
  return { states, runner }
}

describe('the clusters screen’s runner never stays on "computing"', () => {
  it('a worker that cannot be given the data ends the run with an error', () => {
    const worker = new FakeWorker()
    worker.throwOnPost = new Error('DataCloneError')
    const { states, runner } = start(worker)
    runner.run(input)
    expect(states).toEqual([
      { status: 'computing' },
      { status: 'error', reason: 'stopped', message: 'DataCloneError' },
    ])
  })

  it('a worker that dies (or whose answer cannot be read) ends the waiting run', () => {
    for (const type of ['error', 'messageerror']) {
      const worker = new FakeWorker()
      const { states, runner } = start(worker)
      runner.run(input)
      expect(worker.posted).toHaveLength(1)
      worker.dispatchEvent(new Event(type))
      expect(states.at(-1)).toEqual({ status: 'error', reason: 'stopped', message: type })
      // A failure after the run ended changes nothing.
      worker.dispatchEvent(new Event(type))
      expect(states).toHaveLength(2)
    }
  })

  it('the worker’s answer for the newest run is shown; too few buyers is said as such', () => {
    const worker = new FakeWorker()
    const { states, runner } = start(worker)
    runner.run(input)
    runner.run(input)
    worker.dispatchEvent(
      new MessageEvent('message', { data: { seq: 1, error: 'old', code: 'too_few_buyers' } }),
    )
    expect(states.at(-1)).toEqual({ status: 'computing' })
    worker.dispatchEvent(
      new MessageEvent('message', { data: { seq: 2, error: 'few', code: 'too_few_buyers' } }),
    )
    expect(states.at(-1)).toEqual({ status: 'error', reason: 'too_few', message: 'few' })
  })

  it('other failures are not called "too few buyers": each says what went wrong', () => {
    const said = (code: string | undefined) => {
      const worker = new FakeWorker()
      const { states, runner } = start(worker)
      runner.run(input)
      worker.dispatchEvent(new MessageEvent('message', { data: { seq: 1, error: 'why', code } }))
      return states.at(-1)
    }
    expect(said('bad_input')).toMatchObject({ reason: 'bad_records', message: 'why' })
    expect(said('bad_policy')).toMatchObject({ reason: 'bad_policy' })
    expect(said('bad_as_of')).toMatchObject({ reason: 'bad_date' })
    expect(said('bad_options')).toMatchObject({ reason: 'failed' })
    expect(said(undefined)).toMatchObject({ reason: 'failed' })
    // Computed on the page: a day that is not one is said as such, not as too few buyers.
    const { states, runner } = start(null)
    runner.run({ ...input, asOf: '1 March' })
    expect(states.at(-1)).toMatchObject({ status: 'error', reason: 'bad_date' })
  })

  it('without a worker the page computes it: no buyers is too few', () => {
    const { states, runner } = start(null)
    runner.run(input)
    expect(states.at(-1)).toMatchObject({ status: 'error', reason: 'too_few' })
  })
})

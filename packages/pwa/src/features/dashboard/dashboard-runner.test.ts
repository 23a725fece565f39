import { defaultServicePolicy } from '@outrider/domain'
import { describe, expect, it } from 'vitest'
import { computeDashboard, type DashboardInput } from './compute-dashboard.ts'
import { type DashboardState, type DashboardWorker, dashboardRunner } from './dashboard-runner.ts'

const inputOf = (to: string): DashboardInput => ({
  customers: [],
  visits: [],
  orders: [],
  feedback: [],
  tasks: [],
  reps: [],
  policy: defaultServicePolicy,
  tagRules: [],
  thresholds: null,
  period: { from: '2026-03-01', to },
  teamId: '',
  asOf: to,
})

/** A worker stand-in: records what was posted, and lets the test answer or fail. */
class FakeWorker extends EventTarget {
  posted: { seq: number; input: DashboardInput }[] = []
  throwOnPost: Error | null = null
  postMessage(message: { seq: number; input: DashboardInput }) {
    if (this.throwOnPost) throw this.throwOnPost
    this.posted.push(message)
  }
  /** Answers the last posted request as the real worker would. */
  answer() {
    const last = this.posted.at(-1)
    if (!last) throw new Error('nothing was posted')
    const report = computeDashboard(last.input)
    this.dispatchEvent(new MessageEvent('message', { data: { seq: last.seq, report } }))
  }
}

const start = (worker: FakeWorker | null) => {
  const states: DashboardState[] = []
  const computed: string[] = []
  const runner = dashboardRunner(
    worker as DashboardWorker | null,
    (input) => {
      computed.push(input.period.to)
      return computeDashboard(input)
    },
    (s) => states.push(s),
  )
  return { states, computed, runner }
}

const periodEnd = (s: DashboardState | undefined) =>
  s?.status === 'ready' ? s.report.visitsPerDay.at(-1)?.day : s?.status

describe('the dashboard’s runner', () => {
  it('computes only the newest of the changes that arrived while a report was computed', () => {
    const worker = new FakeWorker()
    const { states, runner } = start(worker)
    // The first sync delivers page after page while the first report is being computed.
    for (let day = 10; day <= 30; day++) runner.run(inputOf(`2026-03-${day}`))
    expect(worker.posted).toHaveLength(1)
    worker.answer()
    // The report of the first page is not shown: the newest input goes to the worker next.
    expect(states.at(-1)).toEqual({ status: 'computing' })
    expect(worker.posted.map((p) => p.input.period.to)).toEqual(['2026-03-10', '2026-03-30'])
    worker.answer()
    expect(periodEnd(states.at(-1))).toBe('2026-03-30')
    expect(worker.posted).toHaveLength(2)
  })

  it('a late answer of an earlier request is not taken for the newest', () => {
    const worker = new FakeWorker()
    const { states, runner } = start(worker)
    runner.run(inputOf('2026-03-10'))
    worker.dispatchEvent(
      new MessageEvent('message', { data: { seq: 0, report: computeDashboard(inputOf('2026-03-05')) } }),
    )
    expect(states.at(-1)).toEqual({ status: 'computing' })
    worker.answer()
    expect(periodEnd(states.at(-1))).toBe('2026-03-10')
  })

  it('a worker that dies or cannot be given the records leaves the page to compute the newest input', () => {
    for (const type of ['error', 'messageerror']) {
      const worker = new FakeWorker()
      const { states, computed, runner } = start(worker)
      runner.run(inputOf('2026-03-10'))
      runner.run(inputOf('2026-03-11'))
      worker.dispatchEvent(new Event(type))
      expect(computed).toEqual(['2026-03-11'])
      expect(periodEnd(states.at(-1))).toBe('2026-03-11')
      // Later changes are computed on the page too, at once.
      runner.run(inputOf('2026-03-12'))
      expect(periodEnd(states.at(-1))).toBe('2026-03-12')
      expect(worker.posted).toHaveLength(1)
    }
    const worker = new FakeWorker()
    worker.throwOnPost = new Error('DataCloneError')
    const { states, runner } = start(worker)
    runner.run(inputOf('2026-03-10'))
    expect(periodEnd(states.at(-1))).toBe('2026-03-10')
  })

  it('without a worker each input is computed on the page', () => {
    const { states, runner } = start(null)
    runner.run(inputOf('2026-03-10'))
    expect(states.map(periodEnd)).toEqual(['computing', '2026-03-10'])
  })
})

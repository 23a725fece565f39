import { describe, expect, it } from 'vitest'
import { createCostBuckets, createFairGate } from './fair-gate.ts'

/** A task that runs until released, recording when it started. */
function held(log: string[], name: string) {
  let release: () => void = () => {}
  const done = new Promise<void>((r) => {
    release = r
  })
  return {
    task: async () => {
      log.push(name)
      await done
    },
    release: () => release(),
  }
}

describe('fair gate: pull queries in flight per instance and per user', () => {
  it('another user’s request waits behind one of a user’s many queued requests, not behind all of them', async () => {
    const gate = createFairGate(1)
    const log: string[] = []
    const first = held(log, 'abuser-1')
    const running = gate('abuser', first.task)
    const rest = [2, 3, 4].map((i) => gate('abuser', async () => void log.push(`abuser-${i}`)))
    const victim = gate('victim', async () => void log.push('victim'))
    first.release()
    await Promise.all([running, victim, ...rest])
    // Served round-robin by user: the abuser's queue is taken one request per round.
    expect(log).toEqual(['abuser-1', 'abuser-2', 'victim', 'abuser-3', 'abuser-4'])
  })

  it('one user holds at most `perKey` slots, so the others stay free for everyone else', async () => {
    const gate = createFairGate(4, 2)
    const log: string[] = []
    const abuser = [1, 2, 3, 4].map((i) => held(log, `abuser-${i}`))
    const runs = abuser.map((a) => gate('abuser', a.task))
    await Promise.resolve()
    // The third and fourth wait although two slots are free: the user already has two in flight.
    expect(log).toEqual(['abuser-1', 'abuser-2'])
    await gate('victim', async () => void log.push('victim'))
    expect(log).toEqual(['abuser-1', 'abuser-2', 'victim'])
    abuser[0]!.release()
    await runs[0]
    await new Promise((r) => setImmediate(r))
    expect(log).toEqual(['abuser-1', 'abuser-2', 'victim', 'abuser-3'])
    for (const a of abuser) a.release()
    await Promise.all(runs)
    expect(log).toHaveLength(5)
  })
})

describe('cost buckets: what a user’s pulls may cost', () => {
  it('a user in debt waits in proportion to the debt, then is in credit again; others never wait', () => {
    let t = 0
    const costs = createCostBuckets(1000, 100, () => t)
    costs.charge('abuser', 1500)
    expect(costs.waitMs('abuser')).toBe(5000)
    expect(costs.waitMs('victim')).toBe(0)
    t = 2000
    expect(costs.waitMs('abuser')).toBe(3000)
    t = 5000
    expect(costs.waitMs('abuser')).toBe(0)
  })
})

import { describe, expect, it } from 'vitest'
import { createReplyBudget } from './reply-budget.ts'

/** Whether `p` has settled by the time pending callbacks ran. */
async function settled(p: Promise<unknown>): Promise<boolean> {
  let done = false
  void p.then(
    () => {
      done = true
    },
    () => {
      done = true
    },
  )
  await new Promise((resolve) => setImmediate(resolve))
  return done
}

describe('bytes of replies in flight', () => {
  it('a user whose unsent replies reach their share waits until one is handed to the network', async () => {
    const budget = createReplyBudget(1000, 10_000)
    const first = budget.hold('abuser', 600)
    expect(await settled(budget.ready('abuser'))).toBe(true)
    const second = budget.hold('abuser', 600)
    const third = budget.ready('abuser')
    expect(await settled(third)).toBe(false)
    first()
    expect(await settled(third)).toBe(true)
    second()
    expect(budget.inFlight()).toBe(0)
  })

  it('with the instance over its bytes, users with a reply in flight wait; a user with none is served', async () => {
    const budget = createReplyBudget(5000, 1000)
    const abuser = budget.hold('abuser', 800)
    budget.hold('supervisor', 800)
    const abuserNext = budget.ready('abuser')
    expect(await settled(abuserNext)).toBe(false)
    expect(await settled(budget.ready('victim'))).toBe(true)
    abuser()
    expect(budget.inFlight()).toBe(800)
    expect(await settled(abuserNext)).toBe(true)
  })

  it('a release counts once; a wait ends with the socket that asked', async () => {
    const budget = createReplyBudget(100, 1000)
    const release = budget.hold('a', 150)
    release()
    release()
    expect([budget.inFlight(), budget.inFlight('a')]).toEqual([0, 0])
    budget.hold('a', 150)
    const gone = new AbortController()
    const waiting = budget.ready('a', gone.signal)
    gone.abort()
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' })
  })
})

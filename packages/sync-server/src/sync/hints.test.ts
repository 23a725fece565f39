import type { CollectionName } from '@outrider/domain'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createHintCoalescer } from './hints.ts'

describe('createHintCoalescer', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  const setup = () => {
    const sent: CollectionName[][] = []
    const hints = createHintCoalescer((c) => sent.push(c), 15)
    return { sent, hints }
  }

  it('sends the first hint after a quiet spell at once', () => {
    const { sent, hints } = setup()
    hints.add(['visits'])
    expect(sent).toEqual([['visits']])
  })

  it('merges what follows within the window into one hint at its end, then is quiet again', () => {
    const { sent, hints } = setup()
    hints.add(['visits'])
    hints.pulled('visits')
    hints.add(['visits'])
    hints.add(['orders', 'visits'])
    hints.add(['conflicts'])
    expect(sent).toHaveLength(1)
    vi.advanceTimersByTime(15)
    expect(sent).toEqual([['visits'], ['visits', 'orders', 'conflicts']])
    // Nothing pending: the window ends without a hint, and the next change goes out at once.
    vi.advanceTimersByTime(15)
    expect(sent).toHaveLength(2)
    hints.pulled('tasks')
    hints.add(['tasks'])
    expect(sent).toEqual([['visits'], ['visits', 'orders', 'conflicts'], ['tasks']])
  })

  it('never sends hints closer together than the window, however long the burst', () => {
    const sent: CollectionName[][] = []
    // A device that pulls as soon as it is told to.
    const hints = createHintCoalescer((c) => {
      sent.push(c)
      for (const collection of c) hints.pulled(collection)
    }, 15)
    for (let ms = 0; ms < 150; ms++) {
      hints.add(['visits'])
      vi.advanceTimersByTime(1)
    }
    vi.advanceTimersByTime(15)
    // One at once, then one per 15 ms window of the burst.
    expect(sent).toHaveLength(11)
  })

  it('does not hint a collection again until the device has pulled it; other collections still wake it', () => {
    const { sent, hints } = setup()
    hints.add(['visits'])
    vi.advanceTimersByTime(15)
    // Told about visits and not pulled yet: more visit changes tell the device nothing new.
    hints.add(['visits'])
    vi.advanceTimersByTime(15)
    hints.add(['visits', 'orders'])
    vi.advanceTimersByTime(15)
    expect(sent).toEqual([['visits'], ['orders']])
    // The device pulls visits: a change after that is news again.
    hints.pulled('visits')
    hints.add(['visits', 'orders'])
    vi.advanceTimersByTime(15)
    expect(sent).toEqual([['visits'], ['orders'], ['visits']])
  })

  it('ignores notices the socket may not see, and sends nothing after stop', () => {
    const { sent, hints } = setup()
    hints.add([])
    expect(sent).toEqual([])
    hints.add(['visits'])
    hints.add(['orders'])
    hints.stop()
    vi.advanceTimersByTime(100)
    expect(sent).toEqual([['visits']])
  })
})

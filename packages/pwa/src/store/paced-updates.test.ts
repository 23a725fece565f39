import { BehaviorSubject } from 'rxjs'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { CALM_MS, FIRST_SYNC_MS, pacedUpdates } from './paced-updates.ts'

describe('pacedUpdates', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('runs once for a burst of changes', () => {
    const flush = vi.fn()
    const paced = pacedUpdates(flush, new BehaviorSubject(false))
    for (let i = 0; i < 10; i++) paced.changed()
    vi.advanceTimersByTime(CALM_MS)
    expect(flush).toHaveBeenCalledTimes(1)
    paced.changed()
    vi.advanceTimersByTime(CALM_MS)
    expect(flush).toHaveBeenCalledTimes(2)
    paced.stop()
  })

  it('waits longer during a first sync, and runs what is pending as soon as it ends', () => {
    const flush = vi.fn()
    const syncing = new BehaviorSubject(true)
    const paced = pacedUpdates(flush, syncing)
    paced.changed()
    vi.advanceTimersByTime(CALM_MS)
    expect(flush).not.toHaveBeenCalled()
    vi.advanceTimersByTime(FIRST_SYNC_MS - CALM_MS)
    expect(flush).toHaveBeenCalledTimes(1)

    // The last pages arrive, then the sync ends: the screen gets them at once, not a pace later.
    paced.changed()
    syncing.next(false)
    expect(flush).toHaveBeenCalledTimes(2)
    vi.advanceTimersByTime(FIRST_SYNC_MS)
    expect(flush).toHaveBeenCalledTimes(2)
    paced.changed()
    vi.advanceTimersByTime(CALM_MS)
    expect(flush).toHaveBeenCalledTimes(3)
    paced.stop()
  })

  it('runs nothing after it is stopped', () => {
    const flush = vi.fn()
    const syncing = new BehaviorSubject(true)
    const paced = pacedUpdates(flush, syncing)
    paced.changed()
    paced.stop()
    syncing.next(false)
    vi.advanceTimersByTime(FIRST_SYNC_MS)
    expect(flush).not.toHaveBeenCalled()
  })
})

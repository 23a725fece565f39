import { describe, expect, it } from 'vitest'
import { order, visit } from '../../worker/snapshot.test-helpers.ts'
import { buildTimeline } from './build-timeline.ts'

describe('buildTimeline', () => {
  it('lists newest first and shows only the latest revision of a corrected order', () => {
    const o1 = order('o1', 'c1', '2026-02-01T03:00:00.000Z', 100)
    const fix = { ...order('o1b', 'c1', '2026-02-01T03:00:00.000Z', 250), revisionOf: 'o1', revision: 2 }
    const items = buildTimeline(
      [visit('v1', 'c1', '2026-02-03T02:00:00.000Z')],
      [o1, fix, order('o2', 'c1', '2026-01-05T03:00:00.000Z', 50)],
      [],
      [],
    )
    expect(items.map((i) => i.id)).toEqual(['v1', 'o1b', 'o2'])
    expect(items[1]).toMatchObject({ kind: 'order', total: 250 })
  })
})

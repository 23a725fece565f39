import { describe, expect, it } from 'vitest'
import { applyEdit } from '../merge/edit.ts'
import { formatStamp } from '../merge/hlc.ts'
import { mergeRecords } from '../merge/merge-records.ts'
import { resolveConflict } from '../merge/resolve-conflict.ts'
import { complaintSchema } from '../model/complaint.ts'
import type { Task } from '../model/task.ts'
import { complaintState, complaintStep } from './complaint-flow.ts'
import { sampleComplaint } from './service.test-helpers.ts'

const T = Date.parse('2026-03-05T10:00:00.000Z')
const stamp = (offsetMs: number, device: string) => formatStamp(T + offsetMs, 0, device)
const iso = (offsetMs: number) => new Date(T + offsetMs).toISOString()

describe('concurrent edits of one complaint', () => {
  const ancestor = sampleComplaint()

  it('keeps the steps of both devices and each side’s other fields', () => {
    // The rep starts handling it on the phone while the supervisor assigns it elsewhere, both offline.
    const rep = applyEdit(
      ancestor,
      complaintStep(ancestor, {
        action: 'start',
        by: 'rep-1',
        at: iso(1_000),
        note: '已联系物流',
        stepId: 'st-a',
      }),
      stamp(1_000, 'dev-rep'),
    )
    const sup = applyEdit(
      ancestor,
      {
        ...complaintStep(ancestor, {
          action: 'assign',
          by: 'sup-1',
          at: iso(2_000),
          note: '请王五处理',
          stepId: 'st-b',
          assigneeId: 'rep-2',
        }),
        severity: 'high',
      },
      stamp(2_000, 'dev-sup'),
    )
    const merged = mergeRecords('mergeable', rep, sup)
    expect(merged.steps.map((s) => s.id)).toEqual(['st-1', 'st-a', 'st-b'])
    expect(complaintState(merged)).toBe('in_progress')
    expect(merged).toMatchObject({ assigneeId: 'rep-2', severity: 'high' })
    expect(mergeRecords('mergeable', sup, rep)).toEqual(merged)
    expect(mergeRecords('mergeable', merged, rep)).toEqual(merged)
    expect(complaintSchema.safeParse(merged).success).toBe(true)
  })

  it('logs no conflict for merged steps, and keeps the later satisfaction with the earlier one logged', () => {
    const a = applyEdit(
      ancestor,
      { satisfaction: 2, steps: [...ancestor.steps, { ...ancestor.steps[0]!, id: 'x', at: iso(5) }] },
      stamp(1_000, 'dev-a'),
    )
    const b = applyEdit(ancestor, { satisfaction: 5 }, stamp(3_000, 'dev-b'))
    const { merged, conflicts } = resolveConflict('mergeable', {
      collection: 'tasks',
      ancestor,
      local: a,
      remote: b,
    })
    expect(merged.satisfaction).toBe(5)
    expect(merged.steps.map((s) => s.id)).toEqual(['st-1', 'x'])
    expect(conflicts.map((c) => [c.field, c.losingValue])).toEqual([['satisfaction', 2]])
  })
})

describe('concurrent edits of one task', () => {
  const ancestor: Task = {
    id: 'task-1',
    createdAt: iso(0),
    updatedAt: iso(0),
    clocks: {},
    customerId: 'cust-1',
    assigneeId: 'rep-1',
    kind: 'care',
    title: '回访',
    due: '2026-03-06',
    status: 'open',
    doneAt: null,
    sourceVisitId: null,
  }

  it('a reschedule and a done-with-note from two devices both survive', () => {
    const sup = applyEdit(ancestor, { due: '2026-03-09', assigneeId: 'rep-2' }, stamp(1_000, 'dev-sup'))
    const rep = applyEdit(
      ancestor,
      { status: 'done', doneAt: iso(2_000), doneNote: '已回访，客户满意' },
      stamp(2_000, 'dev-rep'),
    )
    const { merged, conflicts } = resolveConflict('mergeable', {
      collection: 'tasks',
      ancestor,
      local: rep,
      remote: sup,
    })
    expect(merged).toMatchObject({
      due: '2026-03-09',
      assigneeId: 'rep-2',
      status: 'done',
      doneNote: '已回访，客户满意',
    })
    expect(conflicts).toEqual([])
  })

  it('two reschedules: the later wins and the other is logged', () => {
    const a = applyEdit(ancestor, { due: '2026-03-08' }, stamp(1_000, 'dev-a'))
    const b = applyEdit(ancestor, { due: '2026-03-10' }, stamp(4_000, 'dev-b'))
    const { merged, conflicts } = resolveConflict('mergeable', {
      collection: 'tasks',
      ancestor,
      local: a,
      remote: b,
    })
    expect(merged.due).toBe('2026-03-10')
    expect(conflicts.map((c) => [c.field, c.losingValue, c.losingDeviceId])).toEqual([
      ['due', '2026-03-08', 'dev-a'],
    ])
  })
})

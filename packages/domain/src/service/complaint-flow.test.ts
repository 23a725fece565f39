import { describe, expect, it } from 'vitest'
import { complaintSchema } from '../model/complaint.ts'
import { defaultServicePolicy } from '../segmentation/default-service-policy.ts'
import {
  allowedActions,
  ComplaintFlowError,
  complaintDueAt,
  complaintState,
  complaintStep,
  isComplaintOverdue,
  resolutionHours,
} from './complaint-flow.ts'
import { sampleComplaint } from './service.test-helpers.ts'

const step = (action: Parameters<typeof complaintStep>[1]['action'], at: string, extra = {}) => ({
  action,
  by: 'sup-1',
  at,
  note: `${action} note`,
  stepId: `st-${action}-${at}`,
  ...extra,
})

describe('complaint state machine', () => {
  it('goes open → in_progress → resolved → closed, each step with who, when and a note', () => {
    let c = sampleComplaint()
    expect(complaintState(c)).toBe('open')
    c = { ...c, ...complaintStep(c, step('start', '2026-03-05T10:00:00.000Z')) }
    expect(complaintState(c)).toBe('in_progress')
    c = { ...c, ...complaintStep(c, step('resolve', '2026-03-05T15:00:00.000Z')) }
    expect(complaintState(c)).toBe('resolved')
    c = { ...c, ...complaintStep(c, step('close', '2026-03-06T08:00:00.000Z')) }
    expect(complaintState(c)).toBe('closed')
    expect(c.steps.map((s) => [s.action, s.to, s.by])).toEqual([
      ['open', 'open', 'rep-1'],
      ['start', 'in_progress', 'sup-1'],
      ['resolve', 'resolved', 'sup-1'],
      ['close', 'closed', 'sup-1'],
    ])
    expect(resolutionHours(c)).toBe(6)
    expect(complaintSchema.safeParse(c).success).toBe(true)
  })

  it('reopens a resolved or closed complaint, and measures resolution from the final resolve', () => {
    let c = sampleComplaint()
    c = { ...c, ...complaintStep(c, step('resolve', '2026-03-05T11:00:00.000Z')) }
    c = { ...c, ...complaintStep(c, step('reopen', '2026-03-05T12:00:00.000Z')) }
    expect(complaintState(c)).toBe('open')
    expect(resolutionHours(c)).toBeNull()
    c = { ...c, ...complaintStep(c, step('resolve', '2026-03-05T13:00:00.000Z')) }
    expect(resolutionHours(c)).toBe(4)
  })

  it('refuses illegal transitions with a clear error and changes nothing', () => {
    const c = sampleComplaint()
    const before = structuredClone(c)
    const attempt = () => complaintStep(c, step('close', '2026-03-05T10:00:00.000Z'))
    expect(attempt).toThrow(ComplaintFlowError)
    expect(attempt).toThrow('cannot close a complaint that is open; allowed: start, resolve, assign')
    try {
      attempt()
    } catch (e) {
      expect((e as ComplaintFlowError).code).toBe('E_ILLEGAL_TRANSITION')
    }
    expect(() => complaintStep(c, step('reopen', '2026-03-05T10:00:00.000Z'))).toThrow(/cannot reopen/)
    expect(() => complaintStep(c, step('open', '2026-03-05T10:00:00.000Z'))).toThrow(/opened once/)
    expect(c).toEqual(before)
  })

  it('refuses a resolution without a note and an assignment without an assignee', () => {
    const c = sampleComplaint()
    expect(() => complaintStep(c, { ...step('resolve', '2026-03-05T10:00:00.000Z'), note: '  ' })).toThrow(
      /needs a note/,
    )
    expect(() => complaintStep(c, step('assign', '2026-03-05T10:00:00.000Z'))).toThrow(/needs the rep/)
  })

  it('assigning keeps the state and records the new owner', () => {
    const c = sampleComplaint()
    const next = complaintStep(c, step('assign', '2026-03-05T10:00:00.000Z', { assigneeId: 'rep-2' }))
    expect(next.assigneeId).toBe('rep-2')
    expect(complaintState(next)).toBe('open')
    expect(next.steps.at(-1)).toMatchObject({ action: 'assign', assigneeId: 'rep-2', by: 'sup-1' })
    expect(allowedActions('closed')).toEqual(['reopen'])
  })
})

describe('complaint due dates and escalation', () => {
  it('takes the due date from the tier’s response time, falling back to the defaults', () => {
    const opened = '2026-03-05T09:00:00.000Z'
    expect(complaintDueAt(defaultServicePolicy, 'A', opened)).toBe('2026-03-06T09:00:00.000Z')
    const policy = structuredClone(defaultServicePolicy)
    policy.tiers.C.complaintResponseHours = 4
    expect(complaintDueAt(policy, 'C', opened)).toBe('2026-03-05T13:00:00.000Z')
  })

  it('escalates an unresolved complaint past its due date, not a resolved one', () => {
    const c = sampleComplaint()
    expect(isComplaintOverdue(c, '2026-03-06T08:59:00.000Z')).toBe(false)
    expect(isComplaintOverdue(c, '2026-03-06T09:01:00.000Z')).toBe(true)
    const resolved = { ...c, ...complaintStep(c, step('resolve', '2026-03-06T09:00:30.000Z')) }
    expect(isComplaintOverdue(resolved, '2026-03-09T00:00:00.000Z')).toBe(false)
  })
})

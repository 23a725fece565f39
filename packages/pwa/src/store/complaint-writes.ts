import {
  type Complaint,
  type ComplaintAction,
  type ComplaintSeverity,
  complaintDueAt,
  complaintStep,
  newComplaintFields,
  type ServicePolicy,
} from '@outrider/domain'
import type { OutriderDb } from './device-db.ts'
import { createMergeable, editMergeable, newId } from './writes.ts'

export interface NewComplaintInput {
  /** Made when the form opened (a visit keeps it in its draft), so a retried save stores it once. */
  id?: string
  customerId: string
  visitId: string | null
  category: string
  severity: ComplaintSeverity
  description: string
  userId: string
  policy: ServicePolicy | undefined
  /** The customer's tier: its response time sets the due date. */
  tier: 'A' | 'B' | 'C'
}

/** Records a complaint, opened now by the user and handled by them until someone assigns it. */
export async function recordComplaint(db: OutriderDb, input: NewComplaintInput) {
  const id = input.id ?? newId('cmp')
  if (input.id !== undefined && (await db.complaints.findOne(id).exec()) !== null) return null
  const at = new Date().toISOString()
  return createMergeable(db, 'complaints', {
    id,
    ...newComplaintFields({
      id,
      stepId: newId('step'),
      customerId: input.customerId,
      visitId: input.visitId,
      category: input.category,
      severity: input.severity,
      description: input.description.trim(),
      by: input.userId,
      at,
      dueAt: complaintDueAt(input.policy, input.tier, at),
    }),
  })
}

/**
 * Takes one step of a complaint's handling, from the copy held now (not the one a screen showed, which
 * may be older): the domain's state machine refuses a step its state does not allow.
 */
export async function stepComplaint(
  db: OutriderDb,
  id: string,
  step: { action: ComplaintAction; note: string; userId: string; assigneeId?: string | undefined },
) {
  const held = await db.complaints.findOne(id).exec()
  if (!held) throw new Error(`complaint ${id} not found`)
  const current = held.toMutableJSON()
  const last = current.steps.at(-1)?.at
  // Steps are ordered by time: one taken now must come after those this device knows, whatever its clock.
  const at = new Date(Math.max(Date.now(), last === undefined ? 0 : Date.parse(last) + 1)).toISOString()
  const patch = complaintStep(current, {
    action: step.action,
    by: step.userId,
    at,
    note: step.note,
    stepId: newId('step'),
    ...(step.assigneeId === undefined ? {} : { assigneeId: step.assigneeId }),
  })
  return editMergeable(db, 'complaints', id, patch)
}

export const rateComplaint = (db: OutriderDb, id: string, satisfaction: number) =>
  editMergeable(db, 'complaints', id, { satisfaction })

/** The complaint card's actions, bound to this device's database and user. */
export function complaintActions(db: OutriderDb, userId: string) {
  return {
    step: (c: Complaint, action: ComplaintAction, note: string, assigneeId?: string) =>
      stepComplaint(db, c.id, { action, note, userId, assigneeId }),
    rate: (c: Complaint, satisfaction: number) => rateComplaint(db, c.id, satisfaction),
  }
}

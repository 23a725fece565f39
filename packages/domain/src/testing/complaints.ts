import { applyEdit } from '../merge/edit.ts'
import { formatStamp } from '../merge/hlc.ts'
import type { Complaint } from '../model/complaint.ts'
import { type ComplaintStepInput, complaintStep, newComplaintFields } from '../service/complaint-flow.ts'

/**
 * A complaint as a phone records it: opened by `by` at `atMs` on `customerId`, due a day later; a delivery
 * complaint unless `fields` say otherwise.
 */
export function recordedComplaint(
  id: string,
  customerId: string,
  by: string,
  atMs: number,
  fields: Partial<Pick<Complaint, 'category' | 'severity' | 'description'>> = {},
): Complaint {
  const at = new Date(atMs).toISOString()
  return {
    id,
    createdAt: at,
    updatedAt: at,
    clocks: {},
    ...newComplaintFields({
      id,
      stepId: `${id}-open`,
      customerId,
      visitId: null,
      category: fields.category ?? 'delivery',
      severity: fields.severity ?? 'high',
      description: fields.description ?? '送货晚了两天',
      by,
      at,
      dueAt: new Date(atMs + 24 * 3_600_000).toISOString(),
    }),
  }
}

/** `complaint` after one more step, edited at `atMs` on `deviceId` as the phone's complaint screen does. */
export function complaintEdit(
  complaint: Complaint,
  step: Omit<ComplaintStepInput, 'at'>,
  atMs: number,
  deviceId: string,
): Complaint {
  const input: ComplaintStepInput = { ...step, at: new Date(atMs).toISOString() }
  return applyEdit(complaint, complaintStep(complaint, input), formatStamp(atMs, 0, deviceId))
}

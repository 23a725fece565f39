import type { ServicePolicy } from '@outrider/domain'
import { logFailure } from '../../platform/log-failure.ts'
import { recordComplaint } from '../../store/complaint-writes.ts'
import { recordOrder } from '../../store/order-writes.ts'
import type { Outrider } from '../../store/outrider-context.ts'
import { appendRecord, createMergeable } from '../../store/writes.ts'
import { type VisitForm, visitRecords } from './visit-form.ts'

export const draftIdFor = (customerId: string) => `visit:${customerId}`

/**
 * Stores a checked-out visit: the visit, then its order (a prospect becomes a customer), feedback, follow-up task and complaint record
 * (due by the tier's response time in the policy). Each record
 * keeps the id made when the visit started, and one that already exists is skipped, so a retry
 * after a failure part-way stores every record exactly once. The draft goes only after all are in.
 */
export async function saveVisit(
  app: Outrider,
  customerId: string,
  form: VisitForm,
  service: { policy: ServicePolicy | undefined; tier: 'A' | 'B' | 'C' },
) {
  const { db, device, user } = app
  const records = visitRecords(form, {
    customerId,
    userId: user.id,
    now: new Date().toISOString(),
    survey: service.policy?.tiers[service.tier].survey,
  })
  const exists = async (c: 'visits' | 'feedback' | 'tasks', id: string) =>
    (await db[c].findOne(id).exec()) !== null
  if (!(await exists('visits', records.visit.id))) await appendRecord(db, 'visits', records.visit)
  if (records.order) await recordOrder(db, records.order)
  if (records.feedback && !(await exists('feedback', records.feedback.id)))
    await appendRecord(db, 'feedback', records.feedback)
  if (records.task && !(await exists('tasks', records.task.id)))
    await createMergeable(db, 'tasks', records.task)
  if (records.complaint)
    await recordComplaint(db, { ...records.complaint, customerId, userId: user.id, ...service })
  await device.drafts.delete(draftIdFor(customerId))
  void device.uploader
    .kick()
    .catch(logFailure('photo upload did not start; the queue retries when online and every minute'))
  return records
}

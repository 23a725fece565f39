import {
  contactSchema,
  customerSchema,
  dayPlanSchema,
  feedbackSchema,
  isPlausibleStamp,
  orderSchema,
  taskSchema,
  visitSchema,
} from '@outrider/domain'
import type { z } from 'zod'
import type { Principal } from '../auth/sessions.ts'

export type PushCollection =
  | 'customers'
  | 'contacts'
  | 'orders'
  | 'visits'
  | 'feedback'
  | 'tasks'
  | 'dayPlans'
export type PushKind = 'mergeable' | 'appendOnly'

const schemas: Record<PushCollection, z.ZodType<Record<string, unknown>>> = {
  customers: customerSchema,
  contacts: contactSchema,
  orders: orderSchema,
  visits: visitSchema,
  feedback: feedbackSchema,
  tasks: taskSchema,
  dayPlans: dayPlanSchema,
}

/** Fields a device may never set; the server fills them in (see `mergeForServer`). */
const serverOwned: Record<PushCollection, string[]> = {
  customers: ['ownerRepId', 'teamId', 'serverUpdatedAt'],
  contacts: ['ownerRepId', 'serverUpdatedAt'],
  orders: ['ownerRepId', 'authorId', 'receivedAt', 'serverUpdatedAt'],
  visits: ['ownerRepId', 'authorId', 'receivedAt', 'serverUpdatedAt', 'review'],
  feedback: ['ownerRepId', 'authorId', 'receivedAt', 'serverUpdatedAt'],
  tasks: ['serverUpdatedAt'],
  dayPlans: ['serverUpdatedAt'],
}

/** How far ahead of the server's clock an edit stamp may be; beyond it a device's clock is wrong. */
export const MAX_CLOCK_DRIFT_MS = 86_400_000

type Normalized =
  | { ok: true; doc: Record<string, unknown> }
  | { ok: false; message: string; details: { docId?: string; field?: string; reason: string }[] }

/** Parses a pushed document with its domain schema and drops server-owned fields and RxDB metadata. */
export function normalizeIncoming(
  collection: PushCollection,
  raw: Record<string, unknown>,
  who: Principal,
  nowMs: number,
): Normalized {
  const docId = typeof raw.id === 'string' ? raw.id : undefined
  if (raw._deleted === true) {
    return {
      ok: false,
      message: 'records are never hard-deleted; set the `deleted` field',
      details: [{ ...(docId ? { docId } : {}), field: '_deleted', reason: 'hard delete not allowed' }],
    }
  }
  const { _deleted, _meta, _rev, _attachments, ...body } = raw
  for (const f of serverOwned[collection]) delete body[f]
  // A rep's tasks and plans are always their own, whatever the device says.
  if (who.role === 'rep' && collection === 'tasks') body.assigneeId = who.userId
  if (who.role === 'rep' && collection === 'dayPlans') body.repId = who.userId
  if (collection === 'customers') {
    body.ownerRepId = null
    body.teamId = null
  }
  const parsed = schemas[collection].safeParse(body)
  if (!parsed.success) {
    return {
      ok: false,
      message: `invalid ${collection} document`,
      details: parsed.error.issues
        .slice(0, 20)
        .map((i) => ({ ...(docId ? { docId } : {}), field: i.path.join('.'), reason: i.message })),
    }
  }
  // A stamp from the far future would win every later edit of that field, forever.
  const clocks = (parsed.data.clocks ?? {}) as Record<string, unknown>
  const future = Object.entries(clocks).filter(
    ([, stamp]) => typeof stamp === 'string' && !isPlausibleStamp(stamp, nowMs, MAX_CLOCK_DRIFT_MS),
  )
  if (future.length > 0) {
    return {
      ok: false,
      message: 'edit time is more than a day ahead of the server; check the device clock',
      details: future.slice(0, 20).map(([field]) => ({
        ...(docId ? { docId } : {}),
        field: `clocks.${field}`,
        reason: 'clock stamp is in the future',
      })),
    }
  }
  return { ok: true, doc: parsed.data }
}

import {
  type Feedback,
  latestRevisions,
  type Order,
  orderTotal,
  type RevisionStep,
  revisionHistory,
  type Task,
  type Visit,
} from '@outrider/domain'

export type TimelineItem =
  | {
      kind: 'visit'
      id: string
      at: string
      purpose: string
      outcome: string
      notes: string
      /** `visit` on site, or the channel of a contact logged without check-in. */
      channel: string
      nps: number | null
      review: Visit['review'] | null
      cancelled: boolean
      /** The latest revision, which a correction starts from, and every revision with what it changed. */
      record: Visit
      history: RevisionStep<Visit>[]
    }
  | {
      kind: 'order'
      id: string
      at: string
      lines: number
      total: number
      cancelled: boolean
      record: Order
      history: RevisionStep<Order>[]
    }
  | {
      kind: 'feedback'
      id: string
      at: string
      score: number | null
      comment: string
      complaint: string | null
    }
  | { kind: 'task'; id: string; at: string; title: string; status: string; due: string }

/**
 * One customer's history, newest first: the latest revision of each visit, order and feedback, and tasks
 * (dated by when they were done, else created). Deleted tasks are left out.
 */
export function buildTimeline(
  visits: readonly Visit[],
  orders: readonly Order[],
  feedback: readonly Feedback[],
  tasks: readonly Task[],
): TimelineItem[] {
  const items: TimelineItem[] = []
  for (const v of latestRevisions(visits))
    items.push({
      kind: 'visit',
      id: v.id,
      at: v.checkInAt,
      purpose: v.purpose,
      outcome: v.outcome,
      notes: v.notes,
      channel: v.channel ?? 'visit',
      nps: v.nps ?? null,
      review: v.review ?? null,
      cancelled: v.cancelled === true,
      record: v,
      history: v.revision > 1 ? revisionHistory(visits, v.revisionOf) : [],
    })
  for (const o of latestRevisions(orders))
    items.push({
      kind: 'order',
      id: o.id,
      at: o.orderedAt,
      lines: o.lines.length,
      total: orderTotal(o.lines),
      cancelled: o.status === 'cancelled',
      record: o,
      history: o.revision > 1 ? revisionHistory(orders, o.revisionOf) : [],
    })
  for (const f of latestRevisions(feedback))
    items.push({
      kind: 'feedback',
      id: f.id,
      at: f.at,
      score: f.score,
      comment: f.comment,
      complaint: f.complaint?.status ?? null,
    })
  for (const t of tasks) {
    if (t.deleted) continue
    items.push({
      kind: 'task',
      id: t.id,
      at: t.doneAt ?? t.createdAt,
      title: t.title,
      status: t.status,
      due: t.due,
    })
  }
  return items.sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || a.id.localeCompare(b.id))
}

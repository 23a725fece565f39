import type { Complaint } from '../model/complaint.ts'
import { complaintState } from '../service/complaint-flow.ts'
import type { FeedbackFact } from './activity-facts.ts'

/** What classification reads of a complaint record (a domain `Complaint` fits). */
export type ComplaintFact = Pick<Complaint, 'customerId' | 'openedAt' | 'steps'> & {
  deleted?: boolean | undefined
}

/**
 * What classification reads as complaints. With complaint records, their real state decides what is
 * open (complaints typed into feedback before they were records no longer count as open forever), so
 * every caller that holds the records, phone, supervisor screens and export alike, counts the same.
 */
export function feedbackWithComplaints(
  feedback: readonly FeedbackFact[],
  complaints: readonly ComplaintFact[] | undefined,
): readonly FeedbackFact[] {
  if (complaints === undefined) return feedback
  const facts: FeedbackFact[] = feedback.map((f) => ({ ...f, complaint: null }))
  for (const c of complaints) {
    if (c.deleted) continue
    const state = complaintState(c)
    facts.push({
      customerId: c.customerId,
      at: c.openedAt,
      complaint: { status: state === 'closed' ? 'resolved' : state },
    })
  }
  return facts
}

import type { Complaint } from '@outrider/domain'
import type { ReactNode } from 'react'
import { ComplaintCard, type ComplaintHandlers } from './complaint-card.tsx'

type Person = { id: string; displayName: string }

/**
 * Complaints as cards, in the order given (each screen has its own: unresolved first, by due date, by
 * urgency). `people` names who opened and who handles each; given `reps`, a card can be assigned;
 * `heading` puts a line of the screen's own (which customer) above each card.
 */
export function ComplaintList({
  complaints,
  handlers,
  people,
  reps,
  now = new Date().toISOString(),
  heading,
}: {
  complaints: readonly Complaint[]
  handlers: ComplaintHandlers
  people: readonly Person[]
  reps?: readonly Person[] | undefined
  /** The instant that overdue is judged against (the screen's own, when it filters by it too). */
  now?: string
  heading?: (complaint: Complaint) => ReactNode
}) {
  const nameOf = (id: string) => people.find((u) => u.id === id)?.displayName ?? id
  return (
    <ul className="task-list">
      {complaints.map((c) => (
        <ComplaintCard
          key={c.id}
          complaint={c}
          handlers={handlers}
          nameOf={nameOf}
          reps={reps}
          now={now}
          heading={heading?.(c)}
        />
      ))}
    </ul>
  )
}

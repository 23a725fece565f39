import {
  allowedActions,
  type Complaint,
  type ComplaintAction,
  complaintState,
  isComplaintOverdue,
} from '@outrider/domain'
import { type ReactNode, useState } from 'react'
import { useTranslation } from 'react-i18next'
import './service.css'
import { formatInstant } from './organisation-clock.ts'

export interface ComplaintHandlers {
  step: (complaint: Complaint, action: ComplaintAction, note: string, assigneeId?: string) => Promise<unknown>
  rate: (complaint: Complaint, satisfaction: number) => Promise<unknown>
}

/**
 * One complaint: category, severity, state, due date (overdue ones flagged as escalated), who handles
 * it, its history, and the steps its state allows, each with a note. Given `reps` (supervisors), it
 * can be assigned. The handlers are field edits of the mergeable complaint (offline, merged).
 */
export function ComplaintCard({
  complaint,
  handlers,
  nameOf,
  reps,
  now,
  heading,
}: {
  complaint: Complaint
  handlers: ComplaintHandlers
  nameOf: (userId: string) => string
  reps?: readonly { id: string; displayName: string }[] | undefined
  now: string
  heading?: ReactNode
}) {
  const { t, i18n } = useTranslation()
  const [action, setAction] = useState<ComplaintAction | null>(null)
  const [note, setNote] = useState('')
  const [assignee, setAssignee] = useState(reps?.[0]?.id ?? '')
  const [problem, setProblem] = useState<string | null>(null)
  const state = complaintState(complaint)
  const overdue = isComplaintOverdue(complaint, now)
  const actions = allowedActions(state).filter((a) => a !== 'assign' || (reps?.length ?? 0) > 0)
  const run = async (work: () => Promise<unknown>) => {
    setProblem(null)
    try {
      await work()
      setAction(null)
      setNote('')
    } catch (err) {
      setProblem(t('service.complaint.failed', { message: (err as Error).message }))
    }
  }
  return (
    <li
      className={`complaint-card state-${state}${overdue ? ' overdue' : ''}`}
      data-testid="complaint"
      data-state={state}
    >
      {heading}
      <div className="task-main">
        <span className="task-title">
          {t(`code.complaintCategory.${complaint.category}`, { defaultValue: complaint.category })} ·{' '}
          {t(`code.severity.${complaint.severity}`)}
        </span>
        <span>{complaint.description}</span>
        <span className="muted">
          <strong data-testid="complaint-state">{t(`code.complaintStatus.${state}`)}</strong> ·{' '}
          {t('service.complaint.due', { date: complaint.dueAt.slice(0, 16).replace('T', ' ') })}
          {overdue && (
            <span className="badge late" data-testid="complaint-overdue">
              {' '}
              {t('service.complaint.overdue')}
            </span>
          )}
          {complaint.assigneeId &&
            ` · ${t('service.complaint.assignee', { name: nameOf(complaint.assigneeId) })}`}
        </span>
      </div>
      <div className="customer-actions">
        {actions.map((a) => (
          <button
            key={a}
            type="button"
            className={a === 'resolve' ? '' : 'secondary'}
            data-testid={`complaint-${a}`}
            onClick={() => setAction(action === a ? null : a)}
          >
            {t(`service.complaint.actions.${a}`)}
          </button>
        ))}
      </div>
      {action !== null && (
        <form
          onSubmit={(e) => {
            e.preventDefault()
            void run(() =>
              handlers.step(complaint, action, note.trim(), action === 'assign' ? assignee : undefined),
            )
          }}
        >
          {action === 'assign' && reps && (
            <label>
              {t('service.tasks.assign')}
              <select
                value={assignee}
                onChange={(e) => setAssignee(e.target.value)}
                data-testid="complaint-assignee"
              >
                {reps.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.displayName}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label>
            {t('service.complaint.note')}
            <input
              value={note}
              maxLength={2000}
              required={action === 'resolve'}
              onChange={(e) => setNote(e.target.value)}
              data-testid="complaint-note"
            />
          </label>
          <button type="submit" data-testid="complaint-confirm">
            {t(`service.complaint.actions.${action}`)}
          </button>
        </form>
      )}
      {(state === 'resolved' || state === 'closed') && (
        <label>
          {t('service.complaint.satisfaction')}
          <select
            value={complaint.satisfaction === null ? '' : String(complaint.satisfaction)}
            onChange={(e) => void run(() => handlers.rate(complaint, Number(e.target.value)))}
            data-testid="complaint-satisfaction"
          >
            <option value="" disabled>
              —
            </option>
            {[1, 2, 3, 4, 5].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
      )}
      <details>
        <summary>{t('service.complaint.history')}</summary>
        <ol>
          {complaint.steps.map((s) => (
            <li key={s.id}>
              {t('service.complaint.step', {
                action: t(`service.complaint.actions.${s.action}`),
                who: nameOf(s.by),
                when: formatInstant(s.at, i18n.language),
              })}
              {s.note ? ` · ${s.note}` : ''}
            </li>
          ))}
        </ol>
      </details>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
    </li>
  )
}

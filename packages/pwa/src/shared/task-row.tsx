import type { Task } from '@outrider/domain'
import { type ReactNode, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { formatDay } from './calendar-day.ts'
import { DateField } from './date-field.tsx'
import { clockNow } from './organisation-clock.ts'
import './service.css'

export interface Assignee {
  id: string
  displayName: string
}

/** The text of a task in the UI language: a care task's reason names the rule that made it. */
export function taskText(task: Task, lang: string): string {
  if (task.reason) return lang.startsWith('zh') ? task.reason.zh : task.reason.en
  return task.title
}

export interface TaskActions {
  done: (task: Task, note: string) => Promise<unknown>
  reschedule: (task: Task, due: string) => Promise<unknown>
  assign: (task: Task, repId: string) => Promise<unknown>
}

/**
 * One open task with its actions: done with a note, reschedule, and (for supervisors, given `reps`)
 * assign to a rep. The caller's actions are field edits of the mergeable task (offline, merged).
 */
export function TaskRow({
  task,
  actions,
  reps,
  customerName,
}: {
  task: Task
  actions: TaskActions
  reps?: readonly Assignee[] | undefined
  customerName?: ReactNode
}) {
  const { t, i18n } = useTranslation()
  const [mode, setMode] = useState<'idle' | 'done' | 'reschedule'>('idle')
  const [note, setNote] = useState('')
  const [due, setDue] = useState(task.due)
  const [problem, setProblem] = useState<string | null>(null)
  const dueId = useId()
  const run = async (action: () => Promise<unknown>) => {
    setProblem(null)
    try {
      await action()
      setMode('idle')
    } catch (err) {
      setProblem(t('service.tasks.failed', { message: (err as Error).message }))
    }
  }
  const text = taskText(task, i18n.language)
  return (
    <li className="task-row" data-testid="task" data-rule={task.careRule ?? ''}>
      <div className="task-main">
        <span className="task-title">{text}</span>
        {customerName}
        <span className="muted">
          {t('service.tasks.dueOn', { date: formatDay(task.due, i18n.language) })}
          {task.channel ? ` · ${t(`code.channel.${task.channel}`)}` : ''}
        </span>
      </div>
      <div className="customer-actions">
        <button
          type="button"
          aria-label={t('service.tasks.markDone', { title: text })}
          onClick={() => setMode(mode === 'done' ? 'idle' : 'done')}
          data-testid="task-done"
        >
          {t('service.tasks.done')}
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => setMode(mode === 'reschedule' ? 'idle' : 'reschedule')}
        >
          {t('service.tasks.reschedule')}
        </button>
        {reps && reps.length > 0 && (
          <label>
            {t('service.tasks.assign')}
            <select
              value={task.assigneeId}
              data-testid="task-assign"
              onChange={(e) => void run(() => actions.assign(task, e.target.value))}
            >
              {reps.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.displayName}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {mode === 'done' && (
        <form
          onSubmit={(e) => {
            e.preventDefault()
            void run(() => actions.done(task, note))
          }}
        >
          <label>
            {t('service.tasks.doneNote')}
            <input value={note} maxLength={5000} onChange={(e) => setNote(e.target.value)} />
          </label>
          <button type="submit" data-testid="task-confirm-done">
            {t('service.tasks.confirmDone')}
          </button>
        </form>
      )}
      {mode === 'reschedule' && (
        <form
          onSubmit={(e) => {
            e.preventDefault()
            void run(() => actions.reschedule(task, due))
          }}
        >
          <label htmlFor={dueId}>
            {t('service.tasks.moveTo')}
            <DateField
              id={dueId}
              title={t('service.tasks.moveTo')}
              value={due}
              min={clockNow().today}
              onChange={setDue}
            />
          </label>
          <button type="submit">{t('service.tasks.save')}</button>
        </form>
      )}
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
    </li>
  )
}

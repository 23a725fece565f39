import type { Customer, Task } from '@outrider/domain'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useLiveQuery } from '../../store/hooks.ts'
import { useOutrider } from '../../store/outrider-context.ts'
import { ensureSyncTracker } from '../../store/sync/sync-tracker.ts'
import { editMergeable } from '../../store/writes.ts'
import { groupTasks, localDate } from './group-tasks.ts'
import './tasks.css'

/** `/tasks`: the rep's open follow-ups and callbacks, overdue first. */
export default function TasksPage() {
  const { t } = useTranslation()
  const app = useOutrider()
  const { db, user } = app
  ensureSyncTracker(app)
  const [problem, setProblem] = useState<string | null>(null)
  const tasks = useLiveQuery<Task>('tasks', { selector: { status: 'open', assigneeId: user.id } }, [user.id])
  const open = useMemo(() => (tasks ?? []).filter((x) => !x.deleted), [tasks])
  const customerIds = [...new Set(open.map((x) => x.customerId).filter((c): c is string => !!c))].sort()
  const customers = useLiveQuery<Customer>('customers', { selector: { id: { $in: customerIds } } }, [
    customerIds.join(','),
  ])
  const names = new Map((customers ?? []).map((c) => [c.id, c.name]))
  const groups = groupTasks(open, localDate())

  const done = async (task: Task) => {
    setProblem(null)
    try {
      await editMergeable(db, 'tasks', task.id, { status: 'done', doneAt: new Date().toISOString() })
    } catch (err) {
      setProblem(t('tasks.failed', { message: (err as Error).message }))
    }
  }

  return (
    <section className="tasks" aria-labelledby="tasks-title">
      <h1 id="tasks-title">{t('tasks.title')}</h1>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      {tasks && open.length === 0 && <p>{t('tasks.empty')}</p>}
      {(['overdue', 'today', 'upcoming'] as const).map((g) =>
        groups[g].length === 0 ? null : (
          <div key={g} className={`task-group task-${g}`} data-testid={`tasks-${g}`}>
            <h2>
              {t(`tasks.${g}`)} ({groups[g].length})
            </h2>
            <ul>
              {groups[g].map((task) => {
                const name = task.customerId ? (names.get(task.customerId) ?? task.customerId) : null
                return (
                  <li key={task.id} data-testid="task">
                    <div className="task-main">
                      <span className="task-title">{task.title}</span>
                      <span className="muted">
                        {t(`tasks.kinds.${task.kind}`)} · {t('tasks.due', { date: task.due })}
                      </span>
                      {task.customerId && name && (
                        <Link
                          to={`/customers/${task.customerId}`}
                          aria-label={t('tasks.openCustomer', { name })}
                        >
                          {name}
                        </Link>
                      )}
                    </div>
                    <button
                      type="button"
                      aria-label={t('tasks.markDone', { title: task.title })}
                      onClick={() => void done(task)}
                    >
                      {t('tasks.done')}
                    </button>
                  </li>
                )
              })}
            </ul>
          </div>
        ),
      )}
    </section>
  )
}

import { daysBetween } from '@outrider/domain'
import { useTranslation } from 'react-i18next'
import '../../shared/service.css'
import { Link } from 'react-router'
import { useLiveQuery } from '../../store/hooks.ts'
import { useOutrider } from '../../store/outrider-context.ts'

/**
 * Beside the route: the rep's tasks due today or overdue (care tasks say why), and a badge for reviews
 * of their visits they have not replied to.
 */
export function DueTasks({ today }: { today: string }) {
  const { t, i18n } = useTranslation()
  const { user } = useOutrider()
  const tasks = useLiveQuery('tasks', { selector: { status: 'open', assigneeId: user.id } }, [user.id])
  const due = (tasks ?? [])
    .filter((x) => !x.deleted && x.due <= today)
    .sort((a, b) => a.due.localeCompare(b.due))
  const ids = [...new Set(due.map((x) => x.customerId).filter((c): c is string => !!c))].sort()
  const customers = useLiveQuery('customers', { selector: { id: { $in: ids } } }, [ids.join(',')])
  const names = new Map((customers ?? []).map((c) => [c.id, c.name]))
  const visits = useLiveQuery(
    'visits',
    { selector: { 'review.status': { $in: ['approved', 'commented'] } } },
    [],
  )
  const unanswered = (visits ?? []).filter((v) => v.review?.reply === undefined && v.review?.comment)
  const zh = i18n.language.startsWith('zh')
  return (
    <aside className="due-tasks" aria-labelledby="due-tasks-title" data-testid="due-tasks">
      {user.role === 'rep' && unanswered.length > 0 && (
        <p className="badge review-badge" data-testid="review-badge">
          {t('service.review.unread', { count: unanswered.length })}
        </p>
      )}
      <h2 id="due-tasks-title">
        {t('service.tasks.careDue')} ({due.length})
      </h2>
      <ul>
        {due.slice(0, 20).map((task) => {
          const days = daysBetween(task.due, today)
          return (
            <li key={task.id} data-testid="due-task" className={days > 0 ? 'overdue' : ''}>
              {task.customerId ? (
                <Link to={`/customers/${task.customerId}`}>
                  {names.get(task.customerId) ?? task.customerId}
                </Link>
              ) : null}{' '}
              <span>{task.reason ? (zh ? task.reason.zh : task.reason.en) : task.title}</span>{' '}
              <span className="muted">
                {days > 0
                  ? t('service.tasks.overdueBy', { days })
                  : t('service.tasks.dueOn', { date: task.due })}
              </span>
            </li>
          )
        })}
      </ul>
      <Link to="/tasks">{t('service.tasks.viewAll')}</Link> ·{' '}
      <Link to="/my-month">{t('service.month.title')}</Link>
    </aside>
  )
}

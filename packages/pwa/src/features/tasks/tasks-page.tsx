import { type Complaint, complaintState, type Task } from '@outrider/domain'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { MangoQuerySelector } from 'rxdb'
import { ComplaintList } from '../../shared/complaint-list.tsx'
import { useOrganisationClock } from '../../shared/organisation-clock.ts'
import { TaskRow } from '../../shared/task-row.tsx'
import { complaintActions } from '../../store/complaint-writes.ts'
import { useLiveQuery, useReference } from '../../store/hooks.ts'
import { useInsights } from '../../store/insights-provider.tsx'
import { useOutrider } from '../../store/outrider-context.ts'
import { taskActions } from '../../store/service-writes.ts'
import { ensureSyncTracker } from '../../store/sync/sync-tracker.ts'
import { groupTasks } from './group-tasks.ts'
import './tasks.css'

/**
 * `/tasks`: open tasks, overdue first. A rep sees their own; a supervisor the team's, care tasks by
 * tier, and can assign any of them to a rep of the team.
 */
export default function TasksPage() {
  const { t } = useTranslation()
  const app = useOutrider()
  const { db, user } = app
  ensureSyncTracker(app)
  const supervisor = user.role !== 'rep'
  const selector: MangoQuerySelector<Task> = supervisor
    ? { status: 'open' }
    : { status: 'open', assigneeId: user.id }
  const tasks = useLiveQuery('tasks', { selector }, [user.id, supervisor])
  const open = useMemo(() => (tasks ?? []).filter((x) => !x.deleted), [tasks])
  const customerIds = [...new Set(open.map((x) => x.customerId).filter((c): c is string => !!c))].sort()
  const customers = useLiveQuery('customers', { selector: { id: { $in: customerIds } } }, [
    customerIds.join(','),
  ])
  const users = useReference('users')
  const reps = supervisor
    ? (users ?? []).filter((u) => u.role === 'rep' && !u.disabled && u.teamId === user.teamId)
    : undefined
  const { insights } = useInsights()
  const names = new Map((customers ?? []).map((c) => [c.id, c.name]))
  const today = useOrganisationClock().today
  const groups = groupTasks(open, today)
  const actions = taskActions(db)
  const tierOf = (task: Task) => (task.customerId ? insights?.byCustomer[task.customerId]?.tier : undefined)

  return (
    <section className="tasks" aria-labelledby="tasks-title">
      <h1 id="tasks-title">{t('tasks.title')}</h1>
      {tasks && open.length === 0 && <p>{t('tasks.empty')}</p>}
      {supervisor && <CareByTier tasks={open} tierOf={tierOf} today={today} />}
      {!supervisor && <HandledComplaints />}
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
                  <TaskRow
                    key={task.id}
                    task={task}
                    actions={actions}
                    reps={reps}
                    customerName={
                      task.customerId &&
                      name && (
                        <Link
                          to={`/customers/${task.customerId}`}
                          aria-label={t('tasks.openCustomer', { name })}
                        >
                          {name}
                          {tierOf(task) ? ` · ${tierOf(task)}` : ''}
                        </Link>
                      )
                    }
                  />
                )
              })}
            </ul>
          </div>
        ),
      )}
    </section>
  )
}

/**
 * The unresolved complaints the rep handles, on customers of their own or (handed to them by the
 * supervisor) of another rep, whose customer is not on this phone: progressed here, offline too.
 */
function HandledComplaints() {
  const { t } = useTranslation()
  const { db, user } = useOutrider()
  const complaints = useLiveQuery('complaints', { selector: { assigneeId: user.id } }, [user.id])
  const users = useReference('users') ?? []
  const nameOf = (id: string) => users.find((u) => u.id === id)?.displayName ?? id
  const unresolved = (c: Complaint) => !c.deleted && ['open', 'in_progress'].includes(complaintState(c))
  const shown = (complaints ?? []).filter(unresolved).sort((a, b) => a.dueAt.localeCompare(b.dueAt))
  if (shown.length === 0) return null
  return (
    <div className="task-group" data-testid="tasks-complaints">
      <h2>
        {t('tasks.complaints')} ({shown.length})
      </h2>
      <ComplaintList
        complaints={shown}
        handlers={complaintActions(db, user.id)}
        people={users}
        heading={(c) =>
          c.ownerRepId && c.ownerRepId !== user.id ? (
            // Their customer is not on this phone: the complaint says what is needed.
            <span className="muted">{t('tasks.customerOf', { name: nameOf(c.ownerRepId) })}</span>
          ) : (
            <Link to={`/customers/${c.customerId}`}>{t('tasks.ownCustomer')}</Link>
          )
        }
      />
    </div>
  )
}

/** The team's care tasks, due today and overdue, per customer tier. */
function CareByTier({
  tasks,
  tierOf,
  today,
}: {
  tasks: readonly Task[]
  tierOf: (t: Task) => string | undefined
  today: string
}) {
  const { t } = useTranslation()
  const rows = (['A', 'B', 'C'] as const).map((tier) => {
    const care = tasks.filter((x) => x.kind === 'care' && tierOf(x) === tier)
    return {
      tier,
      due: care.filter((x) => x.due === today).length,
      overdue: care.filter((x) => x.due < today).length,
    }
  })
  return (
    <table className="care-by-tier" data-testid="care-by-tier">
      <caption>{t('tasks.careByTier')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('tasks.tier')}</th>
          <th scope="col">{t('tasks.today')}</th>
          <th scope="col">{t('tasks.overdue')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.tier}>
            <th scope="row">{r.tier}</th>
            <td>{r.due}</td>
            <td>{r.overdue}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

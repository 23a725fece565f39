import {
  type Complaint,
  type ComplaintState,
  complaintState,
  defaultComplaintCategories,
  isComplaintOverdue,
} from '@outrider/domain'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router'
import { ComplaintList } from '../../shared/complaint-list.tsx'
import { complaintActions } from '../../store/complaint-writes.ts'
import { useOutrider } from '../../store/outrider-context.ts'
import { useTeamData } from '../../store/use-team-data.ts'
import '../../shared/service.css'

const STATES: readonly ComplaintState[] = ['open', 'in_progress', 'resolved', 'closed']
type StatusFilter = ComplaintState | 'unresolved' | ''

/** Overdue first, then by due date: what needs the supervisor now comes first. */
function byUrgency(now: string) {
  return (a: Complaint, b: Complaint) =>
    Number(isComplaintOverdue(b, now)) - Number(isComplaintOverdue(a, now)) || a.dueAt.localeCompare(b.dueAt)
}

/**
 * `/complaints`: the team's complaints (from the replicated slice, offline too), filtered by status,
 * category and overdue (filters in the address); overdue ones are escalated at the top. A supervisor
 * assigns one to a rep of the team and can take any step its state allows.
 */
export default function ComplaintsPage() {
  const { t } = useTranslation()
  const { db, user } = useOutrider()
  const data = useTeamData(['customers', 'complaints'])
  const [params, setParams] = useSearchParams()
  const status = (params.get('status') ?? 'unresolved') as StatusFilter
  const category = params.get('category') ?? ''
  const overdueOnly = params.get('overdue') === '1'
  const now = new Date().toISOString()
  const set = (key: string, value: string) =>
    setParams((p) => {
      const next = new URLSearchParams(p)
      next.set(key, value)
      return next
    })

  const view = useMemo(() => {
    if (!data) return null
    const live = data.complaints.filter((c) => !c.deleted)
    const customers = new Map(data.customers.map((c) => [c.id, c]))
    const categories = new Set<string>([
      ...(data.policies[0]?.complaintCategories ?? defaultComplaintCategories),
      ...live.map((c) => c.category),
    ])
    const matches = (c: Complaint) => {
      const state = complaintState(c)
      if (status === 'unresolved' ? state !== 'open' && state !== 'in_progress' : status && state !== status)
        return false
      if (category && c.category !== category) return false
      return !overdueOnly || isComplaintOverdue(c, now)
    }
    return {
      customers,
      categories: [...categories],
      overdue: live.filter((c) => isComplaintOverdue(c, now)).length,
      shown: live.filter(matches).sort(byUrgency(now)),
      reps: data.users.filter((u) => u.role === 'rep'),
    }
  }, [data, status, category, overdueOnly, now])

  if (!view) return <p role="status">{t('complaints.loading')}</p>
  return (
    <section className="complaints" aria-labelledby="complaints-title">
      <h1 id="complaints-title">{t('complaints.title')}</h1>
      <p className={view.overdue > 0 ? 'badge late' : 'muted'} data-testid="complaints-escalated">
        {view.overdue > 0
          ? t('complaints.escalated', { count: view.overdue })
          : t('complaints.escalatedNone')}
      </p>
      <div className="dash-filters">
        <label>
          {t('complaints.status')}
          <select value={status} onChange={(e) => set('status', e.target.value)} data-testid="filter-status">
            <option value="">{t('complaints.any')}</option>
            <option value="unresolved">{t('complaints.unresolved')}</option>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {t(`code.complaintStatus.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('complaints.category')}
          <select
            value={category}
            onChange={(e) => set('category', e.target.value)}
            data-testid="filter-category"
          >
            <option value="">{t('complaints.any')}</option>
            {view.categories.map((c) => (
              <option key={c} value={c}>
                {t(`code.complaintCategory.${c}`, { defaultValue: c })}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input
            type="checkbox"
            checked={overdueOnly}
            onChange={(e) => set('overdue', e.target.checked ? '1' : '0')}
            data-testid="filter-overdue"
          />
          {t('complaints.overdueOnly')}
        </label>
      </div>
      <p className="muted" role="status">
        {t('complaints.shown', { count: view.shown.length })}
      </p>
      {view.shown.length === 0 ? (
        <p className="muted">{t('complaints.none')}</p>
      ) : (
        <ComplaintList
          complaints={view.shown}
          handlers={complaintActions(db, user.id)}
          people={data?.users ?? []}
          reps={view.reps}
          now={now}
          heading={(c) => (
            <p>
              <Link className="button secondary" to={`/customers/${c.customerId}`}>
                {t('complaints.customer', { name: view.customers.get(c.customerId)?.name ?? c.customerId })}
              </Link>
            </p>
          )}
        />
      )}
    </section>
  )
}

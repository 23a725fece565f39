import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { BackPageHeader } from '../../shared/back-page-header.tsx'
import { ChoiceSelect } from '../../shared/choice-select.tsx'
import { useLiveQuery, useReference } from '../../store/hooks.ts'
import { deviceOfClock, filterConflicts, showValue } from './conflict-rows.ts'
import '../../shared/office.css'
import '../../shared/tables.css'
import { formatInstant } from '../../shared/organisation-clock.ts'
import { ScrollRegion } from '../../shared/scroll-region.tsx'

const known = ['customers', 'contacts', 'tasks', 'dayPlans']

/** Lost same-field edits of the team, from the local `conflicts` collection (readable offline). */
export default function ConflictsPage() {
  const { t } = useTranslation()
  const conflicts = useLiveQuery('conflicts', { selector: {} }, [])
  const customers = useLiveQuery('customers', { selector: {} }, [])
  const users = useReference('users')
  const [repId, setRepId] = useState('')
  const [customer, setCustomer] = useState('')
  const names = useMemo(() => new Map((customers ?? []).map((c) => [c.id, c.name])), [customers])
  const customerName = (id: string | undefined) => (id ? (names.get(id) ?? id) : '—')
  const rows = useMemo(
    () => filterConflicts(conflicts ?? [], repId, customer, (id) => (id ? (names.get(id) ?? id) : '')),
    [conflicts, repId, customer, names],
  )
  const reps = (users ?? []).filter((u) => u.role === 'rep')
  return (
    <section className="conflicts" aria-labelledby="conflicts-title">
      <BackPageHeader
        titleId="conflicts-title"
        title={t('conflicts.title')}
        back="/manage"
        backLabel={t('conflicts.back')}
        help={t('conflicts.help')}
      />
      <div className="dash-filters">
        <ChoiceSelect
          label={t('conflicts.rep')}
          value={repId}
          onChange={setRepId}
          none={t('conflicts.allReps')}
          choices={reps.map((r) => ({ value: r.id, label: r.displayName }))}
        />
        <label>
          {t('conflicts.customer')}
          <input
            type="search"
            placeholder={t('conflicts.customerSearch')}
            value={customer}
            onChange={(e) => setCustomer(e.target.value)}
          />
        </label>
      </div>
      <p data-testid="conflict-count">
        {conflicts ? t('conflicts.count', { count: rows.length }) : t('app.loading')}
      </p>
      {conflicts && rows.length === 0 && <p>{t('conflicts.empty')}</p>}
      {rows.length > 0 && <ConflictTable rows={rows} customerName={customerName} />}
    </section>
  )
}

/** The newest 500 conflicts: when, which record and field, the value kept and the one lost, and by which devices. */
function ConflictTable({
  rows,
  customerName,
}: {
  rows: ReturnType<typeof filterConflicts>
  customerName: (id: string | undefined) => string
}) {
  const { t, i18n } = useTranslation()
  return (
    <ScrollRegion label={t('conflicts.title')}>
      <table className="moves conflict-table">
        <thead>
          <tr>
            <th scope="col">{t('conflicts.time')}</th>
            <th scope="col">{t('conflicts.record')}</th>
            <th scope="col">{t('conflicts.field')}</th>
            <th scope="col">{t('conflicts.winning')}</th>
            <th scope="col">{t('conflicts.losing')}</th>
            <th scope="col">{t('conflicts.devices')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, 500).map((c) => (
            <tr key={c.id}>
              <td>{formatInstant(c.at, i18n.language)}</td>
              <th scope="row">
                {t(`conflicts.collections.${known.includes(c.collection) ? c.collection : 'other'}`)} ·{' '}
                {customerName(c.customerId)}
              </th>
              <td>{c.field}</td>
              <td>{showValue(c.winningValue)}</td>
              <td>{showValue(c.losingValue)}</td>
              <td>
                {deviceOfClock(c.winningClock)} / {c.losingDeviceId}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  )
}

import type { Customer } from '@outrider/domain'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router'
import { offeredCustomFields } from '../../shared/custom-fields.ts'
import { useOrganisationClock } from '../../shared/organisation-clock.ts'
import { useBilingual } from '../../shared/use-bilingual.ts'
import { useLiveDoc, useLiveQuery, useReference } from '../../store/hooks.ts'
import { useInsights } from '../../store/insights-provider.tsx'
import { formatMinute } from '../../worker/local-clock.ts'
import { buildTimeline } from './build-timeline.ts'
import { ContactLog } from './contact-log.tsx'
import { ContactsSection } from './contacts-section.tsx'
import { CustomFieldValues } from './custom-fields-editor.tsx'
import { CustomerBadges } from './customer-badges.tsx'
import { CustomerComplaints } from './customer-complaints.tsx'
import { CustomerEdit } from './customer-edit.tsx'
import { CustomerKpis } from './customer-kpis.tsx'
import { CustomerTasks } from './customer-tasks.tsx'
import { PhoneActions } from './phone-actions.tsx'
import { Timeline } from './timeline.tsx'
import '../../shared/customers.css'
import './customer.css'

export default function CustomerPage() {
  const { t } = useTranslation()
  const { id = '' } = useParams()
  const customer = useLiveDoc('customers', id)
  const { insights } = useInsights()
  const [editing, setEditing] = useState(false)
  const { liveContacts, tasks, complaints, timeline } = useCustomerRecords(id)

  if (customer === null) return <p role="status">{t('customer.loading')}</p>
  if (customer === undefined || customer.deleted)
    return (
      <section className="customer">
        <p>{t('customer.notFound')}</p>
        <Link to="/customers">{t('customer.back')}</Link>
      </section>
    )

  const insight = insights?.byCustomer[id]

  return (
    <section className="customer" aria-labelledby="customer-title">
      <CustomerHead customer={customer} />
      <div className="customer-actions">
        <Link className="button" to={`/visit/${customer.id}`} data-testid="start-visit">
          {t('customer.startVisit')}
        </Link>
        <PhoneActions name={customer.name} phone={customer.phone} />
        <button
          type="button"
          className="secondary"
          onClick={() => setEditing((e) => !e)}
          aria-expanded={editing}
        >
          {t('customer.edit')}
        </button>
      </div>
      {editing && <CustomerEdit customer={customer} onDone={() => setEditing(false)} />}
      {customer.preferredChannel && (
        <p className="muted">
          {t('service.preferred', { channel: t(`code.channel.${customer.preferredChannel}`) })}
        </p>
      )}
      <h2>{t('service.log.title')}</h2>
      <ContactLog customer={customer} contacts={liveContacts} />

      <h2>{t('service.tasks.title')}</h2>
      <CustomerTasks customerId={customer.id} ownerRepId={customer.ownerRepId} tasks={tasks ?? []} />

      <h2>{t('service.complaint.title')}</h2>
      <CustomerComplaints
        customerId={customer.id}
        tier={insight?.tier ?? 'C'}
        complaints={complaints ?? []}
      />

      <h2>{t('customer.badges')}</h2>
      {insight ? <CustomerBadges insight={insight} /> : <p className="muted">{t('customer.analysing')}</p>}

      <h2>{t('customer.kpis')}</h2>
      {insight ? <CustomerKpis kpis={insight.kpis} /> : <p className="muted">{t('customer.analysing')}</p>}

      <h2>{t('customer.contacts')}</h2>
      <ContactsSection customerId={customer.id} contacts={liveContacts} />

      <h2>{t('customer.crossSell')}</h2>
      <CrossSell customerId={customer.id} />

      <h2>{t('customer.timeline')}</h2>
      <Timeline items={timeline} />
      {customer.notes && (
        <>
          <h2>{t('customer.notes')}</h2>
          <p className="notes">{customer.notes}</p>
        </>
      )}
    </section>
  )
}

/** The customer's contacts (primary first), tasks and complaints, and the timeline of visits, orders, feedback and tasks. */
function useCustomerRecords(id: string) {
  const byCustomer = { selector: { customerId: id } }
  const contacts = useLiveQuery('contacts', byCustomer, [id])
  const visits = useLiveQuery('visits', byCustomer, [id])
  const orders = useLiveQuery('orders', byCustomer, [id])
  const feedback = useLiveQuery('feedback', byCustomer, [id])
  const tasks = useLiveQuery('tasks', byCustomer, [id])
  const complaints = useLiveQuery('complaints', byCustomer, [id])
  const timeline = useMemo(
    () => buildTimeline(visits ?? [], orders ?? [], feedback ?? [], tasks ?? []),
    [visits, orders, feedback, tasks],
  )
  const liveContacts = (contacts ?? [])
    .filter((c) => !c.deleted)
    .sort((a, b2) => Number(b2.primary) - Number(a.primary))
  return { liveContacts, tasks, complaints, timeline }
}

/** The way back, the name, status and place, today's opening hours and the custom fields. */
function CustomerHead({ customer }: { customer: Customer }) {
  const { t } = useTranslation()
  const clock = useOrganisationClock()
  const definitions = useReference('customFieldDefinitions')
  const customFields = useMemo(() => offeredCustomFields(definitions), [definitions])
  const today = customer.openingHours[clock.weekday] ?? []
  return (
    <>
      <p>
        <Link className="back" to="/customers">
          ← {t('customer.back')}
        </Link>
      </p>
      <h1 id="customer-title">{customer.name}</h1>
      <p className="muted">
        {t(`code.customerStatus.${customer.status}`)} · {customer.city}
        {customer.district ? ` ${customer.district}` : ''} · {customer.address}
      </p>
      <p className="muted">
        {t('customer.hours')}:{' '}
        {today.length === 0
          ? t('customer.closedToday')
          : today.map((w) => `${formatMinute(w.open)}–${formatMinute(w.close)}`).join(', ')}
      </p>
      <CustomFieldValues fields={customFields} values={customer.customFields} />
    </>
  )
}

/** What the customer might buy next, and why. */
function CrossSell({ customerId }: { customerId: string }) {
  const { t } = useTranslation()
  const b = useBilingual()
  const { insights } = useInsights()
  const suggestions = insights?.crossSell[customerId] ?? []
  if (suggestions.length === 0) return <p className="muted">{t('customer.noCrossSell')}</p>
  return (
    <ul className="cross-sell">
      {suggestions.map((s) => (
        <li key={s.productId}>
          <strong>{s.productName}</strong>
          <span className="muted"> · {b(s.explanation)}</span>
        </li>
      ))}
    </ul>
  )
}

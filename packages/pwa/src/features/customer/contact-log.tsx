import type { Contact, ContactChannel, Customer, Visit } from '@outrider/domain'
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { DateField } from '../../shared/date-field.tsx'
import { clockNow } from '../../shared/organisation-clock.ts'
import '../../shared/service.css'
import { useOutrider } from '../../store/outrider-context.ts'
import { logContact } from '../../store/service-writes.ts'

type LogChannel = Exclude<ContactChannel, 'visit'>
const CHANNELS: LogChannel[] = ['phone', 'wechat', 'sms', 'email', 'other']
const OUTCOMES: Visit['outcome'][] = ['follow_up', 'interested', 'ordered', 'no_need', 'not_met', 'closed']

/** The href that starts a contact on this channel, if the phone can start it. */
function hrefFor(channel: LogChannel, phone: string | undefined, email: string | undefined): string | null {
  if (channel === 'phone' && phone) return `tel:${phone}`
  if (channel === 'sms' && phone) return `sms:${phone}`
  if (channel === 'email' && email) return `mailto:${email}`
  return null
}

/**
 * Call, message or e-mail the customer, or log a WeChat or other contact, without a check-in. Starting
 * a call, SMS or e-mail opens the log with that channel chosen, so logging it is one more tap.
 */
export function ContactLog({ customer, contacts }: { customer: Customer; contacts: readonly Contact[] }) {
  const { t } = useTranslation()
  const { db, user } = useOutrider()
  const [channel, setChannel] = useState<LogChannel | null>(null)
  const [outcome, setOutcome] = useState<Visit['outcome']>('follow_up')
  const [note, setNote] = useState('')
  const [next, setNext] = useState('')
  const [nextDue, setNextDue] = useState(() => clockNow().today)
  const [status, setStatus] = useState<string | null>(null)
  const nextDueId = useId()
  const primary = contacts.find((c) => c.primary) ?? contacts[0]
  const phone = customer.phone ?? primary?.phone
  const email = contacts.find((c) => c.email)?.email
  const channelName = (c: LogChannel) => t(`code.channel.${c}`)

  const save = async () => {
    if (channel === null) return
    setStatus(null)
    try {
      await logContact(db, {
        customerId: customer.id,
        channel,
        outcome,
        notes: note.trim(),
        nextStep: next.trim() === '' ? null : { title: next.trim(), due: nextDue },
        userId: user.id,
      })
      setChannel(null)
      setNote('')
      setNext('')
      setStatus(t('service.log.saved'))
    } catch (err) {
      setStatus(t('service.tasks.failed', { message: (err as Error).message }))
    }
  }

  return (
    <div className="contact-log" data-testid="contact-log">
      <div className="customer-actions">
        {CHANNELS.map((c) => {
          const href = hrefFor(c, phone, email)
          const label = t('service.log.open', { channel: channelName(c) })
          return href ? (
            <a
              key={c}
              className="button secondary"
              href={href}
              onClick={() => setChannel(c)}
              data-testid={`contact-${c}`}
            >
              {channelName(c)}
            </a>
          ) : (
            <button
              key={c}
              type="button"
              className="secondary"
              aria-label={label}
              onClick={() => setChannel(c)}
              data-testid={`contact-${c}`}
            >
              {label}
            </button>
          )
        })}
      </div>
      {status && <p role="status">{status}</p>}
      {channel !== null && (
        <form
          className="contact-log-form"
          aria-label={t('service.log.title')}
          onSubmit={(e) => {
            e.preventDefault()
            void save()
          }}
        >
          <label>
            {t('service.log.channel')}
            <select value={channel} onChange={(e) => setChannel(e.target.value as LogChannel)}>
              {CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {channelName(c)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('service.log.outcome')}
            <select value={outcome} onChange={(e) => setOutcome(e.target.value as Visit['outcome'])}>
              {OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {t(`code.outcome.${o}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('service.log.note')}
            <textarea value={note} maxLength={5000} onChange={(e) => setNote(e.target.value)} />
          </label>
          <label>
            {t('service.log.nextStep')}
            <input value={next} maxLength={200} onChange={(e) => setNext(e.target.value)} />
          </label>
          {next.trim() !== '' && (
            <label htmlFor={nextDueId}>
              {t('service.log.nextDue')}
              <DateField
                id={nextDueId}
                title={t('service.log.nextDue')}
                value={nextDue}
                min={clockNow().today}
                onChange={setNextDue}
              />
            </label>
          )}
          <div className="customer-actions">
            <button type="submit" data-testid="save-contact">
              {t('service.log.after', { channel: channelName(channel) })}
            </button>
            <button type="button" className="secondary" onClick={() => setChannel(null)}>
              {t('service.log.cancel')}
            </button>
          </div>
        </form>
      )}
    </div>
  )
}

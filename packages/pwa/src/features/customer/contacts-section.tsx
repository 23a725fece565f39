import type { Contact } from '@outrider/domain'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useOutrider } from '../../store/outrider-context.ts'
import { editMergeable } from '../../store/writes.ts'
import { ContactForm } from './contact-form.tsx'
import { PhoneActions } from './phone-actions.tsx'

function ContactLine({ c }: { c: Contact }) {
  const { t } = useTranslation()
  return (
    <span>
      <strong>{c.name}</strong>
      {c.title ? ` · ${c.title}` : ''}
      {c.primary && <span className="badge">{t('customer.primary')}</span>}
      {c.phone && <span className="muted"> · {c.phone}</span>}
      {c.preferredChannel && (
        <span className="muted">
          {' '}
          · {t('service.preferred', { channel: t(`code.channel.${c.preferredChannel}`) })}
        </span>
      )}
      {c.wechat && <span className="muted"> · {t('service.wechatId', { id: c.wechat })}</span>}
      {c.email && (
        <span className="muted">
          {' '}
          · <a href={`mailto:${c.email}`}>{t('service.email', { address: c.email })}</a>
        </span>
      )}
      {c.birthday && (
        <span className="muted">
          {' '}
          · {t('customer.master.birthday')} {c.birthday}
        </span>
      )}
    </span>
  )
}

/** The customer's contacts: call or text them, add, change or remove one (offline, merged field by field). */
export function ContactsSection({ customerId, contacts }: { customerId: string; contacts: Contact[] }) {
  const { t } = useTranslation()
  const { db } = useOutrider()
  const [editing, setEditing] = useState<string | null>(null)
  return (
    <>
      {contacts.length === 0 && <p className="muted">{t('customer.noContacts')}</p>}
      <ul className="contacts">
        {contacts.map((c) => (
          <li key={c.id} data-testid="contact">
            <ContactLine c={c} />
            <span className="contact-actions">
              <PhoneActions name={c.name} phone={c.phone} />
              <button
                type="button"
                className="secondary"
                aria-label={t('customer.master.editContact', { name: c.name })}
                aria-expanded={editing === c.id}
                onClick={() => setEditing(editing === c.id ? null : c.id)}
              >
                {t('customer.edit')}
              </button>
              <button
                type="button"
                className="secondary"
                aria-label={t('customer.master.removeContact', { name: c.name })}
                onClick={() => void editMergeable(db, 'contacts', c.id, { deleted: true })}
              >
                ×
              </button>
            </span>
            {editing === c.id && (
              <ContactForm customerId={customerId} contact={c} onDone={() => setEditing(null)} />
            )}
          </li>
        ))}
      </ul>
      {editing === 'new' ? (
        <ContactForm customerId={customerId} onDone={() => setEditing(null)} />
      ) : (
        <button type="button" className="secondary" onClick={() => setEditing('new')}>
          {t('customer.master.addContact')}
        </button>
      )}
    </>
  )
}

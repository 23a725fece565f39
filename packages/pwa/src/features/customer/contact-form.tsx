import { type Contact, type ContactChannel, contactChannelSchema } from '@outrider/domain'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { useOutrider } from '../../store/outrider-context.ts'
import { createMergeable, editMergeable, newId } from '../../store/writes.ts'

type Form = {
  name: string
  title: string
  phone: string
  wechat: string
  email: string
  birthday: string
  preferredChannel: ContactChannel | ''
  primary: boolean
}
const OPTIONAL = ['title', 'phone', 'wechat', 'email', 'birthday', 'preferredChannel'] as const
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** The contact's fields from the form: a blank optional field is removed (undefined), not stored empty. */
function fieldsOf(f: Form): Record<string, unknown> {
  const out: Record<string, unknown> = { name: f.name.trim(), primary: f.primary }
  for (const k of OPTIONAL) out[k] = f[k].trim() === '' ? undefined : f[k].trim()
  return out
}

/** Adds a contact to a customer or changes one; works offline and merges field by field. */
export function ContactForm({
  customerId,
  contact,
  onDone,
}: {
  customerId: string
  contact?: Contact
  onDone: () => void
}) {
  const { t } = useTranslation()
  const { db } = useOutrider()
  const [error, setError] = useState<string | null>(null)
  const { register, handleSubmit, formState } = useForm<Form>({
    defaultValues: {
      name: contact?.name ?? '',
      title: contact?.title ?? '',
      phone: contact?.phone ?? '',
      wechat: contact?.wechat ?? '',
      email: contact?.email ?? '',
      birthday: contact?.birthday ?? '',
      preferredChannel: contact?.preferredChannel ?? '',
      primary: contact?.primary ?? false,
    },
  })
  const onSubmit = handleSubmit(async (f) => {
    setError(null)
    if (f.name.trim() === '') return setError(t('customer.nameRequired'))
    if (f.email.trim() !== '' && !EMAIL.test(f.email.trim())) return setError(t('customer.master.badEmail'))
    const fields = fieldsOf(f)
    try {
      if (contact) await editMergeable(db, 'contacts', contact.id, fields)
      else {
        const given = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined))
        await createMergeable(db, 'contacts', {
          id: newId('ct'),
          customerId,
          name: f.name.trim(),
          primary: f.primary,
          ...given,
        })
      }
      onDone()
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err))
    }
  })
  const label = contact
    ? t('customer.master.editContact', { name: contact.name })
    : t('customer.master.addContact')
  return (
    <form className="contact-form" onSubmit={onSubmit} aria-label={label}>
      <label>
        {t('customer.master.contactName')}
        <input required maxLength={200} {...register('name')} />
      </label>
      <label>
        {t('customer.master.contactRole')}
        <input maxLength={200} {...register('title')} />
      </label>
      <label>
        {t('customer.phone')}
        <input type="tel" maxLength={40} {...register('phone')} />
      </label>
      <label>
        {t('customer.master.wechat')}
        <input maxLength={200} {...register('wechat')} />
      </label>
      <label>
        {t('customer.master.email')}
        <input type="email" maxLength={200} {...register('email')} />
      </label>
      <label>
        {t('customer.master.birthday')}
        <input type="date" {...register('birthday')} />
      </label>
      <label>
        {t('customer.master.channel')}
        <select {...register('preferredChannel')}>
          <option value="">{t('customer.master.noChannel')}</option>
          {contactChannelSchema.options.map((c) => (
            <option key={c} value={c}>
              {t(`code.channel.${c}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="check">
        <input type="checkbox" {...register('primary')} />
        {t('customer.master.primaryContact')}
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" disabled={formState.isSubmitting}>
          {t('customer.master.saveContact')}
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          {t('customer.cancel')}
        </button>
      </div>
    </form>
  )
}

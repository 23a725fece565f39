import { zodResolver } from '@hookform/resolvers/zod'
import { type Contact, contactChannelSchema } from '@outrider/domain'
import { useId, useState } from 'react'
import { useForm } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { DateField } from '../../shared/date-field.tsx'
import { FieldNote, fieldMarks } from '../../shared/field-note.tsx'
import { clockNow } from '../../shared/organisation-clock.ts'
import { useOutrider } from '../../store/outrider-context.ts'
import { createMergeable, editMergeable, newId } from '../../store/writes.ts'
import { type ContactFormValues, contactFormSchema } from './contact-form-schema.ts'

const OPTIONAL = ['title', 'phone', 'wechat', 'email', 'birthday', 'preferredChannel'] as const

/** The contact's fields from the form: a blank optional field is removed (undefined), not stored empty. */
function fieldsOf(f: ContactFormValues): Record<string, unknown> {
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
  const today = clockNow().today
  const { register, handleSubmit, formState, setValue, watch } = useForm<ContactFormValues>({
    resolver: zodResolver(contactFormSchema(today)),
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
  const formId = useId()
  const err = (field: keyof ContactFormValues) => {
    const m = formState.errors[field]?.message
    return m ? t(`customer.contactErrors.${m}`) : null
  }
  const marks = (field: keyof ContactFormValues) => fieldMarks(`${formId}-${field}`, err(field))
  const onSubmit = handleSubmit(async (f) => {
    setError(null)
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
    <form className="contact-form" onSubmit={onSubmit} aria-label={label} noValidate>
      <label>
        {t('customer.master.contactName')}
        <input aria-required="true" maxLength={200} {...register('name')} {...marks('name')} />
      </label>
      <FieldNote id={`${formId}-name`} error={err('name')} />
      <label>
        {t('customer.master.contactRole')}
        <input maxLength={200} {...register('title')} {...marks('title')} />
      </label>
      <FieldNote id={`${formId}-title`} error={err('title')} />
      <label>
        {t('customer.phone')}
        <input type="tel" maxLength={40} {...register('phone')} {...marks('phone')} />
      </label>
      <FieldNote id={`${formId}-phone`} error={err('phone')} />
      <label>
        {t('customer.master.wechat')}
        <input maxLength={200} {...register('wechat')} {...marks('wechat')} />
      </label>
      <FieldNote id={`${formId}-wechat`} error={err('wechat')} />
      <label>
        {t('customer.master.email')}
        <input type="email" maxLength={200} {...register('email')} {...marks('email')} />
      </label>
      <FieldNote id={`${formId}-email`} error={err('email')} />
      <label htmlFor={`${formId}-birthday`}>
        {t('customer.master.birthday')}
        <DateField
          id={`${formId}-birthday`}
          title={t('customer.master.birthday')}
          value={watch('birthday')}
          max={today}
          clearable
          onChange={(day) => setValue('birthday', day, { shouldDirty: true })}
          {...marks('birthday')}
        />
      </label>
      <FieldNote id={`${formId}-birthday`} error={err('birthday')} />
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

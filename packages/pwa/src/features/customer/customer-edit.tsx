import {
  type Customer,
  type CustomFieldIssue,
  customFieldInputText,
  type OpeningHours,
  withKeyChanges,
} from '@outrider/domain'
import { useId, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { offeredCustomFields } from '../../shared/custom-fields.ts'
import { FieldNote, fieldMarks } from '../../shared/field-note.tsx'
import { weekdayNames } from '../../shared/weekday-names.ts'
import type { OutriderDb } from '../../store/device-db.ts'
import { useReference } from '../../store/hooks.ts'
import { useOutrider } from '../../store/outrider-context.ts'
import { editMergeable } from '../../store/writes.ts'
import { CustomFieldsEditor } from './custom-fields-editor.tsx'
import { type CustomerFormValues, customerPatch, customFieldsEdit } from './customer-patch.ts'
import { draftOf, LocationEditor, pointOf } from './location-editor.tsx'
import { badDays, OpeningHoursEditor } from './opening-hours-editor.tsx'

type Texts = Pick<CustomerFormValues, 'name' | 'phone' | 'address' | 'notes' | 'tags' | 'industry'>

/** Edits the fields a rep may change; each changed field gets its own clock, so edits on two phones merge. */
export function CustomerEdit({ customer, onDone }: { customer: Customer; onDone: () => void }) {
  const { t } = useTranslation()
  const form = useCustomerEdit(customer, onDone)
  const { texts, edit, nameError } = form
  const nameId = useId()
  return (
    <form className="customer-edit" onSubmit={form.save}>
      <label>
        {t('customer.name')}
        <input
          value={texts.name}
          onChange={(e) => edit('name', e.target.value)}
          maxLength={200}
          aria-required="true"
          {...fieldMarks(nameId, nameError ? t('customer.nameRequired') : null)}
        />
      </label>
      <FieldNote id={nameId} error={nameError ? t('customer.nameRequired') : null} />
      <label>
        {t('customer.phone')}
        <input
          value={texts.phone}
          onChange={(e) => edit('phone', e.target.value)}
          type="tel"
          maxLength={40}
        />
      </label>
      <label>
        {t('customer.address')}
        <input value={texts.address} onChange={(e) => edit('address', e.target.value)} maxLength={500} />
      </label>
      <label>
        {t('customer.master.industry')}
        <input value={texts.industry} onChange={(e) => edit('industry', e.target.value)} maxLength={200} />
      </label>
      <LocationEditor value={form.location} onChange={form.setLocation} />
      <OpeningHoursEditor value={form.hours} onChange={form.setHours} />
      <CustomFieldsEditor
        fields={form.fields}
        texts={form.customTexts}
        issues={form.customIssues}
        onChange={form.editCustom}
      />
      <label>
        {t('customer.tags')}
        <input value={texts.tags} onChange={(e) => edit('tags', e.target.value)} />
      </label>
      <label>
        {t('customer.notes')}
        <textarea
          value={texts.notes}
          onChange={(e) => edit('notes', e.target.value)}
          rows={3}
          maxLength={5000}
        />
      </label>
      {form.error && (
        <p className="error" role="alert">
          {form.error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" disabled={form.busy}>
          {t('customer.save')}
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          {t('customer.cancel')}
        </button>
      </div>
    </form>
  )
}

/**
 * The form's state and its save. A save changes only what the user changed since the form opened,
 * so a change another phone made meanwhile (pulled while the form was open) is not put back.
 */
function useCustomerEdit(customer: Customer, onDone: () => void) {
  const { t, i18n } = useTranslation()
  const { db } = useOutrider()
  const [opened] = useState(customer)
  const [texts, setTexts] = useState<Texts>({
    name: customer.name,
    phone: customer.phone ?? '',
    address: customer.address,
    notes: customer.notes ?? '',
    tags: customer.tags.join(', '),
    industry: customer.industry ?? '',
  })
  const [location, setLocation] = useState(() => draftOf(customer.location))
  const [hours, setHours] = useState<OpeningHours>(customer.openingHours)
  const definitions = useReference('customFieldDefinitions')
  const fields = useMemo(() => offeredCustomFields(definitions), [definitions])
  const [customTexts, setCustomTexts] = useState<Record<string, string>>(() =>
    Object.fromEntries(Object.entries(opened.customFields).map(([k, v]) => [k, customFieldInputText(v)])),
  )
  const [customIssues, setCustomIssues] = useState<CustomFieldIssue[]>([])
  const [error, setError] = useState<string | null>(null)
  const [nameError, setNameError] = useState(false)
  const [busy, setBusy] = useState(false)
  const edit = (key: keyof Texts, value: string) => {
    setTexts((x) => ({ ...x, [key]: value }))
    if (key === 'name') setNameError(false)
  }
  const editCustom = (key: string, text: string) => {
    setCustomTexts((x) => ({ ...x, [key]: text }))
    setCustomIssues((x) => x.filter((i) => i.key !== key))
  }

  async function save(e: React.FormEvent) {
    e.preventDefault()
    const name = texts.name
    setNameError(name.trim() === '')
    if (name.trim() === '') return setError(null)
    const point = pointOf(location)
    if (point === undefined) return setError(t('customer.master.badCoordinates'))
    const bad = badDays(hours)[0]
    if (bad !== undefined)
      return setError(t('customer.master.badWindow', { day: weekdayNames(i18n.language)[bad] }))
    const custom = customFieldsEdit(opened.customFields, customTexts, fields)
    setCustomIssues(custom.issues)
    if (custom.issues.length > 0) return setError(t('customer.custom.fix'))
    setError(null)
    setBusy(true)
    try {
      const patch = customerPatch(opened, { ...texts, location: point, openingHours: hours })
      await storeEdit(db, opened, name.trim(), patch, custom.changes)
      onDone()
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err))
    } finally {
      setBusy(false)
    }
  }
  return {
    texts,
    edit,
    location,
    setLocation,
    hours,
    setHours,
    fields,
    customTexts,
    customIssues,
    editCustom,
    error,
    nameError,
    busy,
    save,
  }
}

/** Writes the changed fields and custom fields, each with its own clock; a new name gets new search keys. */
async function storeEdit(
  db: OutriderDb,
  opened: Customer,
  name: string,
  patch: Record<string, unknown>,
  changes: ReturnType<typeof customFieldsEdit>['changes'],
) {
  if (name !== opened.name) {
    // pinyin-pro is loaded only when a name actually changes.
    const { searchKeysFor } = await import('../../shared/prospect-checks.ts')
    patch.searchKeys = searchKeysFor(name)
  }
  if (Object.keys(patch).length > 0 || changes)
    await editMergeable(db, 'customers', opened.id, (stored) =>
      changes ? { ...patch, customFields: withKeyChanges(stored.customFields, changes) } : patch,
    )
}

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
import { useReference } from '../../store/hooks.ts'
import { useOutrider } from '../../store/outrider-context.ts'
import { editMergeable } from '../../store/writes.ts'
import { CustomFieldsEditor } from './custom-fields-editor.tsx'
import { customerPatch, customFieldsEdit } from './customer-patch.ts'
import { draftOf, LocationEditor, pointOf } from './location-editor.tsx'
import { badDays, OpeningHoursEditor } from './opening-hours-editor.tsx'

/** Edits the fields a rep may change; each changed field gets its own clock, so edits on two phones merge. */
export function CustomerEdit({ customer, onDone }: { customer: Customer; onDone: () => void }) {
  const { t, i18n } = useTranslation()
  const { db } = useOutrider()
  // What the form opened with: a save changes only what the user changed since, so a change another
  // phone made meanwhile (pulled while the form was open) is not put back to the old value.
  const [opened] = useState(customer)
  const [name, setName] = useState(customer.name)
  const [phone, setPhone] = useState(customer.phone ?? '')
  const [address, setAddress] = useState(customer.address)
  const [notes, setNotes] = useState(customer.notes ?? '')
  const [tags, setTags] = useState(customer.tags.join(', '))
  const [industry, setIndustry] = useState(customer.industry ?? '')
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
  const nameId = useId()
  const [busy, setBusy] = useState(false)

  async function save(e: React.FormEvent) {
    e.preventDefault()
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
      const patch = customerPatch(opened, {
        name,
        phone,
        address,
        notes,
        tags,
        industry,
        location: point,
        openingHours: hours,
      })
      if (name.trim() !== opened.name) {
        // pinyin-pro is loaded only when a name actually changes.
        const { searchKeysFor } = await import('../../shared/prospect-checks.ts')
        patch.searchKeys = searchKeysFor(name.trim())
      }
      const changes = custom.changes
      if (Object.keys(patch).length > 0 || changes)
        await editMergeable(db, 'customers', opened.id, (stored) =>
          changes ? { ...patch, customFields: withKeyChanges(stored.customFields, changes) } : patch,
        )
      onDone()
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="customer-edit" onSubmit={save}>
      <label>
        {t('customer.name')}
        <input
          value={name}
          onChange={(e) => {
            setName(e.target.value)
            setNameError(false)
          }}
          maxLength={200}
          aria-required="true"
          {...fieldMarks(nameId, nameError ? t('customer.nameRequired') : null)}
        />
      </label>
      <FieldNote id={nameId} error={nameError ? t('customer.nameRequired') : null} />
      <label>
        {t('customer.phone')}
        <input value={phone} onChange={(e) => setPhone(e.target.value)} type="tel" maxLength={40} />
      </label>
      <label>
        {t('customer.address')}
        <input value={address} onChange={(e) => setAddress(e.target.value)} maxLength={500} />
      </label>
      <label>
        {t('customer.master.industry')}
        <input value={industry} onChange={(e) => setIndustry(e.target.value)} maxLength={200} />
      </label>
      <LocationEditor value={location} onChange={setLocation} />
      <OpeningHoursEditor value={hours} onChange={setHours} />
      <CustomFieldsEditor
        fields={fields}
        texts={customTexts}
        issues={customIssues}
        onChange={(key, text) => {
          setCustomTexts((x) => ({ ...x, [key]: text }))
          setCustomIssues((x) => x.filter((i) => i.key !== key))
        }}
      />
      <label>
        {t('customer.tags')}
        <input value={tags} onChange={(e) => setTags(e.target.value)} />
      </label>
      <label>
        {t('customer.notes')}
        <textarea value={notes} onChange={(e) => setNotes(e.target.value)} rows={3} maxLength={5000} />
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" disabled={busy}>
          {t('customer.save')}
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          {t('customer.cancel')}
        </button>
      </div>
    </form>
  )
}

import type { Customer } from '@outrider/domain'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useOutrider } from '../../store/outrider-context.ts'
import { editMergeable } from '../../store/writes.ts'

/** Edits the fields a rep may change; each changed field gets its own clock, so edits on two phones merge. */
export function CustomerEdit({ customer, onDone }: { customer: Customer; onDone: () => void }) {
  const { t } = useTranslation()
  const { db } = useOutrider()
  const [name, setName] = useState(customer.name)
  const [phone, setPhone] = useState(customer.phone ?? '')
  const [address, setAddress] = useState(customer.address)
  const [notes, setNotes] = useState(customer.notes ?? '')
  const [tags, setTags] = useState(customer.tags.join(', '))
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  async function save(e: React.FormEvent) {
    e.preventDefault()
    if (name.trim() === '') return setError(t('customer.nameRequired'))
    setBusy(true)
    try {
      // Only fields that really change get a new clock (an untouched field must not win a later merge).
      const nextTags = [
        ...new Set(
          tags
            .split(/[,，]/)
            .map((s) => s.trim())
            .filter(Boolean),
        ),
      ].slice(0, 50)
      const patch: Record<string, unknown> = {}
      if (name.trim() !== customer.name) patch.name = name.trim()
      if (address.trim() !== customer.address) patch.address = address.trim()
      if (notes !== (customer.notes ?? '')) patch.notes = notes
      if (phone.trim() !== (customer.phone ?? '') && phone.trim() !== '') patch.phone = phone.trim()
      if (nextTags.join('\u0000') !== customer.tags.join('\u0000')) patch.tags = nextTags
      if (name.trim() !== customer.name) {
        // pinyin-pro is loaded only when a name actually changes.
        const { searchKeysFor } = await import('../../shared/prospect-checks.ts')
        patch.searchKeys = searchKeysFor(name.trim())
      }
      if (Object.keys(patch).length > 0) await editMergeable(db, 'customers', customer.id, patch)
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
        <input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} required />
      </label>
      <label>
        {t('customer.phone')}
        <input value={phone} onChange={(e) => setPhone(e.target.value)} type="tel" maxLength={40} />
      </label>
      <label>
        {t('customer.address')}
        <input value={address} onChange={(e) => setAddress(e.target.value)} maxLength={500} />
      </label>
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

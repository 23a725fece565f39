import type { Order, Visit } from '@outrider/domain'
import { type Dispatch, type FormEvent, type SetStateAction, useState } from 'react'
import { useTranslation } from 'react-i18next'

type Props =
  | {
      kind: 'order'
      record: Order
      onSave: (changes: Partial<Order>, reason: string) => Promise<void>
      onClose: () => void
    }
  | {
      kind: 'visit'
      record: Visit
      onSave: (changes: Partial<Visit>, reason: string) => Promise<void>
      onClose: () => void
    }

/**
 * Corrects or cancels an order (its quantities) or a visit (its notes). A reason is required; the
 * caller appends the new revision, so this works offline like any other write.
 */
export function CorrectionForm(props: Props) {
  const { t } = useTranslation()
  const [reason, setReason] = useState('')
  const [quantities, setQuantities] = useState(() =>
    props.kind === 'order' ? props.record.lines.map((l) => String(l.quantity)) : [],
  )
  const [notes, setNotes] = useState(props.kind === 'visit' ? props.record.notes : '')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const save = async (cancel: boolean) => {
    if (reason.trim() === '') {
      setError(t('correction.reasonRequired'))
      return
    }
    setBusy(true)
    setError(null)
    try {
      if (props.kind === 'order') {
        const lines = props.record.lines.map((l, i) => ({ ...l, quantity: Number(quantities[i]) }))
        if (!cancel && lines.some((l) => !(l.quantity > 0))) {
          setError(t('correction.badQuantity'))
          return
        }
        await props.onSave(cancel ? { status: 'cancelled' } : { lines }, reason.trim())
      } else {
        await props.onSave(cancel ? { cancelled: true } : { notes }, reason.trim())
      }
      props.onClose()
    } catch {
      setError(t('correction.failed'))
    } finally {
      setBusy(false)
    }
  }
  const submit = (e: FormEvent) => {
    e.preventDefault()
    void save(false)
  }

  return (
    <form className="correction-form" onSubmit={submit} aria-label={t('correction.title')}>
      {props.kind === 'order' && (
        <QuantityFields lines={props.record.lines} quantities={quantities} onChange={setQuantities} />
      )}
      {props.kind === 'visit' && (
        <label>
          {t('correction.notes')}
          <textarea value={notes} onChange={(e) => setNotes(e.target.value)} rows={3} />
        </label>
      )}
      <label>
        {t('correction.reason')}
        <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={busy}>
          {t('correction.save')}
        </button>
        <button type="button" className="secondary danger" disabled={busy} onClick={() => void save(true)}>
          {t(props.kind === 'order' ? 'correction.cancelOrder' : 'correction.cancelVisit')}
        </button>
        <button type="button" className="secondary" onClick={props.onClose}>
          {t('correction.close')}
        </button>
      </div>
    </form>
  )
}

/** Each line's quantity as typed, one field a line. */
function QuantityFields({
  lines,
  quantities,
  onChange,
}: {
  lines: Order['lines']
  quantities: string[]
  onChange: Dispatch<SetStateAction<string[]>>
}) {
  const { t } = useTranslation()
  return (
    <>
      {lines.map((l, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: an order's lines are fixed for a revision; a product may repeat
        <label key={`${l.productId}-${i}`}>
          {t('correction.quantityOf', { name: l.name })}
          <input
            type="number"
            inputMode="decimal"
            min="0"
            step="any"
            value={quantities[i] ?? ''}
            onChange={(e) => onChange((q) => q.map((v, k) => (k === i ? e.target.value : v)))}
          />
        </label>
      ))}
    </>
  )
}

import { httpApi, type ServicePolicy, servicePolicySchema } from '@outrider/domain'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { callApi, errorKey } from '../../shared/api.ts'
import { issuesByPath } from '../../shared/i18n/issue-text.ts'

/** A draft a panel cannot save yet, with the message that says why (already translated). */
export type Invalid = { invalid: string }

export type SaveMessage = { ok: boolean; text: string } | null

/** A panel's message held by the page, with its setter. */
export type MessageSlot = readonly [SaveMessage, (m: SaveMessage) => void]

/**
 * The policy panels' messages, kept by the page: a panel starts over when the policy it saved syncs
 * back (its `key` changes), and its confirmation must not go with it.
 */
export function usePanelMessages<K extends string>(): (panel: K) => MessageSlot {
  const [messages, setMessages] = useState<Partial<Record<K, SaveMessage>>>({})
  return (panel) => [messages[panel] ?? null, (m) => setMessages((p) => ({ ...p, [panel]: m }))]
}

/**
 * Saves the latest synced policy with one part replaced, so two editors never undo each other.
 * `build` returns the policy to store, or `{ invalid }` to show that message instead of saving.
 * With `slot` the message lives outside the panel (see `usePanelMessages`).
 */
export function useSave(build: () => ServicePolicy | Invalid, savedKey: string, slot?: MessageSlot) {
  const { t } = useTranslation()
  const [busy, setBusy] = useState(false)
  const local = useState<SaveMessage>(null)
  const [message, setMessage] = slot ?? local
  /** What is wrong, by field path ("tiers.A.visitEveryDays"), shown beside each field. */
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({})
  const save = async () => {
    setFieldErrors({})
    const policy = build()
    if ('invalid' in policy) {
      setMessage({ ok: false, text: policy.invalid })
      return
    }
    const parsed = servicePolicySchema.safeParse({ ...policy, updatedAt: new Date().toISOString() })
    if (!parsed.success) {
      setFieldErrors(issuesByPath(t, parsed.error.issues))
      setMessage({ ok: false, text: t('forms.fixBelow') })
      return
    }
    setBusy(true)
    setMessage(null)
    try {
      await callApi(httpApi.savePolicy, { params: { id: policy.id }, body: parsed.data })
      setMessage({ ok: true, text: t(savedKey) })
    } catch (err) {
      setMessage({ ok: false, text: t(errorKey(err)) })
    } finally {
      setBusy(false)
    }
  }
  return { busy, message, save, fieldErrors }
}

/** A field's own error, beside it; pair with `fieldProps` on the input. */
export function FieldError({ id, text }: { id: string; text: string | undefined }) {
  if (!text) return null
  return (
    <span id={id} className="field-error" role="alert">
      {text}
    </span>
  )
}

/** Marks an input invalid and points it at its error message. */
export function fieldProps(id: string, text: string | undefined) {
  return text ? { 'aria-invalid': true as const, 'aria-describedby': id } : {}
}

/** The outcome of a save: a status when it worked, an alert when it did not. */
export function Message({ message }: { message: SaveMessage }) {
  if (!message) return null
  return (
    <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'ok' : 'error'}>
      {message.text}
    </p>
  )
}

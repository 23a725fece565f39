import type { ServicePolicy, Tier } from '@outrider/domain'
import { type RefObject, useState } from 'react'
import type { UseFormReturn } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { useOutrider } from '../../store/outrider-context.ts'
import { draftIdFor, saveVisit } from './save-visit.ts'
import type { SaveStatus } from './visit-actions.tsx'
import type { VisitForm } from './visit-form.ts'

type Context = {
  customerId: string
  policy: ServicePolicy | undefined
  tier: Tier
  /** Set once the visit is stored or thrown away, so no draft is written after. */
  finished: RefObject<boolean>
}

/** Check-out (store the visit's records) and discard (drop the draft and its photos, go back). */
export function useVisitSave(
  form: UseFormReturn<VisitForm>,
  { customerId, policy, tier, finished }: Context,
) {
  const { t } = useTranslation()
  const app = useOutrider()
  const navigate = useNavigate()
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' })
  const save = async (v: VisitForm) => {
    setStatus({ kind: 'saving' })
    try {
      await saveVisit(app, customerId, v, { policy, tier })
      finished.current = true
      setStatus({ kind: 'saved' })
    } catch (err) {
      setStatus({ kind: 'error', message: (err as Error).message })
    }
  }
  const discard = async () => {
    if (!window.confirm(t('visit.confirmDiscard'))) return
    finished.current = true
    await app.device.photos.bulkDelete(form.getValues('photoIds'))
    await app.device.drafts.delete(draftIdFor(customerId))
    void navigate(`/customers/${customerId}`)
  }
  return { status, save, discard }
}

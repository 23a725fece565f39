import { useEffect, useRef } from 'react'
import type { UseFormReturn } from 'react-hook-form'
import { registerDraftFlush } from '../../platform/draft-flush.ts'
import { logFailure } from '../../platform/log-failure.ts'
import { useOutrider } from '../../store/outrider-context.ts'
import type { VisitForm } from './visit-form.ts'

const AUTOSAVE_MS = 500
/** An autosave that fails leaves the form as typed; the next change or leaving the page saves again. */
const autosaveFailed = 'the visit draft was not saved; the next change or leaving the page retries'

/**
 * Keeps the visit form as a draft: debounced while typing, and at once when the page is hidden, left,
 * or about to update. Returns the flag to set once the visit is saved or discarded (no more drafts).
 */
export function useVisitAutosave(form: UseFormReturn<VisitForm>, draftId: string) {
  const app = useOutrider()
  const finished = useRef(false)
  const { getValues, watch } = form
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    let dirty = false
    const save = async () => {
      clearTimeout(timer)
      if (!dirty || finished.current) return
      dirty = false
      await app.device.drafts.put({
        id: draftId,
        kind: 'visit',
        data: structuredClone(getValues()),
        updatedAt: new Date().toISOString(),
      })
    }
    const sub = watch(() => {
      dirty = true
      clearTimeout(timer)
      timer = setTimeout(() => void save().catch(logFailure(autosaveFailed)), AUTOSAVE_MS)
    })
    const onHide = () => void save().catch(logFailure(autosaveFailed))
    const onVisibility = () => document.visibilityState === 'hidden' && onHide()
    const unregister = registerDraftFlush(save)
    document.addEventListener('visibilitychange', onVisibility)
    window.addEventListener('pagehide', onHide)
    return () => {
      sub.unsubscribe()
      unregister()
      document.removeEventListener('visibilitychange', onVisibility)
      window.removeEventListener('pagehide', onHide)
      onHide()
    }
  }, [app.device, draftId, getValues, watch])
  return finished
}

import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { registerServiceWorker, type UpdatePrompt } from '../platform/service-worker.ts'

export function UpdateBanner() {
  const { t } = useTranslation()
  const [update, setUpdate] = useState<UpdatePrompt | null>(null)
  useEffect(() => registerServiceWorker(setUpdate), [])
  if (!update) return null
  return (
    <div className="banner" role="alert">
      <span>{t('update.available')}</span>
      <button type="button" onClick={update.apply}>
        {t('update.reload')}
      </button>
      <button type="button" className="secondary" onClick={() => setUpdate(null)}>
        {t('update.later')}
      </button>
    </div>
  )
}

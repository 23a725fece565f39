import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'

function size(bytes: number) {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`
  if (bytes < 1024 ** 3) return `${(bytes / 1024 / 1024).toFixed(1)} MB`
  return `${(bytes / 1024 ** 3).toFixed(1)} GB`
}

/** Persistent storage request and quota use (`navigator.storage`). */
export function StoragePanel() {
  const { t } = useTranslation()
  const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined
  const [persisted, setPersisted] = useState<boolean | null>(null)
  const [estimate, setEstimate] = useState<StorageEstimate | null>(null)
  useEffect(() => {
    void storage?.persisted?.().then(setPersisted, () => setPersisted(null))
    void storage?.estimate?.().then(setEstimate, () => setEstimate(null))
  }, [storage])
  const ask = async () => {
    if (!storage?.persist) return
    // A browser that refuses or fails the request leaves the storage as it was: shown as not persisted.
    setPersisted(await storage.persist().catch(() => false))
    // Without an estimate the panel shows no usage figures, as before the request.
    setEstimate(await storage.estimate().catch(() => null))
  }
  return (
    <section aria-labelledby="storage-title" className="settings-card">
      <h2 id="storage-title">{t('settings.storage')}</h2>
      <p data-testid="storage-persisted">
        {!storage?.persist
          ? t('settings.persistUnknown')
          : persisted
            ? t('settings.persisted')
            : t('settings.notPersisted')}
      </p>
      {storage?.persist && !persisted && (
        <button type="button" onClick={() => void ask()}>
          {t('settings.persist')}
        </button>
      )}
      <p data-testid="storage-usage">
        {estimate?.usage !== undefined && estimate.quota !== undefined
          ? t('settings.usage', { used: size(estimate.usage), quota: size(estimate.quota) })
          : t('settings.usageUnknown')}
      </p>
    </section>
  )
}

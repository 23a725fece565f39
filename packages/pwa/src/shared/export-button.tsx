import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { downloadFile, errorKey } from './api.ts'

/** Downloads a server CSV with the session's token; offline it explains that a connection is needed. */
export function ExportButton({ url, fileName, label }: { url: string; fileName: string; label: string }) {
  const { t } = useTranslation()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const run = async () => {
    setBusy(true)
    setError(null)
    try {
      await downloadFile(url, fileName)
    } catch (err) {
      setError(t(errorKey(err)))
    } finally {
      setBusy(false)
    }
  }
  return (
    <span className="export">
      <button type="button" className="secondary" disabled={busy} onClick={() => void run()}>
        {busy ? t('review.exporting') : label}
      </button>
      {error && (
        <span role="alert" className="error">
          {error}
        </span>
      )}
    </span>
  )
}

import { useTranslation } from 'react-i18next'
import type { ImportMessage } from './import-state.ts'
import type { UploadProgress } from './post-with-progress.ts'

/** The upload's share sent, then an indefinite bar while the server reads the file. */
export function ImportProgress({ progress }: { progress: UploadProgress }) {
  const { t } = useTranslation()
  return (
    <p role="status" data-testid="import-progress">
      {progress.phase === 'upload' ? (
        <>
          <progress max={progress.total} value={progress.sent} />{' '}
          {t('import.uploading', {
            percent: Math.round((100 * progress.sent) / Math.max(1, progress.total)),
          })}
        </>
      ) : (
        <>
          <progress /> {t('import.serverWorking')}
        </>
      )}
    </p>
  )
}

/** The outcome of the last preview or import: a status when it went well, an alert otherwise. */
export function ImportOutcome({ message }: { message: ImportMessage }) {
  return (
    <p
      role={message.ok ? 'status' : 'alert'}
      className={message.ok ? 'ok' : 'error'}
      data-testid="import-message"
    >
      {message.text}
    </p>
  )
}

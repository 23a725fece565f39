import { useTranslation } from 'react-i18next'
import type { ImportMessage } from './import-state.ts'
import type { UploadProgress } from './post-with-progress.ts'

const percentOf = (done: number, total: number) => Math.floor((100 * done) / Math.max(1, total))

/**
 * The upload's share sent, then the server's own progress: the file read, lines checked (rows done
 * of the total, in percent), duplicates searched, lines written.
 */
export function ImportProgress({ progress }: { progress: UploadProgress }) {
  const { t, i18n } = useTranslation()
  const n = (x: number) => x.toLocaleString(i18n.language)
  let bar: { value?: number; max?: number } = {}
  let text: string
  switch (progress.phase) {
    case 'upload':
      bar = { value: progress.sent, max: progress.total }
      text = t('import.uploading', { percent: percentOf(progress.sent, progress.total) })
      break
    case 'server':
      text = t('import.serverWorking')
      break
    case 'read':
      bar = { value: progress.done, max: progress.total }
      text = t('import.serverReading', { percent: percentOf(progress.done, progress.total) })
      break
    case 'duplicates':
      text = t('import.serverDuplicates', { total: n(progress.total) })
      break
    default:
      bar = { value: progress.done, max: progress.total }
      text = t(progress.phase === 'check' ? 'import.serverChecking' : 'import.serverWriting', {
        done: n(progress.done),
        total: n(progress.total),
        percent: percentOf(progress.done, progress.total),
      })
  }
  return (
    <p role="status" data-testid="import-progress">
      <progress {...bar} /> {text}
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

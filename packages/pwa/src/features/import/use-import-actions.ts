import { requiredRoles } from '@outrider/domain'
import { type Dispatch, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError, errorKey } from '../../shared/api.ts'
import { importEndpoints } from './import-endpoint.ts'
import type { ImportAction, ImportMessage, ImportState } from './import-state.ts'
import { postWithProgress, type UploadProgress } from './post-with-progress.ts'
import { readCsvFileOffThread } from './read-csv-file.ts'

/** The request of a preview (`dryRun`) or an import of what the page holds. */
function importRequest(s: ImportState, dryRun: boolean) {
  return {
    query: {
      dryRun: dryRun ? ('1' as const) : ('0' as const),
      skipInvalid: s.skipInvalid ? ('1' as const) : ('0' as const),
      source: s.source.trim() || 'default',
    },
    body: {
      csv: s.csv ?? '',
      ...(s.encoding ? { encoding: s.encoding } : {}),
      columns: s.columns,
      ...(s.kind === 'customers' && s.decisions.size > 0
        ? { decisions: [...s.decisions].map(([line, action]) => ({ line, action })) }
        : {}),
    },
  }
}

/** What the page's controls do: read a picked file, preview, import; and the upload's progress. */
export function useImportActions(s: ImportState, dispatch: Dispatch<ImportAction>) {
  const { t } = useTranslation()
  const [progress, setProgress] = useState<UploadProgress | null>(null)
  const missing = requiredRoles[s.kind].filter((r) => !s.columns[r])

  const onFile = async (file: File | undefined) => {
    dispatch({ type: 'fileCleared' })
    if (!file) return
    const read = await readCsvFileOffThread(file).catch(() => ({ error: 'encoding' as const }))
    if ('error' in read) {
      const error = t(read.error === 'encoding' ? 'import.badEncoding' : 'import.badFile')
      dispatch({ type: 'fileUnreadable', error })
    } else dispatch({ type: 'fileRead', file: read })
  }

  const failure = (err: unknown): ImportMessage => ({
    ok: false,
    text: err instanceof ApiError && err.message ? `${t(errorKey(err))} ${err.message}` : t(errorKey(err)),
  })
  const imported = (count: number): ImportMessage => ({
    ok: count > 0,
    text: count > 0 ? t('import.imported', { count }) : t('import.nothingImported'),
  })
  /** Sends the file (a preview when `dryRun`); the report replaces the last one either way. */
  const send = async (dryRun: boolean) => {
    try {
      const report = await postWithProgress(importEndpoints[s.kind], importRequest(s, dryRun), setProgress)
      // A preview keeps the server's defaults (exact repeat → skip, likely duplicate → review) until changed.
      if (dryRun) dispatch({ type: 'reported', report })
      else dispatch({ type: 'reported', report, message: imported(report.imported) })
    } catch (err) {
      dispatch({ type: 'message', message: failure(err) })
    } finally {
      dispatch({ type: 'idle' })
      setProgress(null)
    }
  }

  const preview = () => {
    if (!s.csv || missing.length > 0) return
    dispatch({ type: 'checking' })
    void send(true)
  }
  const runImport = () => {
    if (!s.csv || !s.report) return
    if (s.report.errors.length > 0 && !s.skipInvalid) {
      dispatch({ type: 'message', message: { ok: false, text: t('import.mustSkip') } })
      return
    }
    dispatch({ type: 'importing' })
    void send(false)
  }
  return { missing, progress, onFile, preview, runImport }
}

import { type TextEncoding, textEncodingLabels } from '@outrider/domain'
import { useTranslation } from 'react-i18next'

/** The file input, the encoding the file was read in, or why it could not be read. */
export function ImportFile(props: {
  encoding: TextEncoding | null
  lines: number | null
  fileError: string | null
  onFile: (file: File | undefined) => void
}) {
  const { t, i18n } = useTranslation()
  const zh = i18n.language.startsWith('zh')
  return (
    <>
      <label>
        {t('import.file')}
        <input type="file" accept=".csv,text/csv" onChange={(e) => props.onFile(e.target.files?.[0])} />
      </label>
      {props.encoding && (
        <p className="muted" role="status" data-testid="import-encoding">
          {t('import.encoding', { encoding: textEncodingLabels[props.encoding][zh ? 'zh' : 'en'] })}
          {props.lines !== null && ` · ${t('import.fileLines', { count: props.lines })}`}
        </p>
      )}
      {props.fileError && (
        <p role="alert" className="error">
          {props.fileError}
        </p>
      )}
    </>
  )
}

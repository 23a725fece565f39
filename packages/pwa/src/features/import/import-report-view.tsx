import { type ImportKind, type ImportLineAction, type ImportReport, planImport } from '@outrider/domain'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { DuplicateList } from './duplicate-list.tsx'
import { ImportErrors } from './import-errors.tsx'

/** The preview (or the import's result): counts, invalid lines, duplicates to decide, and the import button. */
export function ImportReportView(props: {
  kind: ImportKind
  report: ImportReport
  decisions: ReadonlyMap<number, ImportLineAction>
  skipInvalid: boolean
  busy: 'check' | 'import' | null
  nameOf: (id: string) => string
  onDecide: (line: number, action: ImportLineAction) => void
  onSkipInvalid: (skip: boolean) => void
  onImport: () => void
}) {
  const { t } = useTranslation()
  const { kind, report, decisions, skipInvalid, busy } = props
  // The preview's counts under the current decisions: the same function the server plans the import with.
  const counts = useMemo(() => {
    if (kind !== 'customers') return report.counts
    return planImport({
      valid: report.valid,
      invalid: report.counts.invalid,
      special: report.duplicates.map((d) => ({ line: d.line, valid: d.valid, duplicate: d.kind })),
      decisions,
      policy: 'default',
    }).counts
  }, [report, decisions, kind])
  return (
    <section className="report" data-testid="import-report" aria-live="polite">
      <p data-testid="import-summary">
        {t('import.summary', {
          rows: report.rows,
          valid: report.valid,
          errors: new Set(report.errors.map((e) => e.line)).size,
          duplicates: report.duplicates.length,
        })}
      </p>
      <p data-testid="import-counts">
        {t('import.counts', counts)}
        {report.blocked && !skipInvalid && ` ${t('import.blockedNote')}`}
      </p>
      {report.errors.length > 0 && <ImportErrors errors={report.errors} />}
      {report.duplicates.length > 0 && (
        <DuplicateList
          report={report}
          decisions={decisions}
          decide={props.onDecide}
          nameOf={props.nameOf}
          canDecide={kind === 'customers' && report.imported === 0}
        />
      )}
      {report.errors.length > 0 && (
        <label className="check">
          <input
            type="checkbox"
            checked={skipInvalid}
            onChange={(e) => props.onSkipInvalid(e.target.checked)}
          />
          {t('import.skipInvalid')}
        </label>
      )}
      {report.imported === 0 && (
        <button type="button" disabled={busy !== null} onClick={props.onImport}>
          {busy === 'import' ? t('import.importing') : t('import.import')}
        </button>
      )}
    </section>
  )
}

import type { ImportLineAction, ImportReport } from '@outrider/domain'
import { useTranslation } from 'react-i18next'

/** Rendering thousands of rows would stall the page; the rest are counted, and follow the defaults. */
const SHOWN = 200

/** The file's duplicates, each with its decision: merge into a match, import as new, skip, or review later. */
export function DuplicateList(props: {
  report: ImportReport
  decisions: ReadonlyMap<number, ImportLineAction>
  decide: (line: number, action: ImportLineAction) => void
  nameOf: (id: string) => string
  canDecide: boolean
}) {
  const { t, i18n } = useTranslation()
  const zh = i18n.language.startsWith('zh')
  const { report, decisions, decide, nameOf, canDecide } = props
  const matchLabel = (m: number | string) =>
    typeof m === 'number' ? t('import.fileLine', { line: m }) : t('import.existing', { name: nameOf(m) })
  const shown = report.duplicates.slice(0, SHOWN)
  return (
    <>
      <h2>{t('import.duplicates')}</h2>
      <ul className="duplicates" data-testid="import-duplicates">
        {shown.map((d) => {
          const current = decisions.get(d.line) ?? d.action
          const value = current.action === 'merge' ? `merge:${current.into}` : current.action
          return (
            <li key={d.line} data-line={d.line} data-kind={d.kind}>
              <p>
                {t(d.kind === 'exact' ? 'import.repeatOf' : 'import.duplicateOf', { line: d.line })}{' '}
                {d.matches.map(matchLabel).join('、')}
              </p>
              {d.evidence.length > 0 && (
                <p className="muted">{d.evidence.map((e) => (zh ? e.zh : e.en)).join('；')}</p>
              )}
              {canDecide && d.valid && (
                <label>
                  {t('import.decision', { line: d.line })}
                  <select
                    value={value}
                    onChange={(e) => {
                      const v = e.target.value
                      decide(
                        d.line,
                        v.startsWith('merge:')
                          ? { action: 'merge', into: v.slice(6) }
                          : { action: v === 'new' ? 'new' : v === 'skip' ? 'skip' : 'review' },
                      )
                    }}
                  >
                    {d.matches
                      .filter((m): m is string => typeof m === 'string')
                      .map((m) => (
                        <option key={m} value={`merge:${m}`}>
                          {t('import.mergeInto', { name: nameOf(m) })}
                        </option>
                      ))}
                    <option value="review">{t('import.review')}</option>
                    <option value="new">{t('import.asNew')}</option>
                    <option value="skip">{t('import.skip')}</option>
                  </select>
                </label>
              )}
            </li>
          )
        })}
      </ul>
      {report.duplicates.length > SHOWN && (
        <p className="muted">{t('import.moreDuplicates', { count: report.duplicates.length - SHOWN })}</p>
      )}
    </>
  )
}

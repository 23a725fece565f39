import { useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useOutrider } from '../../app/outrider-context.tsx'
import { useLiveQuery } from '../../db/hooks.ts'
import { ApiError, apiJson, errorKey } from '../review/api.ts'
import { guessColumns, type ImportKind, importRoles, requiredRoles, restoreColumns } from './guess-columns.ts'
import { blankLines, readHeader } from './skip-lines.ts'
import '../review/review.css'
import './import.css'
import { ScrollRegion } from '../../app/scroll-region.tsx'

export interface ImportReport {
  rows: number
  valid: number
  errors: { line: number; field: string; reason: string; zh?: string }[]
  duplicates: {
    line: number
    matches: (number | string)[]
    evidence?: { match: number | string; en: string; zh: string }[]
  }[]
  imported: number
}

type Decision = { action: 'merge'; into: string } | { action: 'new' } | { action: 'skip' }

/** CSV import of customers or orders: mapping, dry-run preview with duplicate review, then import. */
export default function ImportPage() {
  const { t, i18n } = useTranslation()
  useOutrider()
  const zh = i18n.language.startsWith('zh')
  const customers = useLiveQuery<{ id: string; name: string }>('customers', { selector: {} }, [])
  const nameOf = useMemo(() => new Map((customers ?? []).map((c) => [c.id, c.name])), [customers])
  const [kind, setKind] = useState<ImportKind>('customers')
  const [csv, setCsv] = useState<string | null>(null)
  const [header, setHeader] = useState<string[]>([])
  const [fileError, setFileError] = useState<string | null>(null)
  const [source, setSource] = useState('')
  const [columns, setColumns] = useState<Record<string, string>>({})
  const [origin, setOrigin] = useState<'guessed' | 'restored' | null>(null)
  const [report, setReport] = useState<ImportReport | null>(null)
  const [decisions, setDecisions] = useState<Record<number, Decision>>({})
  const [skipInvalid, setSkipInvalid] = useState(false)
  const [busy, setBusy] = useState<'check' | 'import' | null>(null)
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null)

  const reset = () => {
    setReport(null)
    setDecisions({})
    setMessage(null)
  }

  const onFile = async (file: File | undefined) => {
    reset()
    if (!file) return
    const text = await file.text()
    const h = readHeader(text)
    if ('error' in h) {
      setFileError(t('import.badFile'))
      setCsv(null)
      setHeader([])
      return
    }
    setFileError(null)
    setCsv(text)
    setHeader(h.header)
    setColumns(guessColumns(kind, h.header))
    setOrigin('guessed')
  }

  // A saved mapping for this source replaces the guess (the server keeps one per source and kind).
  useEffect(() => {
    const name = source.trim()
    if (!name || header.length === 0) return
    let live = true
    const timer = setTimeout(() => {
      apiJson<{ kind?: string; columns?: Record<string, string> }>(
        'GET',
        `/api/import/mappings/${encodeURIComponent(name)}`,
      ).then(
        (json) => {
          const saved = (json.columns && typeof json.columns === 'object' ? json.columns : json) as Record<
            string,
            unknown
          >
          const cols = Object.fromEntries(
            Object.entries(saved).filter(
              (e): e is [string, string] => typeof e[1] === 'string' && importRoles[kind].includes(e[0]),
            ),
          )
          if (live && Object.keys(cols).length > 0) {
            setColumns(restoreColumns(kind, cols, header))
            setOrigin('restored')
          }
        },
        () => {},
      )
    }, 400)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [source, header, kind])

  const missing = requiredRoles[kind].filter((r) => !columns[r])
  const endpoint = `/api/import/${kind}`
  const query = (dryRun: boolean) =>
    new URLSearchParams({
      dryRun: dryRun ? '1' : '0',
      skipInvalid: skipInvalid ? '1' : '0',
      source: source.trim() || 'default',
    })

  const check = async () => {
    if (!csv || missing.length > 0) return
    setBusy('check')
    reset()
    try {
      const r = await apiJson<ImportReport>('POST', `${endpoint}?${query(true)}`, { csv, columns })
      setReport(r)
      // Duplicates of an existing customer wait for a decision (skip until chosen); in-file ones import as new.
      const initial: Record<number, Decision> = {}
      for (const d of r.duplicates)
        initial[d.line] = d.matches.some((m) => typeof m === 'string')
          ? { action: 'skip' }
          : { action: 'new' }
      setDecisions(initial)
    } catch (err) {
      setMessage({
        ok: false,
        text:
          err instanceof ApiError && err.message ? `${t(errorKey(err))} ${err.message}` : t(errorKey(err)),
      })
    } finally {
      setBusy(null)
    }
  }

  const run = async () => {
    if (!csv || !report) return
    if (report.errors.length > 0 && !skipInvalid) {
      setMessage({ ok: false, text: t('import.mustSkip') })
      return
    }
    const skipped = new Set(
      Object.entries(decisions)
        .filter(([, d]) => d.action === 'skip')
        .map(([line]) => Number(line)),
    )
    const merge = Object.entries(decisions).flatMap(([line, d]) =>
      d.action === 'merge' ? [{ line: Number(line), into: d.into }] : [],
    )
    setBusy('import')
    setMessage(null)
    try {
      const r = await apiJson<ImportReport>('POST', `${endpoint}?${query(false)}`, {
        csv: blankLines(csv, skipped),
        columns,
        ...(kind === 'customers' && merge.length > 0 ? { merge } : {}),
      })
      setReport(r)
      setMessage({
        ok: r.imported > 0,
        text: r.imported > 0 ? t('import.imported', { count: r.imported }) : t('import.nothingImported'),
      })
    } catch (err) {
      setMessage({
        ok: false,
        text:
          err instanceof ApiError && err.message ? `${t(errorKey(err))} ${err.message}` : t(errorKey(err)),
      })
    } finally {
      setBusy(null)
    }
  }

  const matchLabel = (m: number | string) =>
    typeof m === 'number'
      ? t('import.fileLine', { line: m })
      : t('import.existing', { name: nameOf.get(m) ?? m })

  return (
    <section className="import" aria-labelledby="import-title">
      <h1 id="import-title">{t('import.title')}</h1>
      <Link className="back" to="/manage">
        {t('import.back')}
      </Link>
      <fieldset className="kind">
        <legend>{t('import.kind')}</legend>
        {(['customers', 'orders'] as const).map((k) => (
          <label key={k} className="check">
            <input
              type="radio"
              name="kind"
              checked={kind === k}
              onChange={() => {
                setKind(k)
                reset()
                setColumns(guessColumns(k, header))
              }}
            />
            {t(`import.${k}`)}
          </label>
        ))}
      </fieldset>
      <label>
        {t('import.file')}
        <input type="file" accept=".csv,text/csv" onChange={(e) => void onFile(e.target.files?.[0])} />
      </label>
      {fileError && (
        <p role="alert" className="error">
          {fileError}
        </p>
      )}
      <label>
        {t('import.source')}
        <input
          value={source}
          placeholder={t('import.sourcePlaceholder')}
          onChange={(e) => setSource(e.target.value)}
        />
      </label>
      {header.length > 0 && (
        <fieldset className="mapping" data-testid="column-mapping">
          <legend>{t('import.mapping')}</legend>
          {origin && (
            <p className="muted" role="status">
              {origin === 'restored' ? t('import.restored', { source: source.trim() }) : t('import.guessed')}
            </p>
          )}
          <div className="filters">
            {importRoles[kind].map((role) => (
              <label key={role}>
                {t(`import.roles.${role}`)} {requiredRoles[kind].includes(role) && t('import.required')}
                <select
                  aria-label={t(`import.roles.${role}`)}
                  value={columns[role] ?? ''}
                  onChange={(e) => {
                    reset()
                    setColumns((c) => {
                      const next = { ...c }
                      if (e.target.value) next[role] = e.target.value
                      else delete next[role]
                      return next
                    })
                  }}
                >
                  <option value="">{t('import.notMapped')}</option>
                  {header.map((h) => (
                    <option key={h} value={h}>
                      {h}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </div>
          {missing.length > 0 && (
            <p className="error">
              {t('import.missingRequired', { roles: missing.map((r) => t(`import.roles.${r}`)).join('、') })}
            </p>
          )}
          <button
            type="button"
            disabled={!csv || missing.length > 0 || busy !== null}
            onClick={() => void check()}
          >
            {busy === 'check' ? t('import.checking') : t('import.preview')}
          </button>
        </fieldset>
      )}
      {report && (
        <section className="report" data-testid="import-report" aria-live="polite">
          <p data-testid="import-summary">
            {t('import.summary', {
              rows: report.rows,
              valid: report.valid,
              errors: new Set(report.errors.map((e) => e.line)).size,
              duplicates: report.duplicates.length,
            })}
          </p>
          {report.errors.length > 0 && (
            <>
              <h2>{t('import.errors')}</h2>
              <ScrollRegion label={t('import.errors')}>
                <table className="errors-table" data-testid="import-errors">
                  <thead>
                    <tr>
                      <th scope="col">{t('import.line')}</th>
                      <th scope="col">{t('import.field')}</th>
                      <th scope="col">{t('import.reason')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {report.errors.map((e, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: a line may repeat a field with two reasons
                      <tr key={`${e.line}-${e.field}-${i}`}>
                        <td>{e.line}</td>
                        <td>{e.field}</td>
                        <td>{zh && e.zh ? e.zh : e.reason}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollRegion>
            </>
          )}
          {report.duplicates.length > 0 && (
            <>
              <h2>{t('import.duplicates')}</h2>
              <ul className="duplicates" data-testid="import-duplicates">
                {report.duplicates.map((d) => {
                  const current = decisions[d.line] ?? { action: 'new' }
                  const value = current.action === 'merge' ? `merge:${current.into}` : current.action
                  return (
                    <li key={d.line} data-line={d.line}>
                      <p>
                        {t('import.duplicateOf', { line: d.line })} {d.matches.map(matchLabel).join('、')}
                      </p>
                      {d.evidence && d.evidence.length > 0 && (
                        <p className="muted">{d.evidence.map((e) => (zh ? e.zh : e.en)).join('；')}</p>
                      )}
                      {kind === 'customers' && (
                        <label>
                          {t('import.decision', { line: d.line })}
                          <select
                            value={value}
                            onChange={(e) => {
                              const v = e.target.value
                              setDecisions((all) => ({
                                ...all,
                                [d.line]: v.startsWith('merge:')
                                  ? { action: 'merge', into: v.slice(6) }
                                  : v === 'skip'
                                    ? { action: 'skip' }
                                    : { action: 'new' },
                              }))
                            }}
                          >
                            {d.matches
                              .filter((m): m is string => typeof m === 'string')
                              .map((m) => (
                                <option key={m} value={`merge:${m}`}>
                                  {t('import.mergeInto', { name: nameOf.get(m) ?? m })}
                                </option>
                              ))}
                            <option value="new">{t('import.asNew')}</option>
                            <option value="skip">{t('import.skip')}</option>
                          </select>
                        </label>
                      )}
                    </li>
                  )
                })}
              </ul>
            </>
          )}
          {report.errors.length > 0 && (
            <label className="check">
              <input
                type="checkbox"
                checked={skipInvalid}
                onChange={(e) => setSkipInvalid(e.target.checked)}
              />
              {t('import.skipInvalid')}
            </label>
          )}
          {report.imported === 0 && (
            <button type="button" disabled={busy !== null} onClick={() => void run()}>
              {busy === 'import' ? t('import.importing') : t('import.import')}
            </button>
          )}
        </section>
      )}
      {message && (
        <p
          role={message.ok ? 'status' : 'alert'}
          className={message.ok ? 'ok' : 'error'}
          data-testid="import-message"
        >
          {message.text}
        </p>
      )}
    </section>
  )
}

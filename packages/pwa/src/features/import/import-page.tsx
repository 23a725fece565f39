import {
  httpApi,
  type ImportKind,
  type ImportLineAction,
  type ImportReport,
  importRoles,
  planImport,
  requiredRoles,
  type TextEncoding,
  textEncodingLabels,
} from '@outrider/domain'
import { useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router'
import { ApiError, callApi, errorKey } from '../../shared/api.ts'
import { useLiveQuery } from '../../store/hooks.ts'
import { useOutrider } from '../../store/outrider-context.ts'
import { DuplicateList } from './duplicate-list.tsx'
import { ExtraColumns } from './extra-columns.tsx'
import { guessColumns, restoreColumns, roleLabel } from './guess-columns.ts'
import { importEndpoints } from './import-endpoint.ts'
import { KindPicker } from './kind-picker.tsx'
import { postWithProgress, type UploadProgress } from './post-with-progress.ts'
import { readCsvFile } from './read-csv-file.ts'
import '../../shared/office.css'
import './import.css'
import { ScrollRegion } from '../../shared/scroll-region.tsx'

/** A custom field's key, as the server accepts it. */
const CUSTOM_KEY = /^[A-Za-z][A-Za-z0-9_]{0,63}$/
/** Error rows shown; the rest are counted (a 100,000-line file may have thousands). */
const ERRORS_SHOWN = 200

/** CSV import of customers or orders: mapping, dry-run preview with duplicate review, then import. */
export default function ImportPage() {
  const { t, i18n } = useTranslation()
  useOutrider()
  const zh = i18n.language.startsWith('zh')
  const customers = useLiveQuery('customers', { selector: {} }, [])
  const nameOf = useMemo(() => new Map((customers ?? []).map((c) => [c.id, c.name])), [customers])
  const [params] = useSearchParams()
  const [kind, setKind] = useState<ImportKind>(() =>
    params.get('kind') === 'products' ? 'products' : 'customers',
  )
  const [csv, setCsv] = useState<string | null>(null)
  const [encoding, setEncoding] = useState<TextEncoding | null>(null)
  const [progress, setProgress] = useState<UploadProgress | null>(null)
  const [header, setHeader] = useState<string[]>([])
  const [fileError, setFileError] = useState<string | null>(null)
  const [source, setSource] = useState('')
  const [columns, setColumns] = useState<Record<string, string>>({})
  const [origin, setOrigin] = useState<'guessed' | 'restored' | null>(null)
  const [report, setReport] = useState<ImportReport | null>(null)
  const [decisions, setDecisions] = useState<ReadonlyMap<number, ImportLineAction>>(new Map())
  const [skipInvalid, setSkipInvalid] = useState(false)
  const [busy, setBusy] = useState<'check' | 'import' | null>(null)
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null)

  const reset = () => {
    setReport(null)
    setDecisions(new Map())
    setMessage(null)
  }

  const onFile = async (file: File | undefined) => {
    reset()
    if (!file) return
    const read = await readCsvFile(file)
    if ('error' in read) {
      setFileError(t(read.error === 'encoding' ? 'import.badEncoding' : 'import.badFile'))
      setCsv(null)
      setEncoding(null)
      setHeader([])
      return
    }
    setFileError(null)
    setCsv(read.text)
    setEncoding(read.encoding)
    setHeader(read.header)
    setColumns(guessColumns(kind, read.header))
    setOrigin('guessed')
  }

  // A saved mapping for this source replaces the guess (the server keeps one per source and kind).
  useEffect(() => {
    const name = source.trim()
    if (!name || header.length === 0) return
    let live = true
    const timer = setTimeout(() => {
      callApi(httpApi.loadImportMapping, { params: { source: name }, query: { kind } }).then(
        (saved) => {
          const cols = Object.fromEntries(
            Object.entries(saved.columns).filter(
              ([role]) => importRoles[kind].includes(role) || (kind === 'customers' && CUSTOM_KEY.test(role)),
            ),
          )
          if (live && Object.keys(cols).length > 0) {
            setColumns(restoreColumns(kind, cols, header))
            setOrigin('restored')
          }
        },
        // No mapping saved for this source yet (404), or offline: the guess stands.
        () => undefined,
      )
    }, 400)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [source, header, kind])

  const missing = requiredRoles[kind].filter((r) => !columns[r])
  const send = (dryRun: boolean) =>
    postWithProgress(
      importEndpoints[kind],
      {
        query: {
          dryRun: dryRun ? '1' : '0',
          skipInvalid: skipInvalid ? '1' : '0',
          source: source.trim() || 'default',
        },
        body: body(),
      },
      setProgress,
    )

  const check = async () => {
    if (!csv || missing.length > 0) return
    setBusy('check')
    reset()
    try {
      const r = await send(true)
      // The server's defaults (exact repeat → skip, likely duplicate → review) stand until changed.
      setReport(r)
    } catch (err) {
      setMessage({
        ok: false,
        text:
          err instanceof ApiError && err.message ? `${t(errorKey(err))} ${err.message}` : t(errorKey(err)),
      })
    } finally {
      setBusy(null)
      setProgress(null)
    }
  }

  const body = () => ({
    csv: csv ?? '',
    ...(encoding ? { encoding } : {}),
    columns,
    ...(kind === 'customers' && decisions.size > 0
      ? { decisions: [...decisions].map(([line, action]) => ({ line, action })) }
      : {}),
  })

  // The preview's counts under the current decisions: the same function the server plans the import with.
  const counts = useMemo(() => {
    if (!report) return null
    if (kind !== 'customers') return report.counts
    return planImport({
      valid: report.valid,
      invalid: report.counts.invalid,
      special: report.duplicates.map((d) => ({ line: d.line, valid: d.valid, duplicate: d.kind })),
      decisions,
      policy: 'default',
    }).counts
  }, [report, decisions, kind])

  const run = async () => {
    if (!csv || !report) return
    if (report.errors.length > 0 && !skipInvalid) {
      setMessage({ ok: false, text: t('import.mustSkip') })
      return
    }
    setBusy('import')
    setMessage(null)
    try {
      const r = await send(false)
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
      setProgress(null)
    }
  }

  return (
    <section className="import" aria-labelledby="import-title">
      <h1 id="import-title">{t('import.title')}</h1>
      <Link className="back" to="/manage">
        {t('import.back')}
      </Link>
      <KindPicker
        kind={kind}
        onChange={(k) => {
          setKind(k)
          reset()
          setColumns(guessColumns(k, header))
        }}
      />
      <label>
        {t('import.file')}
        <input type="file" accept=".csv,text/csv" onChange={(e) => void onFile(e.target.files?.[0])} />
      </label>
      {encoding && (
        <p className="muted" role="status" data-testid="import-encoding">
          {t('import.encoding', { encoding: textEncodingLabels[encoding][zh ? 'zh' : 'en'] })}
        </p>
      )}
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
                {t(roleLabel(kind, role))} {requiredRoles[kind].includes(role) && t('import.required')}
                <select
                  aria-label={t(roleLabel(kind, role))}
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
          {kind === 'customers' && (
            <ExtraColumns
              header={header}
              columns={columns}
              roles={importRoles.customers}
              onChange={(next) => {
                reset()
                setColumns(next)
              }}
            />
          )}
          {missing.length > 0 && (
            <p className="error">
              {t('import.missingRequired', { roles: missing.map((r) => t(roleLabel(kind, r))).join('、') })}
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
          {counts && (
            <p data-testid="import-counts">
              {t('import.counts', counts)}
              {report.blocked && !skipInvalid && ` ${t('import.blockedNote')}`}
            </p>
          )}
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
                    {report.errors.slice(0, ERRORS_SHOWN).map((e, i) => (
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
              {report.errors.length > ERRORS_SHOWN && (
                <p className="muted">
                  {t('import.moreErrors', { count: report.errors.length - ERRORS_SHOWN })}
                </p>
              )}
            </>
          )}
          {report.duplicates.length > 0 && (
            <DuplicateList
              report={report}
              decisions={decisions}
              decide={(line, action) => setDecisions((all) => new Map(all).set(line, action))}
              nameOf={(id) => nameOf.get(id) ?? id}
              canDecide={kind === 'customers' && report.imported === 0}
            />
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
      {progress && (
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

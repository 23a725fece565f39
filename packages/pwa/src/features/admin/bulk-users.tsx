import { type EndpointResult, type HttpApi, httpApi } from '@outrider/domain'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { callApi, errorKey } from '../../shared/api.ts'

type BulkResult = EndpointResult<HttpApi['bulkCreateUsers']>

/** Many people at once from a CSV file: all or nothing, every bad line listed. */
export function BulkUsers({ reload }: { reload: () => Promise<void> }) {
  const { t } = useTranslation()
  const [kind, setKind] = useState<'temporary' | 'invite'>('temporary')
  const [result, setResult] = useState<BulkResult | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const upload = async (file: File) => {
    setBusy(true)
    setError(null)
    setResult(null)
    try {
      const csv = await file.text()
      const out = await callApi(httpApi.bulkCreateUsers, { body: { csv, credential: { kind } } })
      setResult(out)
      await reload()
    } catch (err) {
      setError(t(errorKey(err)))
    } finally {
      setBusy(false)
    }
  }
  return (
    <section className="panel" aria-labelledby="bulk-title">
      <h2 id="bulk-title">{t('admin.bulk.title')}</h2>
      <p className="note">{t('admin.bulk.help')}</p>
      <fieldset>
        <legend>{t('admin.people.credential')}</legend>
        <label className="check">
          <input type="radio" checked={kind === 'temporary'} onChange={() => setKind('temporary')} />
          {t('admin.people.temporary')}
        </label>
        <label className="check">
          <input type="radio" checked={kind === 'invite'} onChange={() => setKind('invite')} />
          {t('admin.people.invite')}
        </label>
      </fieldset>
      <label>
        {t('admin.bulk.file')}
        <input
          type="file"
          accept=".csv,text/csv"
          disabled={busy}
          onChange={(e) => {
            const f = e.target.files?.[0]
            if (f) void upload(f)
            e.target.value = ''
          }}
        />
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {result && <BulkOutcome result={result} />}
    </section>
  )
}

/** Every refused line (nothing was created), or everyone created with their password or invitation link. */
function BulkOutcome({ result }: { result: BulkResult }) {
  const { t, i18n } = useTranslation()
  const zh = i18n.language.startsWith('zh')
  return (
    <>
      {result.errors.length > 0 && (
        <ul className="error" role="alert">
          {result.errors.map((e) => (
            <li key={`${e.line}-${e.reason}`}>
              {t('admin.bulk.lineError', { line: e.line, reason: zh ? e.zh : e.reason })}
            </li>
          ))}
        </ul>
      )}
      {result.errors.length === 0 && (
        <div role="status">
          <p className="ok">{t('admin.bulk.created', { count: result.created.length })}</p>
          <ul>
            {result.created.map((c) => (
              <li key={c.user.id}>
                {c.user.displayName} ({c.user.email}):{' '}
                <code>
                  {c.temporaryPassword ?? (c.invitePath ? `${location.origin}${c.invitePath}` : '')}
                </code>
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  )
}

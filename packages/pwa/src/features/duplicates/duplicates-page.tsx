import { type DuplicateSide, type EndpointResult, httpApi } from '@outrider/domain'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { callApi, errorKey } from '../../shared/api.ts'
import { BackPageHeader } from '../../shared/back-page-header.tsx'
import { OpeningList } from '../../shared/opening-list.tsx'
import { ScrollRegion } from '../../shared/scroll-region.tsx'
import { useReference } from '../../store/hooks.ts'
import { type CompareRow, compareRows } from './compare-rows.ts'
import '../../shared/office.css'
import '../../shared/tables.css'
import './duplicates.css'

type Found = EndpointResult<typeof httpApi.listDuplicateCustomers>
type Pair = Found['pairs'][number]
type Message = { ok: boolean; text: string }

/** Likely duplicates among the supervisor's customers: compare two side by side, keep one, merge the other into it. */
export default function DuplicatesPage() {
  const { t, i18n } = useTranslation()
  const [found, setFound] = useState<Found | null>(null)
  const [message, setMessage] = useState<Message | null>(null)
  const load = useCallback(async () => {
    try {
      setFound(await callApi(httpApi.listDuplicateCustomers, {}))
    } catch (err) {
      setMessage({ ok: false, text: t(errorKey(err)) })
    }
  }, [t])
  useEffect(() => {
    void load()
  }, [load])
  const zh = i18n.language.startsWith('zh')

  return (
    <section className="duplicates" aria-labelledby="duplicates-title">
      <BackPageHeader
        titleId="duplicates-title"
        title={t('duplicates.title')}
        back="/manage"
        backLabel={t('duplicates.back')}
        help={t('duplicates.help')}
      />
      {message && (
        <p
          role={message.ok ? 'status' : 'alert'}
          className={message.ok ? 'ok' : 'error'}
          data-testid="merge-message"
        >
          {message.text}
        </p>
      )}
      {!found && !message && <p role="status">{t('duplicates.loading')}</p>}
      {found && found.pairs.length === 0 && <p data-testid="duplicates-found">{t('duplicates.none')}</p>}
      {found && found.pairs.length > 0 && (
        <>
          <p className="muted" role="status" data-testid="duplicates-found">
            {t('duplicates.count', { count: found.pairs.length })}
            {found.more && ` ${t('duplicates.more')}`}
          </p>
          <OpeningList
            items={found.pairs.filter((pair) => found.customers[pair.a] && found.customers[pair.b])}
            keyOf={(pair) => `${pair.a}|${pair.b}`}
            className="duplicate-pairs"
            rowProps={() => ({ className: 'duplicate-pair', 'data-testid': 'duplicate-pair' })}
            head={(pair, row) => (
              <div className="pair-head">
                <span>
                  <strong>{found.customers[pair.a]?.customer.name}</strong> ↔{' '}
                  <strong>{found.customers[pair.b]?.customer.name}</strong>
                </span>
                <span className="badge">{t('duplicates.match', { pct: Math.round(pair.score * 100) })}</span>
                <span className="muted">
                  {pair.reasons.map((r) => (zh ? r.zh : r.en)).join(zh ? '；' : '; ')}
                </span>
                <button type="button" className="secondary" aria-expanded={row.open} onClick={row.toggle}>
                  {row.open ? t('duplicates.hide') : t('duplicates.compare')}
                </button>
              </div>
            )}
            body={(pair, close) => (
              <Comparison
                pair={pair}
                found={found}
                onMerged={(text) => {
                  close()
                  setMessage({ ok: true, text })
                  void load()
                }}
                onFailed={(text) => setMessage({ ok: false, text })}
              />
            )}
          />
        </>
      )}
    </section>
  )
}

function Comparison(props: {
  pair: Pair
  found: Found
  onMerged: (text: string) => void
  onFailed: (text: string) => void
}) {
  const { t, i18n } = useTranslation()
  const definitions = useReference('customFieldDefinitions')
  const a = props.found.customers[props.pair.a]!
  const b = props.found.customers[props.pair.b]!
  const rows = useMemo(
    () => compareRows(a, b, definitions ?? [], i18n.language, (s) => t(`code.customerStatus.${s}`)),
    [a, b, definitions, i18n.language, t],
  )
  const [pending, setPending] = useState<{ survivor: typeof a; duplicate: typeof a } | null>(null)
  const [busy, setBusy] = useState(false)
  const merge = async () => {
    if (!pending) return
    setBusy(true)
    try {
      const result = await callApi(httpApi.mergeCustomers, {
        body: { survivorId: pending.survivor.customer.id, duplicateId: pending.duplicate.customer.id },
      })
      const moved = Object.values(result.moved).reduce((sum, n) => sum + n, 0)
      props.onMerged(
        t('duplicates.merged', {
          duplicate: pending.duplicate.customer.name,
          survivor: pending.survivor.customer.name,
          moved,
        }),
      )
    } catch (err) {
      props.onFailed(t('duplicates.failed', { reason: t(errorKey(err)) }))
      setBusy(false)
    }
  }
  return (
    <div className="comparison">
      <CompareTable a={a} b={b} rows={rows} />
      {pending ? (
        <div className="row-buttons">
          <p>
            {t('duplicates.confirm', {
              duplicate: pending.duplicate.customer.name,
              survivor: pending.survivor.customer.name,
            })}
          </p>
          <button type="button" disabled={busy} onClick={() => void merge()}>
            {busy ? t('duplicates.merging') : t('duplicates.confirmButton')}
          </button>
          <button type="button" className="secondary" disabled={busy} onClick={() => setPending(null)}>
            {t('duplicates.cancel')}
          </button>
        </div>
      ) : (
        <div className="row-buttons">
          <button type="button" onClick={() => setPending({ survivor: a, duplicate: b })}>
            {t('duplicates.keep', { name: a.customer.name })}
          </button>
          <button type="button" onClick={() => setPending({ survivor: b, duplicate: a })}>
            {t('duplicates.keep', { name: b.customer.name })}
          </button>
        </div>
      )}
    </div>
  )
}

/** The two customers side by side, field by field, the fields that differ marked. */
function CompareTable({ a, b, rows }: { a: DuplicateSide; b: DuplicateSide; rows: CompareRow[] }) {
  const { t } = useTranslation()
  return (
    <ScrollRegion label={t('duplicates.compare')}>
      <table className="moves compare-table" data-testid="compare-table">
        <thead>
          <tr>
            <th scope="col">{t('duplicates.field')}</th>
            <th scope="col">{a.customer.name}</th>
            <th scope="col">{b.customer.name}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} className={r.differs ? 'differs' : undefined} data-field={r.key}>
              <th scope="row">{'i18n' in r.label ? t(`duplicates.fields.${r.label.i18n}`) : r.label.text}</th>
              <td>{r.left}</td>
              <td>{r.right}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  )
}

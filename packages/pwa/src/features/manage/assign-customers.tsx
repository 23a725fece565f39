import { type Customer, httpApi, segmentLabel } from '@outrider/domain'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { callApi, errorKey } from '../../shared/api.ts'
import type { CustomerClass } from '../../shared/team-segments.ts'
import { useBilingual } from '../../shared/use-bilingual.ts'
import type { TeamUser } from '../../store/use-team-data.ts'

const UNASSIGNED = '__none__'

/** Filter, tick and move customers to a rep of the team, in bulk (the server does the move). */
export function AssignCustomers({
  customers,
  reps,
  classOf,
}: {
  customers: Customer[]
  reps: TeamUser[]
  /** Tier, segment and score of each customer, as every screen classifies them. */
  classOf: (id: string) => CustomerClass | undefined
}) {
  const { t } = useTranslation()
  const b = useBilingual()
  const [q, setQ] = useState('')
  const [owner, setOwner] = useState('')
  const [city, setCity] = useState('')
  const [tier, setTier] = useState('')
  const [selected, setSelected] = useState<Set<string>>(new Set())
  const [target, setTarget] = useState('')
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null)
  const live = useMemo(
    () =>
      customers
        .filter((c) => !c.deleted && c.mergedInto === undefined)
        .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
    [customers],
  )
  const cities = useMemo(() => [...new Set(live.map((c) => c.city).filter(Boolean))].sort(), [live])
  const repName = (id: string | null) =>
    reps.find((r) => r.id === id)?.displayName ?? t('manage.assign.unassigned')
  const shown = useMemo(() => {
    const needle = q.trim().toLowerCase()
    return live.filter(
      (c) =>
        (!needle ||
          c.name.toLowerCase().includes(needle) ||
          c.searchKeys.some((k) => k.toLowerCase().includes(needle)) ||
          c.address.includes(needle)) &&
        (!owner || (owner === UNASSIGNED ? c.ownerRepId === null : c.ownerRepId === owner)) &&
        (!city || c.city === city) &&
        (!tier || classOf(c.id)?.tier === tier),
    )
  }, [live, q, owner, city, tier, classOf])
  const parent = useRef<HTMLElement>(null)
  const virtual = useVirtualizer({
    count: shown.length,
    getScrollElement: () => parent.current,
    estimateSize: () => 52,
    overscan: 8,
  })
  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s)
      if (next.has(id)) next.delete(id)
      else next.add(id)
      return next
    })

  const submit = async () => {
    if (selected.size === 0 || !target) {
      setMessage({ ok: false, text: t('manage.assign.none') })
      return
    }
    setBusy(true)
    setMessage(null)
    try {
      const r = await callApi(httpApi.assignCustomers, {
        body: { customerIds: [...selected], repId: target },
      })
      setMessage({ ok: true, text: t('manage.assign.done', { count: r.moved }) })
      setSelected(new Set())
    } catch (err) {
      setMessage({ ok: false, text: t(errorKey(err)) })
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="panel" aria-labelledby="assign-title">
      <h2 id="assign-title">{t('manage.assign.title')}</h2>
      <div className="filters">
        <label>
          {t('manage.assign.search')}
          <input type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </label>
        <label>
          {t('manage.assign.owner')}
          <select value={owner} onChange={(e) => setOwner(e.target.value)}>
            <option value="">{t('manage.assign.anyOwner')}</option>
            <option value={UNASSIGNED}>{t('manage.assign.unassigned')}</option>
            {reps.map((r) => (
              <option key={r.id} value={r.id}>
                {r.displayName}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('manage.assign.city')}
          <select value={city} onChange={(e) => setCity(e.target.value)}>
            <option value="">{t('manage.assign.anyCity')}</option>
            {cities.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('manage.assign.tier')}
          <select value={tier} onChange={(e) => setTier(e.target.value)}>
            <option value="">{t('manage.assign.anyTier')}</option>
            {['A', 'B', 'C'].map((x) => (
              <option key={x} value={x}>
                {x}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="toolbar">
        <button
          type="button"
          className="secondary"
          onClick={() => setSelected((s) => new Set([...s, ...shown.map((c) => c.id)]))}
        >
          {t('manage.assign.selectAll', { count: shown.length })}
        </button>
        <button type="button" className="secondary" onClick={() => setSelected(new Set())}>
          {t('manage.assign.clear')}
        </button>
        <span data-testid="selected-count">{t('manage.assign.selected', { count: selected.size })}</span>
      </div>
      <section
        ref={parent}
        className="vlist assign-list"
        aria-label={t('manage.assign.list')}
        data-testid="assign-list"
      >
        <ul style={{ height: virtual.getTotalSize() }}>
          {virtual.getVirtualItems().map((item) => {
            const c = shown[item.index]!
            const k = classOf(c.id)
            return (
              <li
                key={c.id}
                className="vrow assign-row"
                style={{ transform: `translateY(${item.start}px)` }}
                data-testid="assign-row"
                data-customer-id={c.id}
                data-tier={k?.tier}
                data-segment={k?.segment}
                data-score={k?.score}
              >
                <label className="check">
                  <input
                    type="checkbox"
                    checked={selected.has(c.id)}
                    onChange={() => toggle(c.id)}
                    aria-label={t('manage.assign.select', { name: c.name })}
                  />
                  <span>
                    <span className="name">{c.name}</span>{' '}
                    <span className="sub">
                      {c.city} · {repName(c.ownerRepId)}
                      {k && ` · ${k.tier}`}
                      {k && k.segment !== 'none' && ` · ${b(segmentLabel(k.segment))}`}
                      {k && ` · ${t('manage.assign.score', { score: k.score })}`}
                    </span>
                  </span>
                </label>
              </li>
            )
          })}
        </ul>
      </section>
      <div className="toolbar">
        <label>
          {t('manage.assign.to')}
          <select value={target} onChange={(e) => setTarget(e.target.value)}>
            <option value="">{t('manage.assign.chooseRep')}</option>
            {reps.map((r) => (
              <option key={r.id} value={r.id}>
                {r.displayName}
              </option>
            ))}
          </select>
        </label>
        <button type="button" disabled={busy} onClick={() => void submit()}>
          {t('manage.assign.submit')}
        </button>
      </div>
      {message && (
        <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'ok' : 'error'}>
          {message.text}
        </p>
      )}
    </section>
  )
}

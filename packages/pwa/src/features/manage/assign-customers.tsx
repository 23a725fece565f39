import { type Customer, httpApi, segmentLabel } from '@outrider/domain'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { callApi, errorKey } from '../../shared/api.ts'
import { ChoiceSelect } from '../../shared/choice-select.tsx'
import type { CustomerClass } from '../../shared/team-segments.ts'
import { useBilingual } from '../../shared/use-bilingual.ts'
import type { TeamUser } from '../../store/use-team-data.ts'

const UNASSIGNED = '__none__'

type AssignFilter = { q: string; owner: string; city: string; tier: string }
type Message = { ok: boolean; text: string }

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
  const [filter, setFilter] = useState<AssignFilter>({ q: '', owner: '', city: '', tier: '' })
  const [selected, setSelected] = useState<Set<string>>(new Set())
  const { live, shown } = useShownCustomers(customers, filter, classOf)
  const cities = useMemo(() => [...new Set(live.map((c) => c.city).filter(Boolean))].sort(), [live])
  const repName = (id: string | null) =>
    reps.find((r) => r.id === id)?.displayName ?? t('manage.assign.unassigned')
  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s)
      if (next.has(id)) next.delete(id)
      else next.add(id)
      return next
    })

  return (
    <section className="panel" aria-labelledby="assign-title">
      <h2 id="assign-title">{t('manage.assign.title')}</h2>
      <AssignFilters
        filter={filter}
        onChange={(change) => setFilter((f) => ({ ...f, ...change }))}
        reps={reps}
        cities={cities}
      />
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
      <AssignList shown={shown} classOf={classOf} repName={repName} selected={selected} onToggle={toggle} />
      <MoveToRep reps={reps} selected={selected} onMoved={() => setSelected(new Set())} />
    </section>
  )
}

/** The team's live customers by name, and those the filter keeps. */
function useShownCustomers(
  customers: Customer[],
  { q, owner, city, tier }: AssignFilter,
  classOf: (id: string) => CustomerClass | undefined,
) {
  const live = useMemo(
    () =>
      customers
        .filter((c) => !c.deleted && c.mergedInto === undefined)
        .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
    [customers],
  )
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
  return { live, shown }
}

function AssignFilters({
  filter,
  onChange,
  reps,
  cities,
}: {
  filter: AssignFilter
  onChange: (change: Partial<AssignFilter>) => void
  reps: TeamUser[]
  cities: string[]
}) {
  const { t } = useTranslation()
  return (
    <div className="filters">
      <label>
        {t('manage.assign.search')}
        <input type="search" value={filter.q} onChange={(e) => onChange({ q: e.target.value })} />
      </label>
      <ChoiceSelect
        label={t('manage.assign.owner')}
        value={filter.owner}
        onChange={(owner) => onChange({ owner })}
        none={t('manage.assign.anyOwner')}
        choices={[
          { value: UNASSIGNED, label: t('manage.assign.unassigned') },
          ...reps.map((r) => ({ value: r.id, label: r.displayName })),
        ]}
      />
      <ChoiceSelect
        label={t('manage.assign.city')}
        value={filter.city}
        onChange={(city) => onChange({ city })}
        none={t('manage.assign.anyCity')}
        choices={cities.map((c) => ({ value: c, label: c }))}
      />
      <ChoiceSelect
        label={t('manage.assign.tier')}
        value={filter.tier}
        onChange={(tier) => onChange({ tier })}
        none={t('manage.assign.anyTier')}
        choices={['A', 'B', 'C'].map((x) => ({ value: x, label: x }))}
      />
    </div>
  )
}

/** The filtered customers with a tick each; only the rows near the view are in the page. */
function AssignList({
  shown,
  classOf,
  repName,
  selected,
  onToggle,
}: {
  shown: Customer[]
  classOf: (id: string) => CustomerClass | undefined
  repName: (id: string | null) => string
  selected: ReadonlySet<string>
  onToggle: (id: string) => void
}) {
  const { t } = useTranslation()
  const b = useBilingual()
  const parent = useRef<HTMLElement>(null)
  const virtual = useVirtualizer({
    count: shown.length,
    getScrollElement: () => parent.current,
    estimateSize: () => 52,
    overscan: 8,
  })
  return (
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
                  onChange={() => onToggle(c.id)}
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
  )
}

/** The rep to move the ticked customers to, and the move itself (the server's answer shown below). */
function MoveToRep({
  reps,
  selected,
  onMoved,
}: {
  reps: TeamUser[]
  selected: ReadonlySet<string>
  onMoved: () => void
}) {
  const { t } = useTranslation()
  const [target, setTarget] = useState('')
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<Message | null>(null)
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
      onMoved()
    } catch (err) {
      setMessage({ ok: false, text: t(errorKey(err)) })
    } finally {
      setBusy(false)
    }
  }
  return (
    <>
      <div className="toolbar">
        <ChoiceSelect
          label={t('manage.assign.to')}
          value={target}
          onChange={setTarget}
          none={t('manage.assign.chooseRep')}
          choices={reps.map((r) => ({ value: r.id, label: r.displayName }))}
        />
        <button type="button" disabled={busy} onClick={() => void submit()}>
          {t('manage.assign.submit')}
        </button>
      </div>
      {message && (
        <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'ok' : 'error'}>
          {message.text}
        </p>
      )}
    </>
  )
}

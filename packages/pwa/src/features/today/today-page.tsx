import { type Customer, type DayPlan, haversineTravel, type LatLng } from '@outrider/domain'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useOutrider } from '../../app/outrider-context.tsx'
import { useLiveDoc, useLiveQuery } from '../../db/hooks.ts'
import { createMergeable, editMergeable } from '../../db/writes.ts'
import { useInsights } from '../../worker/insights-provider.tsx'
import type { TodayPlan } from '../../worker/insights-types.ts'
import { formatMinute, localClock } from '../../worker/local-clock.ts'
import { useBilingual } from '../customers/use-bilingual.ts'
import { currentPosition } from './current-position.ts'
import { type DocStop, dayPlanId, docStopsOf, mergeReplan, progressOf, withStatus } from './day-plan-stops.ts'
import { LeftOutList } from './left-out-list.tsx'
import { RouteSketch } from './route-sketch.tsx'
import { StopCard } from './stop-card.tsx'
import './today.css'

const LUNCH_OVER = 13 * 60 + 30

export default function TodayPage() {
  const { t } = useTranslation()
  const { db, user } = useOutrider()
  const { insights, computing, work, setLunch, replan } = useInsights()
  const b = useBilingual()
  const clock = useMemo(() => localClock(), [])
  const planId = dayPlanId(user.id, clock.today)
  const doc = useLiveDoc<DayPlan>('dayPlans', planId)
  const [rest, setRest] = useState<TodayPlan | null>(null)
  const [note, setNote] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const proposal = insights?.plan ?? null
  const stops: DocStop[] = doc ? doc.stops : proposal ? docStopsOf(proposal) : []
  const ids = stops.map((s) => s.customerId)
  const customers = useLiveQuery<Customer>('customers', { selector: { id: { $in: ids } } }, [ids.join(',')])
  const byId = useMemo(() => new Map((customers ?? []).map((c) => [c.id, c])), [customers])
  const start: LatLng | null = rest?.start ?? proposal?.start ?? work.home
  const lunch = work.lunch ? ((rest ?? proposal)?.lunch ?? null) : null

  // Legs between stops: the planner's own when showing its proposal, else estimated from the map.
  const legs = useMemo(() => {
    if (!doc && proposal) return proposal.stops.map((s) => ({ minutes: s.travelMinutes, km: s.travelKm }))
    let prev = start
    return stops.map((s) => {
      const here = byId.get(s.customerId)?.location ?? null
      const leg = prev && here ? haversineTravel(prev, here, 1.3, 35) : null
      if (here) prev = here
      return leg ? { minutes: Math.round(leg.minutes), km: Math.round(leg.km * 10) / 10 } : null
    })
  }, [doc, proposal, stops, start, byId])

  async function ensureDoc(): Promise<DayPlan> {
    const found = await db.dayPlans.findOne(planId).exec()
    if (found) return found.toJSON() as unknown as DayPlan
    return (await createMergeable(db, 'dayPlans', {
      id: planId,
      repId: user.id,
      date: clock.today,
      stops,
      startedAt: null,
      finishedAt: null,
    })) as unknown as DayPlan
  }

  async function run(action: () => Promise<void>) {
    setBusy(true)
    try {
      await action()
    } catch (err) {
      setNote(t('today.replanFailed', { message: err instanceof Error ? err.message : String(err) }))
    } finally {
      setBusy(false)
    }
  }

  const startDay = () =>
    run(async () => {
      await ensureDoc()
      await editMergeable(db, 'dayPlans', planId, { startedAt: new Date().toISOString() })
    })
  const finishDay = () =>
    run(async () => {
      await ensureDoc()
      await editMergeable(db, 'dayPlans', planId, { finishedAt: new Date().toISOString() })
    })
  const mark = (customerId: string, status: DocStop['status']) =>
    run(async () => {
      const current = await ensureDoc()
      await editMergeable(db, 'dayPlans', planId, { stops: withStatus(current.stops, customerId, status) })
    })
  const replanFromHere = () =>
    run(async () => {
      setNote(t('today.replanning'))
      const current = await ensureDoc()
      const progress = progressOf(current.stops)
      let position = await currentPosition()
      let where = t('today.where.here')
      if (!position) {
        const lastDone = [...current.stops].reverse().find((s) => s.status === 'done')
        const last = lastDone ? byId.get(lastDone.customerId)?.location : null
        position = last ?? work.home ?? start
        where = t(last ? 'today.where.lastStop' : work.home ? 'today.where.home' : 'today.where.city')
        setNote(t('today.noPosition', { where }))
      }
      if (!position) return
      const now = localClock().nowMinute
      const planned = await replan({
        nowMinute: now,
        position,
        ...progress,
        breakTaken: now >= (lunch?.end ?? LUNCH_OVER),
      })
      if (!planned) throw new Error(t('today.noData'))
      await editMergeable(db, 'dayPlans', planId, { stops: mergeReplan(current.stops, planned) })
      setRest(planned)
      setNote(t('today.replanned', { where, time: formatMinute(now) }))
    })

  const leftOut = (rest ?? proposal)?.leftOut.filter((l) => !ids.includes(l.customerId)) ?? []
  const sketchStops = stops
    .map((s) => ({
      id: s.customerId,
      location: byId.get(s.customerId)?.location ?? null,
      done: s.status !== 'planned',
    }))
    .filter((s): s is { id: string; location: LatLng; done: boolean } => s.location !== null)
  const totalTravel = legs.reduce((sum, l) => sum + (l?.minutes ?? 0), 0)
  const lastDepart = stops.at(-1)?.depart

  return (
    <section
      className="today"
      aria-labelledby="today-title"
      data-weekday={clock.weekday}
      data-date={clock.today}
    >
      <h1 id="today-title">{t('today.planFor', { date: clock.today })}</h1>
      {!insights && computing && (
        <p role="status" className="muted">
          {t('today.computing')}
        </p>
      )}
      {insights && !proposal && !doc && <p>{t('today.noData')}</p>}
      {stops.length > 0 && (
        <p className="muted" data-testid="today-summary">
          {t('today.summary', {
            count: stops.length,
            travel: totalTravel,
            end: formatMinute(rest?.endArrive ?? proposal?.endArrive ?? lastDepart ?? work.workEnd),
          })}
        </p>
      )}
      <div className="today-actions">
        {doc?.startedAt ? (
          <span className="pill">
            {t('today.startedAt', { time: new Date(doc.startedAt).toLocaleTimeString() })}
          </span>
        ) : (
          <button type="button" onClick={startDay} disabled={busy || stops.length === 0}>
            {t('today.startDay')}
          </button>
        )}
        <button type="button" className="secondary" onClick={replanFromHere} disabled={busy || !insights}>
          {t('today.replan')}
        </button>
        {doc?.startedAt && !doc.finishedAt && (
          <button type="button" className="secondary" onClick={finishDay} disabled={busy}>
            {t('today.finishDay')}
          </button>
        )}
        {doc?.finishedAt && (
          <span className="pill">
            {t('today.finishedAt', { time: new Date(doc.finishedAt).toLocaleTimeString() })}
          </span>
        )}
      </div>
      <label className="check">
        <input type="checkbox" checked={work.lunch} onChange={(e) => setLunch(e.target.checked)} />
        {t('today.lunchToggle')}
      </label>
      {note && (
        <p role="status" className="note" data-testid="today-note">
          {note}
        </p>
      )}
      {start && sketchStops.length > 0 && <RouteSketch start={start} stops={sketchStops} />}
      <h2>{t('today.stopsTitle')}</h2>
      {insights && stops.length === 0 && <p>{t('today.noStops')}</p>}
      <ol className="stops" data-testid="today-stops">
        {stops.map((s, i) => (
          <StopCard
            key={s.customerId}
            index={i}
            stop={s}
            leg={legs[i] ?? null}
            customer={byId.get(s.customerId)}
            insight={insights?.byCustomer[s.customerId]}
            lunchBefore={
              lunch && lunch.end <= s.start && (i === 0 || (stops[i - 1]?.depart ?? 0) <= lunch.start)
                ? lunch
                : null
            }
            busy={busy}
            onMark={mark}
            b={b}
          />
        ))}
      </ol>
      <LeftOutList leftOut={leftOut} insights={insights} />
    </section>
  )
}

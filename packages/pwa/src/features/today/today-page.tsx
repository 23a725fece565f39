import type { LatLng } from '@outrider/domain'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { currentPosition } from '../../platform/current-position.ts'
import { clockNow, useOrganisationClock } from '../../shared/organisation-clock.ts'
import { useBilingual } from '../../shared/use-bilingual.ts'
import { useInsights } from '../../store/insights-provider.tsx'
import { useOutrider } from '../../store/outrider-context.ts'
import { editMergeable } from '../../store/writes.ts'
import { formatMinute } from '../../worker/local-clock.ts'
import { type DocStop, progressOf, withStatus } from './day-plan-stops.ts'
import { DueTasks } from './due-tasks.tsx'
import { LeftOutList } from './left-out-list.tsx'
import { RouteOffer } from './route-offer.tsx'
import { RouteSketch } from './route-sketch.tsx'
import { StopCard } from './stop-card.tsx'
import { useHeldPlan } from './use-held-plan.ts'
import './today.css'

const LUNCH_OVER = 13 * 60 + 30

type HeldPlan = ReturnType<typeof useHeldPlan>
type DayActions = ReturnType<typeof useDayActions>

export default function TodayPage() {
  const { t } = useTranslation()
  const { insights, work, setLunch } = useInsights()
  const clock = useOrganisationClock()
  const plan = useHeldPlan(clock)
  const { doc, stops, start } = plan
  const actions = useDayActions(plan)
  const { note, busy } = actions
  const ids = stops.map((s) => s.customerId)
  const leftOut = (insights?.plan?.leftOut ?? []).filter((l) => !ids.includes(l.customerId))
  const sketchStops = sketchStopsOf(plan)

  return (
    <section
      className="today"
      aria-labelledby="today-title"
      data-weekday={clock.weekday}
      data-date={clock.today}
    >
      <h1 id="today-title">{t('today.planFor', { date: clock.today })}</h1>
      {plan.laying && (
        <p role="status" className="muted">
          {t('today.computing')}
        </p>
      )}
      {!plan.laying && doc === undefined && <p>{t('today.noData')}</p>}
      <DueTasks today={clock.today} />
      {stops.length > 0 && (
        <p className="muted" data-testid="today-summary">
          {t('today.summary', {
            count: stops.length,
            travel: plan.travelMinutes,
            end: formatMinute(plan.endArrive ?? stops.at(-1)?.depart ?? work.workEnd),
          })}
        </p>
      )}
      {plan.offer && (
        <RouteOffer offer={plan.offer} busy={busy} onAccept={actions.accept} onDecline={plan.decline} />
      )}
      <DayButtons plan={plan} actions={actions} canReplan={insights !== null} />
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
      {doc && stops.length === 0 && <p>{t('today.noStops')}</p>}
      <StopList plan={plan} busy={busy} onMark={actions.mark} />
      <LeftOutList
        leftOut={leftOut}
        insights={insights}
        onAdd={doc?.finishedAt ? null : (id) => actions.recompute([id])}
        busy={busy}
      />
    </section>
  )
}

/** The located stops, for the route sketch. */
function sketchStopsOf({ stops, byId }: HeldPlan) {
  return stops
    .map((s) => ({
      id: s.customerId,
      location: byId.get(s.customerId)?.location ?? null,
      done: s.status !== 'planned',
    }))
    .filter((s): s is { id: string; location: LatLng; done: boolean } => s.location !== null)
}

/**
 * What the rep does to the day (start, finish, tick a stop, lay out the rest again, take the offered
 * route), one at a time: `busy` while one runs, its outcome or failure in `note`.
 */
function useDayActions(plan: HeldPlan) {
  const { t } = useTranslation()
  const { db } = useOutrider()
  const { work, replan } = useInsights()
  const { doc, stops, byId, start, lunch } = plan
  const [note, setNote] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const planId = doc?.id

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
  const edit = (patch: Record<string, unknown>) =>
    run(async () => {
      if (planId) await editMergeable(db, 'dayPlans', planId, patch)
    })
  const mark = (customerId: string, status: DocStop['status']) =>
    edit({ stops: withStatus(stops, customerId, status) })
  const accept = () =>
    run(async () => {
      await plan.accept()
      setNote(t('today.offerTaken'))
    })

  /** Lays out the rest of the day again (asked for by the rep), optionally with a customer added. */
  const recompute = (include: string[] = []) =>
    run(async () => {
      setNote(t('today.replanning'))
      const progress = progressOf(stops)
      const begun = Boolean(doc?.startedAt) || progress.done.length > 0
      let position: LatLng | null = begun ? await currentPosition() : null
      let where = t(begun ? 'today.where.here' : work.home ? 'today.where.home' : 'today.where.city')
      if (!position) {
        const lastDone = [...stops].reverse().find((s) => s.status === 'done')
        const last = lastDone ? byId.get(lastDone.customerId)?.location : null
        position = last ?? work.home ?? start
        where = t(last ? 'today.where.lastStop' : work.home ? 'today.where.home' : 'today.where.city')
        if (begun) setNote(t('today.noPosition', { where }))
      }
      if (!position) return
      const now = begun ? clockNow().nowMinute : Math.max(clockNow().nowMinute, work.workStart)
      const planned = await replan({
        nowMinute: now,
        position,
        ...progress,
        breakTaken: now >= (lunch?.end ?? LUNCH_OVER),
        include,
      })
      if (!planned) throw new Error(t('today.noData'))
      await plan.replace(planned)
      const missing = include.filter((id) => !planned.stops.some((s) => s.customerId === id))
      setNote(
        missing.length > 0
          ? t('today.noRoomFor', { count: missing.length })
          : t('today.replanned', { where, time: formatMinute(clockNow().nowMinute) }),
      )
    })

  return { note, busy, edit, mark, accept, recompute }
}

/** Start the day (or when it started), lay out the rest again, finish the day (or when it finished). */
function DayButtons({
  plan,
  actions,
  canReplan,
}: {
  plan: HeldPlan
  actions: DayActions
  canReplan: boolean
}) {
  const { t } = useTranslation()
  const { doc, stops } = plan
  const { busy, edit, recompute } = actions
  return (
    <div className="today-actions">
      {doc?.startedAt ? (
        <span className="pill">
          {t('today.startedAt', { time: formatMinute(clockNow(Date.parse(doc.startedAt)).nowMinute) })}
        </span>
      ) : (
        <button
          type="button"
          onClick={() => edit({ startedAt: new Date().toISOString() })}
          disabled={busy || !doc || stops.length === 0}
        >
          {t('today.startDay')}
        </button>
      )}
      <button type="button" className="secondary" onClick={() => recompute()} disabled={busy || !canReplan}>
        {t('today.replan')}
      </button>
      {doc?.startedAt && !doc.finishedAt && (
        <button
          type="button"
          className="secondary"
          onClick={() => edit({ finishedAt: new Date().toISOString() })}
          disabled={busy}
        >
          {t('today.finishDay')}
        </button>
      )}
      {doc?.finishedAt && (
        <span className="pill">
          {t('today.finishedAt', { time: formatMinute(clockNow(Date.parse(doc.finishedAt)).nowMinute) })}
        </span>
      )}
    </div>
  )
}

/** The day's stops in order, lunch shown before the first stop after it. */
function StopList({
  plan,
  busy,
  onMark,
}: {
  plan: HeldPlan
  busy: boolean
  onMark: (customerId: string, status: DocStop['status']) => void
}) {
  const { insights } = useInsights()
  const b = useBilingual()
  const { stops, legs, byId, lunch } = plan
  return (
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
          onMark={onMark}
          b={b}
        />
      ))}
    </ol>
  )
}

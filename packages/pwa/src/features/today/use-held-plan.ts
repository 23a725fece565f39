import { type Customer, haversineTravel, type LatLng, parseDayNumber, startOfDay } from '@outrider/domain'
import { useEffect, useMemo, useRef, useState } from 'react'
import { logFailure } from '../../platform/log-failure.ts'
import { organisationTimeZone } from '../../shared/organisation-clock.ts'
import { useLiveDoc, useLiveQuery } from '../../store/hooks.ts'
import { useInsights } from '../../store/insights-provider.tsx'
import { useOutrider } from '../../store/outrider-context.ts'
import { createMergeable, editMergeable } from '../../store/writes.ts'
import type { LocalClock, TodayPlan } from '../../worker/insights-types.ts'
import { type DocStop, dayPlanId, docStopsOf, mergeReplan } from './day-plan-stops.ts'
import {
  extrasOf,
  type HeldExtras,
  type Leg,
  loadHeld,
  routeOffer,
  saveHeld,
  signatureOf,
  tickVisited,
} from './plan-hold.ts'
import { useSettled } from './use-settled.ts'

/** The organisation's midnight starting `date`, as an ISO instant: visits checked in since then count as today's. */
function startOfOrganisationDay(date: string): string {
  return new Date(startOfDay(parseDayNumber(date), organisationTimeZone())).toISOString()
}

function estimateLegs(start: LatLng | null, stops: readonly DocStop[], byId: Map<string, Customer>) {
  let prev = start
  return stops.map((s): Leg | null => {
    const here = byId.get(s.customerId)?.location ?? null
    const leg = prev && here ? haversineTravel(prev, here, 1.3, 35) : null
    if (here) prev = here
    return leg ? { minutes: Math.round(leg.minutes), km: Math.round(leg.km * 10) / 10 } : null
  })
}

/**
 * Today's plan as the rep keeps it: laid out once from the first proposal computed on settled data,
 * stored (the synced day plan record plus the planner's legs on the device), shown as stored on every
 * reopening; visited stops are ticked off in place. A later proposal that would serve the rep better
 * is only offered (`offer`), never swapped in.
 */
export function useHeldPlan(clock: LocalClock) {
  const { db, user } = useOutrider()
  const { insights, work } = useInsights()
  const planId = dayPlanId(user.id, clock.today)
  const doc = useLiveDoc('dayPlans', planId)
  const [held, setHeldState] = useState<HeldExtras | null>(() => loadHeld(user.id, clock.today))
  const settled = useSettled()
  const proposal = insights?.plan ?? null
  const keep = (h: HeldExtras) => {
    saveHeld(user.id, h)
    setHeldState(h)
  }

  const since = useMemo(() => startOfOrganisationDay(clock.today), [clock.today])
  const visits = useLiveQuery('visits', { selector: { checkInAt: { $gte: since } } }, [since])
  const visited = useMemo(() => new Map((visits ?? []).map((v) => [v.customerId, v.id])), [visits])
  const stops = useMemo(() => (doc ? tickVisited(doc.stops, visited) : []), [doc, visited])
  const ids = stops.map((s) => s.customerId)
  const customers = useLiveQuery('customers', { selector: { id: { $in: ids } } }, [ids.join(',')])
  const byId = useMemo(() => new Map((customers ?? []).map((c) => [c.id, c])), [customers])

  // Lay the day out once: the first proposal made from settled data becomes the plan.
  const adopting = useRef(false)
  // biome-ignore lint/correctness/useExhaustiveDependencies: adopts once; `keep` is stable in effect
  useEffect(() => {
    if (doc !== undefined || !proposal || proposal.date !== clock.today || !settled || adopting.current)
      return
    adopting.current = true
    const first = docStopsOf(proposal)
    keep(
      extrasOf(
        proposal,
        first.map((s) => s.customerId),
        null,
      ),
    )
    void createMergeable(db, 'dayPlans', {
      id: planId,
      repId: user.id,
      date: clock.today,
      stops: first,
      startedAt: null,
      finishedAt: null,
    }).catch(() => {
      adopting.current = false
    })
  }, [doc, proposal, settled, clock.today, db, planId, user.id])

  // A visit recorded today ticks its stop in the stored plan too, so the supervisor sees it.
  useEffect(() => {
    if (!doc || !stops.some((s, i) => s.status !== doc.stops[i]?.status)) return
    void editMergeable(db, 'dayPlans', planId, { stops }).catch(
      logFailure('the plan stop was not ticked; the next visit or render writes it again'),
    )
  }, [db, doc, planId, stops])

  const start: LatLng | null = proposal?.start ?? work.home
  const own = held !== null && signatureOf(held.ids) === signatureOf(ids)
  const legs = useMemo(
    () => (own && held ? held.legs : estimateLegs(start, stops, byId)),
    [own, held, start, stops, byId],
  )
  const travelMinutes = legs.reduce((sum, l) => sum + (l?.minutes ?? 0), 0)
  const offer =
    doc && proposal && proposal.date === clock.today && !doc.startedAt
      ? routeOffer({ stops, travelMinutes, declined: held?.declined ?? null }, proposal)
      : null

  /** Stores a re-planned route (the rep asked for it): done and skipped stops stay where they are. */
  async function replace(planned: TodayPlan) {
    const current = await db.dayPlans.findOne(planId).exec()
    const was = current ? current.toMutableJSON().stops : []
    const next = mergeReplan(tickVisited(was, visited), planned)
    keep(
      extrasOf(
        planned,
        next.map((s) => s.customerId),
        null,
      ),
    )
    if (current) await editMergeable(db, 'dayPlans', planId, { stops: next })
    else
      await createMergeable(db, 'dayPlans', {
        id: planId,
        repId: user.id,
        date: clock.today,
        stops: next,
        startedAt: null,
        finishedAt: null,
      })
  }

  return {
    doc,
    stops,
    byId,
    legs,
    start,
    travelMinutes,
    lunch: work.lunch && own ? (held?.lunch ?? null) : null,
    endArrive: own ? (held?.endArrive ?? null) : null,
    /** Still waiting for the day to be laid out (no stored plan yet). */
    laying: doc === null || (doc === undefined && !(insights && !proposal)),
    offer,
    accept: () => (proposal ? replace(proposal) : Promise.resolve()),
    decline: () => {
      if (!offer) return
      keep({ ...(held ?? extrasOf(proposal as TodayPlan, ids, null)), declined: offer.signature })
    },
    replace,
  }
}

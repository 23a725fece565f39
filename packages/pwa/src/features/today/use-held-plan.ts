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

/** A new day plan record of the rep's for `date`, holding `stops` (not started). */
function newDayPlan(planId: string, repId: string, date: string, stops: DocStop[]) {
  return { id: planId, repId, date, stops, startedAt: null, finishedAt: null }
}

/**
 * The stored plan's stops with today's visits ticked off, and the customers they stop at. Read from
 * the visits checked in since the organisation's midnight, so a visit made on this phone ticks its stop at once.
 */
function useTickedStops(doc: { stops: DocStop[] } | null | undefined, today: string) {
  const since = useMemo(() => startOfOrganisationDay(today), [today])
  const visits = useLiveQuery('visits', { selector: { checkInAt: { $gte: since } } }, [since])
  const visited = useMemo(() => new Map((visits ?? []).map((v) => [v.customerId, v.id])), [visits])
  const stops = useMemo(() => (doc ? tickVisited(doc.stops, visited) : []), [doc, visited])
  const ids = stops.map((s) => s.customerId)
  const customers = useLiveQuery('customers', { selector: { id: { $in: ids } } }, [ids.join(',')])
  const byId = useMemo(() => new Map((customers ?? []).map((c) => [c.id, c])), [customers])
  return { visited, stops, ids, byId }
}

/**
 * Lays the day out once: the first proposal made from settled data becomes the plan, stored as the
 * day plan record (synced) and its extras (on the device, through `keep`).
 */
function useAdoptFirstProposal(a: {
  doc: unknown
  proposal: TodayPlan | null
  today: string
  planId: string
  keep: (h: HeldExtras) => void
}) {
  const { db, user } = useOutrider()
  const settled = useSettled()
  const { doc, proposal, today, planId } = a
  const adopting = useRef(false)
  // biome-ignore lint/correctness/useExhaustiveDependencies: adopts once; `keep` is stable in effect
  useEffect(() => {
    if (doc !== undefined || !proposal || proposal.date !== today || !settled || adopting.current) return
    adopting.current = true
    const first = docStopsOf(proposal)
    a.keep(
      extrasOf(
        proposal,
        first.map((s) => s.customerId),
        null,
      ),
    )
    void createMergeable(db, 'dayPlans', newDayPlan(planId, user.id, today, first)).catch((err) => {
      // The next settled proposal lays the day out again.
      adopting.current = false
      logFailure('the day plan was not stored; laying it out again from the next proposal')(err)
    })
  }, [doc, proposal, settled, today, db, planId, user.id])
}

/** A visit recorded today ticks its stop in the stored plan too, so the supervisor sees it. */
function useStoreTicks(doc: { stops: DocStop[] } | null | undefined, stops: DocStop[], planId: string) {
  const { db } = useOutrider()
  useEffect(() => {
    if (!doc || !stops.some((s, i) => s.status !== doc.stops[i]?.status)) return
    void editMergeable(db, 'dayPlans', planId, { stops }).catch(
      logFailure('the plan stop was not ticked; the next visit or render writes it again'),
    )
  }, [db, doc, planId, stops])
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
  const proposal = insights?.plan ?? null
  const keep = (h: HeldExtras) => {
    saveHeld(user.id, h)
    setHeldState(h)
  }
  const { visited, stops, ids, byId } = useTickedStops(doc, clock.today)

  useAdoptFirstProposal({ doc, proposal, today: clock.today, planId, keep })
  useStoreTicks(doc, stops, planId)

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
    else await createMergeable(db, 'dayPlans', newDayPlan(planId, user.id, clock.today, next))
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

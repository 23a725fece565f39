import type { OrderLine, Product, Rng, Visit } from '@outrider/domain'
import type { Window } from './archetypes.ts'
import { basket, repertoire } from './baskets.ts'
import { springFestivalPhase, weekday } from './clock.ts'
import type { CustomerPlan } from './customers.ts'

/** A visit the rep means to make on a day (it may slip to a later weekday), maybe taking an order. */
export type VisitRequest = {
  c: number
  day: number
  lines: OrderLine[] | null
  purpose: Visit['purpose']
  tries: number
}
/** An order that came by phone or WeChat, without a visit. */
export type RemoteOrder = { c: number; day: number; lines: OrderLine[] }

/** Turns each customer's buying plan into visit requests and remote orders over the window. */
export function visitRequests(
  rng: Rng,
  plans: readonly CustomerPlan[],
  products: readonly Product[],
  w: Window,
): { requests: VisitRequest[]; remote: RemoteOrder[] } {
  const requests: VisitRequest[] = []
  const remote: RemoteOrder[] = []
  plans.forEach((plan, c) => {
    const b = plan.buying
    const orderVisitDays: number[] = []
    if (b.ordersFrom !== null && b.ordersUntil !== null) {
      const items = repertoire(rng, plan.industry, b)
      let d = Math.max(b.ordersFrom, w.startDay)
      const until = Math.min(b.ordersUntil, w.endDay)
      while (d <= until) {
        const phase = springFestivalPhase(d)
        if (phase.holiday) {
          d++
          continue
        }
        const lines = basket(rng, items, b, d, products)
        if (lines.length > 0) {
          // Sunday orders come by phone; most shops see the rep on weekdays.
          if (weekday(d) !== 0 && rng.chance(b.onVisit)) {
            requests.push({ c, day: d, lines, purpose: rng.chance(0.7) ? 'sales' : 'routine', tries: 0 })
            orderVisitDays.push(d)
          } else remote.push({ c, day: d, lines })
        }
        const rush = phase.daysBefore !== null ? 0.7 : 1
        d += Math.max(3, Math.round((b.cadence + rng.normal() * b.jitter) * rush))
      }
    }
    // Routine visits fill the gaps between order visits; prospects get a few calls, churned shops stop being visited.
    let visitsLeft = b.archetype === 'prospect' ? rng.int(1, 4) : Number.POSITIVE_INFINITY
    const lastVisitDay = b.archetype === 'churned' && b.ordersUntil !== null ? b.ordersUntil + 60 : w.endDay
    let v = Math.max(b.createdDay, w.startDay) + rng.int(0, b.visitEvery)
    let k = 0
    while (v <= Math.min(lastVisitDay, w.endDay) && visitsLeft > 0) {
      while (k < orderVisitDays.length && (orderVisitDays[k] as number) < v - b.visitEvery / 2) k++
      const near = k < orderVisitDays.length && Math.abs((orderVisitDays[k] as number) - v) < b.visitEvery / 2
      if (!near) {
        const purpose: Visit['purpose'] =
          b.archetype === 'prospect'
            ? 'prospecting'
            : rng.weighted([
                ['routine', 6],
                ['care', 2],
                ['collection', plan.customer.customFields.结算方式 === '月结' ? 2 : 0.2],
                ['delivery', 0.5],
              ] as const)
        requests.push({ c, day: v, lines: null, purpose, tries: 0 })
        visitsLeft--
      }
      v += Math.max(3, Math.round(b.visitEvery * (0.8 + rng.next() * 0.4)))
    }
  })
  return { requests, remote }
}

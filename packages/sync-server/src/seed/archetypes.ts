import type { Rng } from '@outrider/domain'

/** The buying stories the demo data tells, so segments, tiers and churn signals all have something to find. */
export type Archetype = 'loyal' | 'regular' | 'occasional' | 'lapsing' | 'churned' | 'new' | 'prospect'

export const archetypeWeights: readonly (readonly [Archetype, number])[] = [
  ['loyal', 14],
  ['regular', 28],
  ['occasional', 20],
  ['lapsing', 12],
  ['churned', 3],
  ['new', 8],
  ['prospect', 15],
]

/** Day range is [startDay, endDay], both local days with activity. */
export type Window = { startDay: number; endDay: number }

export type BuyingPlan = {
  archetype: Archetype
  /** Day the customer record was created. */
  createdDay: number
  /** First and last day orders may happen (null = never orders). */
  ordersFrom: number | null
  ordersUntil: number | null
  /** Mean days between orders and its jitter. */
  cadence: number
  jitter: number
  /** Days between routine visits (also after the customer stopped buying, for win-back). */
  visitEvery: number
  /** Lines per basket and quantity per line. */
  lines: readonly [number, number]
  quantity: readonly [number, number]
  /** Share of orders taken on a visit (the rest come by phone or WeChat). */
  onVisit: number
  satisfaction: readonly (readonly [number, number])[]
  complaintRate: number
}

const happy = [
  [5, 5],
  [4, 4],
  [3, 1],
] as const
const content = [
  [5, 3],
  [4, 5],
  [3, 2],
  [2, 0.3],
] as const
const lukewarm = [
  [5, 2],
  [4, 4],
  [3, 3],
  [2, 1],
] as const
const unhappy = [
  [5, 0.5],
  [4, 2],
  [3, 4],
  [2, 2.5],
  [1, 1],
] as const

/** Draws the buying plan of one customer of the given archetype inside the activity window. */
export function planBuying(rng: Rng, archetype: Archetype, w: Window): BuyingPlan {
  const span = w.endDay - w.startDay
  // Established customers existed before the window; a third of them joined during it.
  const established = (): { createdDay: number; from: number } => {
    if (rng.chance(0.3) && span > 200) {
      const joined = rng.int(w.startDay, w.endDay - 150)
      return { createdDay: joined, from: joined + rng.int(0, 7) }
    }
    return { createdDay: w.startDay - rng.int(30, 700), from: w.startDay + rng.int(0, 14) }
  }
  const stopAgo = (min: number, max: number): number =>
    Math.max(w.startDay + 60, w.endDay - rng.int(min, max))
  switch (archetype) {
    case 'loyal': {
      const e = established()
      const cadence = rng.pick([7, 7, 10, 14])
      return {
        archetype,
        createdDay: e.createdDay,
        ordersFrom: e.from,
        ordersUntil: w.endDay,
        cadence,
        jitter: 2,
        visitEvery: 14,
        lines: [4, 9],
        quantity: [2, 6],
        onVisit: 0.55,
        satisfaction: happy,
        complaintRate: 0.004,
      }
    }
    case 'regular': {
      const e = established()
      return {
        archetype,
        createdDay: e.createdDay,
        ordersFrom: e.from,
        ordersUntil: w.endDay,
        cadence: rng.int(14, 30),
        jitter: 5,
        visitEvery: 21,
        lines: [3, 7],
        quantity: [1, 4],
        onVisit: 0.6,
        satisfaction: content,
        complaintRate: 0.006,
      }
    }
    case 'occasional': {
      const e = established()
      return {
        archetype,
        createdDay: e.createdDay,
        ordersFrom: e.from,
        ordersUntil: w.endDay,
        cadence: rng.int(45, 90),
        jitter: 15,
        visitEvery: 40,
        lines: [1, 3],
        quantity: [1, 2],
        onVisit: 0.5,
        satisfaction: lukewarm,
        complaintRate: 0.006,
      }
    }
    case 'lapsing':
      return {
        archetype,
        createdDay: w.startDay - rng.int(60, 700),
        ordersFrom: w.startDay + rng.int(0, 10),
        ordersUntil: stopAgo(95, 240),
        cadence: rng.int(10, 25),
        jitter: 4,
        visitEvery: 30,
        lines: [3, 7],
        quantity: [1, 4],
        onVisit: 0.6,
        satisfaction: unhappy,
        complaintRate: 0.03,
      }
    case 'churned':
      return {
        archetype,
        createdDay: w.startDay - rng.int(200, 900),
        ordersFrom: w.startDay + rng.int(0, 10),
        ordersUntil: stopAgo(270, 420),
        cadence: rng.int(20, 40),
        jitter: 6,
        visitEvery: 60,
        lines: [2, 5],
        quantity: [1, 4],
        onVisit: 0.5,
        satisfaction: unhappy,
        complaintRate: 0.03,
      }
    case 'new': {
      const createdDay = w.endDay - rng.int(10, 58)
      return {
        archetype,
        createdDay,
        ordersFrom: createdDay + rng.int(0, 7),
        ordersUntil: w.endDay,
        cadence: rng.int(10, 20),
        jitter: 3,
        visitEvery: 10,
        lines: [2, 5],
        quantity: [1, 3],
        onVisit: 0.7,
        satisfaction: happy,
        complaintRate: 0.005,
      }
    }
    case 'prospect':
      return {
        archetype,
        createdDay: rng.int(w.startDay, w.endDay - 5),
        ordersFrom: null,
        ordersUntil: null,
        cadence: 0,
        jitter: 0,
        visitEvery: rng.int(20, 60),
        lines: [0, 0],
        quantity: [0, 0],
        onVisit: 0,
        satisfaction: lukewarm,
        complaintRate: 0,
      }
  }
}

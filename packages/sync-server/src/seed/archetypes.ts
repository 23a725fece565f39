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

type Traits = Omit<BuyingPlan, 'archetype' | 'createdDay' | 'ordersFrom' | 'ordersUntil' | 'cadence'>

/** Customers who kept buying to the end of the window: their cadence (drawn) and the rest of their habits. */
const steady: Record<'loyal' | 'regular' | 'occasional', { cadence: (rng: Rng) => number; traits: Traits }> =
  {
    loyal: {
      cadence: (rng) => rng.pick([7, 7, 10, 14]),
      traits: {
        jitter: 2,
        visitEvery: 14,
        lines: [4, 9],
        quantity: [2, 6],
        onVisit: 0.55,
        satisfaction: happy,
        complaintRate: 0.004,
      },
    },
    regular: {
      cadence: (rng) => rng.int(14, 30),
      traits: {
        jitter: 5,
        visitEvery: 21,
        lines: [3, 7],
        quantity: [1, 4],
        onVisit: 0.6,
        satisfaction: content,
        complaintRate: 0.006,
      },
    },
    occasional: {
      cadence: (rng) => rng.int(45, 90),
      traits: {
        jitter: 15,
        visitEvery: 40,
        lines: [1, 3],
        quantity: [1, 2],
        onVisit: 0.5,
        satisfaction: lukewarm,
        complaintRate: 0.006,
      },
    },
  }

/** Customers who stopped buying: how long before (days), how often they bought, and their habits. */
const stopped: Record<
  'lapsing' | 'churned',
  { age: [number, number]; stopAgo: [number, number]; cadence: [number, number]; traits: Traits }
> = {
  lapsing: {
    age: [60, 700],
    stopAgo: [95, 240],
    cadence: [10, 25],
    traits: {
      jitter: 4,
      visitEvery: 30,
      lines: [3, 7],
      quantity: [1, 4],
      onVisit: 0.6,
      satisfaction: unhappy,
      complaintRate: 0.03,
    },
  },
  churned: {
    age: [200, 900],
    stopAgo: [270, 420],
    cadence: [20, 40],
    traits: {
      jitter: 6,
      visitEvery: 60,
      lines: [2, 5],
      quantity: [1, 4],
      onVisit: 0.5,
      satisfaction: unhappy,
      complaintRate: 0.03,
    },
  },
}

/** Draws the buying plan of one customer of the given archetype inside the activity window. */
export function planBuying(rng: Rng, archetype: Archetype, w: Window): BuyingPlan {
  switch (archetype) {
    case 'loyal':
    case 'regular':
    case 'occasional': {
      const e = established(rng, w)
      const { cadence, traits } = steady[archetype]
      return {
        archetype,
        createdDay: e.createdDay,
        ordersFrom: e.from,
        ordersUntil: w.endDay,
        cadence: cadence(rng),
        ...traits,
      }
    }
    case 'lapsing':
    case 'churned': {
      const { age, stopAgo, cadence, traits } = stopped[archetype]
      return {
        archetype,
        createdDay: w.startDay - rng.int(...age),
        ordersFrom: w.startDay + rng.int(0, 10),
        ordersUntil: Math.max(w.startDay + 60, w.endDay - rng.int(...stopAgo)),
        cadence: rng.int(...cadence),
        ...traits,
      }
    }
    case 'new':
      return newCustomerPlan(rng, w)
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

/** Established customers existed before the window; a third of them joined during it. */
function established(rng: Rng, w: Window): { createdDay: number; from: number } {
  if (rng.chance(0.3) && w.endDay - w.startDay > 200) {
    const joined = rng.int(w.startDay, w.endDay - 150)
    return { createdDay: joined, from: joined + rng.int(0, 7) }
  }
  return { createdDay: w.startDay - rng.int(30, 700), from: w.startDay + rng.int(0, 14) }
}

function newCustomerPlan(rng: Rng, w: Window): BuyingPlan {
  const createdDay = w.endDay - rng.int(10, 58)
  return {
    archetype: 'new',
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

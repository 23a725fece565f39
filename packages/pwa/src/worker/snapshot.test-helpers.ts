import type { Customer, Order, Visit } from '@outrider/domain'
import type { InsightsSnapshot } from './insights-types.ts'

const T = '2026-01-01T00:00:00.000Z'
const open9to18 = [{ open: 540, close: 1080 }]

/** A small shop in central Shanghai; `dx`/`dy` move it by about 1 km steps. */
export function customer(id: string, over: Partial<Customer> = {}, dx = 0, dy = 0): Customer {
  return {
    id,
    createdAt: T,
    updatedAt: T,
    clocks: {},
    name: `客户${id}`,
    searchKeys: [],
    status: 'customer',
    address: `南京路${id}号`,
    city: '上海',
    location: { lat: 31.23 + dy * 0.009, lng: 121.47 + dx * 0.0105 },
    openingHours: [[], open9to18, open9to18, open9to18, open9to18, open9to18, []],
    ownerRepId: 'u-rep-1',
    teamId: 't1',
    tags: [],
    customFields: {},
    ...over,
  }
}

export function order(
  id: string,
  customerId: string,
  orderedAt: string,
  amount: number,
  productId = 'p1',
): Order {
  return {
    id,
    revisionOf: id,
    revision: 1,
    createdAt: orderedAt,
    updatedAt: orderedAt,
    customerId,
    visitId: null,
    orderedAt,
    status: 'placed',
    lines: [{ productId, name: productId, quantity: 1, unitPrice: amount }],
  }
}

export function visit(id: string, customerId: string, checkInAt: string): Visit {
  return {
    id,
    revisionOf: id,
    revision: 1,
    createdAt: checkInAt,
    updatedAt: checkInAt,
    customerId,
    checkInAt,
    checkOutAt: null,
    checkInGps: null,
    purpose: 'routine',
    notes: '',
    outcome: 'ordered',
    orderLines: [],
    satisfaction: 4,
    complaint: null,
    followUp: null,
    photoIds: [],
  }
}

/** A Wednesday (2026-03-04) at 07:00 with six customers, one of them closed on Wednesdays. */
export function smallSnapshot(): InsightsSnapshot {
  const closedWed = customer('c6', {}, 2, 2)
  closedWed.openingHours = [[], open9to18, open9to18, [], open9to18, open9to18, []]
  return {
    clock: { today: '2026-03-04', weekday: 3, nowMinute: 7 * 60 },
    work: { home: { lat: 31.23, lng: 121.47 }, workStart: 510, workEnd: 1080, lunch: true },
    customers: [
      customer('c1', {}, 1, 0),
      customer('c2', {}, 0, 1),
      customer('c3', {}, -1, 0),
      customer('c4', {}, 0, -1),
      customer('c5', { location: null }),
      closedWed,
    ],
    orders: [
      order('o1', 'c1', '2026-02-20T03:00:00.000Z', 900, 'p1'),
      order('o2', 'c1', '2026-01-20T03:00:00.000Z', 500, 'p2'),
      order('o3', 'c2', '2026-02-25T03:00:00.000Z', 200, 'p1'),
      order('o4', 'c3', '2025-11-02T03:00:00.000Z', 100, 'p1'),
      order('o5', 'c2', '2026-01-25T03:00:00.000Z', 300, 'p2'),
    ],
    visits: [visit('v1', 'c1', '2026-02-01T02:00:00.000Z'), visit('v2', 'c4', '2026-03-03T02:00:00.000Z')],
    feedback: [],
    tasks: [],
    policy: null,
    tagRules: [],
  }
}

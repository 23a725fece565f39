import type { Customer } from '../model/customer.ts'
import type { Visit } from '../model/visit.ts'

/** A valid customer as the server stores it, with no field edited yet. */
export function sampleCustomer(overrides: Partial<Customer> = {}): Customer {
  return {
    id: 'cust-1',
    createdAt: '2026-03-01T08:00:00.000Z',
    updatedAt: '2026-03-01T08:00:00.000Z',
    serverUpdatedAt: '2026-03-01T08:00:01.000Z',
    clocks: {},
    name: '华联超市',
    searchKeys: ['hualianchaoshi', 'hlcs'],
    status: 'customer',
    phone: '021-5555-0101',
    address: '上海市浦东新区世纪大道 100 号',
    city: '上海',
    location: { lat: 31.23, lng: 121.5 },
    openingHours: [[], [{ open: 480, close: 1200 }], [], [], [], [], []],
    ownerRepId: 'rep-1',
    teamId: 'team-east',
    tags: ['key-account'],
    customFields: {},
    ...overrides,
  }
}

/** A valid visit as a device first pushes it (no server-owned fields yet). */
export function sampleVisit(overrides: Partial<Visit> = {}): Visit {
  return {
    id: 'visit-1',
    createdAt: '2026-03-02T09:30:00.000Z',
    updatedAt: '2026-03-02T09:30:00.000Z',
    revisionOf: 'visit-1',
    revision: 1,
    customerId: 'cust-1',
    checkInAt: '2026-03-02T09:00:00.000Z',
    checkOutAt: '2026-03-02T09:30:00.000Z',
    checkInGps: { lat: 31.23, lng: 121.5, accuracyM: 12, at: '2026-03-02T09:00:00.000Z' },
    purpose: 'routine',
    notes: '店长在，货架整齐',
    outcome: 'ordered',
    orderLines: [{ productId: 'p-1', name: '矿泉水', quantity: 10, unitPrice: 2.5 }],
    satisfaction: 5,
    complaint: null,
    followUp: null,
    photoIds: [],
    ...overrides,
  }
}

/** A fake wall clock for `createClock`: starts at `start` and moves only when told. */
export function manualTime(start: number): { now: () => number; advance: (ms: number) => void } {
  let t = start
  return {
    now: () => t,
    advance: (ms) => {
      t += ms
    },
  }
}

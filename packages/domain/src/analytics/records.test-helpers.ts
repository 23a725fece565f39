import type { Contact, Customer, Feedback, Order, OrderLine, Task, Visit } from '../model/index.ts'
import { computeKpis, type KpiInput, type KpiReport } from './compute-kpis.ts'

// Small factories for hand-made test data: every field a test does not care about gets a dull default.

const T0 = '2026-01-01T00:00:00+08:00'
const HLC = '1767196800000-0000-dev1'

export function customer(id: string, patch: Partial<Customer> = {}): Customer {
  return {
    id,
    createdAt: T0,
    updatedAt: T0,
    clocks: {},
    name: `Customer ${id}`,
    searchKeys: [],
    status: 'customer',
    address: '',
    city: '上海',
    location: null,
    openingHours: [[], [], [], [], [], [], []],
    ownerRepId: 'rep1',
    teamId: 'team1',
    tags: [],
    customFields: {},
    ...patch,
  }
}

export function line(productId: string, unitPrice: number, quantity = 1, name = productId): OrderLine {
  return { productId, name, quantity, unitPrice }
}

let seq = 0
const nextId = (prefix: string): string => `${prefix}${++seq}`

export function order(customerId: string, day: string, amount: number, patch: Partial<Order> = {}): Order {
  const id = patch.id ?? nextId('o')
  return {
    id,
    revisionOf: id,
    revision: 1,
    createdAt: T0,
    updatedAt: T0,
    customerId,
    visitId: null,
    orderedAt: `${day}T10:00:00+08:00`,
    status: 'placed',
    lines: [line('p1', amount)],
    ...patch,
  }
}

export function basketOrder(customerId: string, productIds: readonly string[], day = '2026-03-01'): Order {
  return order(customerId, day, 0, { lines: productIds.map((p) => line(p, 10)) })
}

export function visit(customerId: string, day: string, patch: Partial<Visit> = {}): Visit {
  const id = patch.id ?? nextId('v')
  return {
    id,
    revisionOf: id,
    revision: 1,
    createdAt: T0,
    updatedAt: T0,
    customerId,
    checkInAt: `${day}T09:00:00+08:00`,
    checkOutAt: null,
    checkInGps: null,
    purpose: 'routine',
    notes: '',
    outcome: 'interested',
    orderLines: [],
    satisfaction: null,
    complaint: null,
    followUp: null,
    photoIds: [],
    ...patch,
  }
}

export function feedback(customerId: string, at: string, patch: Partial<Feedback> = {}): Feedback {
  const id = patch.id ?? nextId('f')
  return {
    id,
    revisionOf: id,
    revision: 1,
    createdAt: T0,
    updatedAt: T0,
    customerId,
    visitId: null,
    at,
    score: null,
    recommend: null,
    comment: '',
    complaint: null,
    ...patch,
  }
}

export function task(customerId: string | null, due: string, patch: Partial<Task> = {}): Task {
  return {
    id: patch.id ?? nextId('t'),
    createdAt: T0,
    updatedAt: T0,
    clocks: {},
    customerId,
    assigneeId: 'rep1',
    kind: 'follow_up',
    title: 'Follow up',
    due,
    status: 'open',
    doneAt: null,
    sourceVisitId: null,
    ...patch,
  }
}

export function contact(customerId: string, name: string, patch: Partial<Contact> = {}): Contact {
  return {
    id: patch.id ?? nextId('c'),
    createdAt: T0,
    updatedAt: T0,
    clocks: {},
    customerId,
    name,
    primary: false,
    ...patch,
  }
}

export const TEST_HLC = HLC

/** The period most KPI tests look at, seen from its last day. */
export const MARCH = { from: '2026-03-01', to: '2026-03-31' }

/** `computeKpis` over March as of its last day, with no records but those given; throws on an error. */
export function kpiReport(input: Partial<KpiInput>): KpiReport {
  const result = computeKpis({
    customers: [],
    orders: [],
    visits: [],
    feedback: [],
    period: MARCH,
    asOf: MARCH.to,
    ...input,
  })
  if (!result.ok) throw new Error(result.error.message)
  return result.value
}

import type pg from 'pg'
import { customerDoc, visitDoc } from '../testing/fixtures.ts'

type Doc = Record<string, unknown> & { id: string }
const T0 = '2026-01-02T00:00:00.000Z'

/**
 * One hash per table over every row: hostile input must leave stored data exactly as it was.
 * `except` leaves out tables a test expects to change (sessions on login, for instance).
 */
export async function tableDigests(
  pool: Pick<pg.Pool, 'query'>,
  except: readonly string[] = [],
): Promise<Record<string, string>> {
  const { rows: names } = await pool.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  )
  const out: Record<string, string> = {}
  for (const { name } of names) {
    if (except.includes(name)) continue
    const { rows } = await pool.query<{ h: string }>(
      `SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM "${name}" t`,
    )
    out[name] = rows[0]!.h
  }
  return out
}

/** A valid new document of every device-writable collection, hanging off `customerId`. */
export function writableDocs(customerId: string, suffix: string, repId: string): Record<string, Doc> {
  const mergeable = { createdAt: T0, updatedAt: T0, clocks: {} }
  const revision = (id: string) => ({ createdAt: T0, updatedAt: T0, revisionOf: id, revision: 1 })
  return {
    customers: customerDoc(`c-${suffix}`, repId, 'team-a') as Doc,
    contacts: {
      id: `ct-${suffix}`,
      ...mergeable,
      customerId,
      name: '联系人',
      title: '店长',
      phone: '13900000001',
      wechat: 'wx',
      email: 'a@b.cn',
      primary: true,
    },
    tasks: {
      id: `t-${suffix}`,
      ...mergeable,
      customerId,
      assigneeId: repId,
      kind: 'callback',
      title: '回访',
      notes: '备注',
      due: '2026-01-09',
      status: 'open',
      doneAt: null,
      sourceVisitId: null,
    },
    dayPlans: {
      id: `dp-${suffix}`,
      ...mergeable,
      repId,
      date: '2026-01-07',
      stops: [],
      startedAt: null,
      finishedAt: null,
    },
    visits: visitDoc(`v-${suffix}`, customerId) as Doc,
    orders: {
      id: `o-${suffix}`,
      ...revision(`o-${suffix}`),
      customerId,
      visitId: null,
      orderedAt: T0,
      status: 'placed',
      lines: [{ productId: 'p-1', name: '商品', quantity: 2, unitPrice: 10 }],
    },
    complaints: {
      id: `cmp-${suffix}`,
      ...mergeable,
      customerId,
      visitId: null,
      category: 'delivery',
      severity: 'medium',
      description: '送货晚了',
      openedAt: T0,
      dueAt: '2026-01-03T00:00:00.000Z',
      assigneeId: repId,
      steps: [{ id: `st-${suffix}`, action: 'open', to: 'open', by: repId, at: T0, note: '送货晚了' }],
      satisfaction: null,
    },
    feedback: {
      id: `f-${suffix}`,
      ...revision(`f-${suffix}`),
      customerId,
      visitId: null,
      at: T0,
      score: 3,
      recommend: 7,
      comment: '一般',
      complaint: null,
    },
  }
}

export const writableCollections = [
  'customers',
  'contacts',
  'tasks',
  'dayPlans',
  'visits',
  'orders',
  'feedback',
  'complaints',
] as const

/** The free-text fields of each writable collection (where a hostile string can go). */
export const textFields: Record<(typeof writableCollections)[number], string[]> = {
  customers: ['name', 'phone', 'address', 'city', 'district', 'industry', 'notes'],
  contacts: ['name', 'title', 'phone', 'wechat', 'email'],
  tasks: ['title', 'notes'],
  dayPlans: [],
  visits: ['notes', 'complaint'],
  orders: [],
  feedback: ['comment'],
  complaints: ['category', 'description'],
}

import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { classifyCustomers, defaultServicePolicy, type OrderFact } from '@outrider/domain'
import Papa from 'papaparse'
import type pg from 'pg'
import { describe, expect, it } from 'vitest'
import { run } from '../cli/segment.ts'
import { parseOrderDate } from '../import/order-date.ts'
import { segmentsCsv } from './segments-csv.ts'

const AS_OF = '2026-03-10'
// 2026-03-01 is 9 days before as-of in the organisation's zone; stored as an instant it is 2026-02-28T16:00Z,
// which a UTC reading would count as 10 days.
const EXPECTED_DAYS = 9

async function viaCli(): Promise<number> {
  const file = join(mkdtempSync(join(tmpdir(), 'date-only-')), 'orders.csv')
  writeFileSync(file, 'customer,order,date,quantity,price\nc1,o1,2026-03-01,2,10\nc2,o2,2026-03-09,1,5\n')
  let out = ''
  const code = await run(
    [
      file,
      '--as-of',
      AS_OF,
      '--columns',
      'customer=customer,order=order,date=date,quantity=quantity,price=price',
    ],
    { out: (t) => (out += t), err: () => {} },
  )
  expect(code).toBe(0)
  const row = out.split('\n').find((l) => l.startsWith('c1,'))
  return Number(row?.split(',')[1])
}

/** The order as `pnpm cli import orders` stores it from the same CSV row. */
function importedOrder(): OrderFact & { id: string } {
  const orderedAt = parseOrderDate('2026-03-01')
  if (orderedAt === null) throw new Error('unreadable date')
  return {
    id: 'o1',
    revisionOf: 'o1',
    revision: 1,
    customerId: 'c1',
    orderedAt,
    status: 'placed',
    lines: [{ productId: 'p', name: 'p', quantity: 2, unitPrice: 10 }],
  }
}

/** A database stub answering the export's queries with the imported order. */
function stubDb(order: OrderFact): Pick<pg.Pool, 'query'> {
  const rows = (sql: string) => {
    if (sql.includes('FROM customers')) return [{ doc: { id: 'c1', name: '一号店' }, owner: null }]
    if (sql.includes('FROM orders')) return [{ doc: order }]
    return []
  }
  return { query: (async (sql: string) => ({ rows: rows(sql) })) as unknown as pg.Pool['query'] }
}

describe('a date-only CSV value', () => {
  it('gives the same recencyDays through the CLI, through import plus the app, and in the export', async () => {
    expect(await viaCli()).toBe(EXPECTED_DAYS)

    const order = importedOrder()
    expect(order.orderedAt).toBe('2026-02-28T16:00:00.000Z')
    // What the rep's phone and the supervisor's screens run over the stored order.
    const app = classifyCustomers({ customers: [{ id: 'c1' }], orders: [order] }, defaultServicePolicy, AS_OF)
    if (!app.ok) throw new Error(app.error.message)
    expect(app.value.profiles[0]?.rfm.recencyDays).toBe(EXPECTED_DAYS)
    expect(app.value.profiles[0]?.rfm.lastPurchase).toBe('2026-03-01')

    const csv = await segmentsCsv(stubDb(order), null, AS_OF, 'en')
    const parsed = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ''), {
      header: true,
      skipEmptyLines: true,
    })
    expect(parsed.data[0]?.['Recency (days)']).toBe(String(EXPECTED_DAYS))
  })
})

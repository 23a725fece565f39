import Papa from 'papaparse'
import type pg from 'pg'
import { describe, expect, it } from 'vitest'
import { segmentsCsv } from './segments-csv.ts'
import { visitsCsv } from './visits-csv.ts'

/** A database stub answering each export query by the table it reads. */
function stubDb(tables: Record<string, unknown[]>): Pick<pg.Pool, 'query'> {
  const rows = (sql: string) => {
    const table = Object.keys(tables).find((t) => new RegExp(`FROM ${t}\\b`).test(sql))
    return table ? tables[table] : []
  }
  return { query: (async (sql: string) => ({ rows: rows(sql) })) as unknown as pg.Pool['query'] }
}

const parse = (csv: string) =>
  Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data

const order = {
  id: 'o1',
  revisionOf: 'o1',
  revision: 1,
  customerId: 'c1',
  orderedAt: '2026-03-01T02:00:00.000Z',
  status: 'placed',
  lines: [{ productId: 'p', name: 'p', quantity: 2, unitPrice: 10 }],
}
const vipRule = {
  id: 'r1',
  tag: 'trial_vip',
  label: { en: 'Trial VIP', zh: '试用贵宾' },
  rule: { field: 'frequency', op: 'gte', value: 1 },
  active: true,
}

describe('exports in the reader language', () => {
  const segmentsDb = stubDb({
    customers: [{ doc: { id: 'c1', name: '一号店' }, owner: '王建国' }],
    orders: [{ doc: order }],
    tag_rules: [{ doc: vipRule }],
  })

  it('segments.csv names tags, segment and lifecycle in Chinese, with the stored codes in their own columns', async () => {
    const [row] = parse(await segmentsCsv(segmentsDb, null, '2026-03-10', 'zh-CN'))
    // A behaviour tag and a tag rule's own label, never the stored code.
    const labels = row?.标签?.split('、') ?? []
    const codes = row?.标签代码?.split(' ') ?? []
    expect(labels[codes.indexOf('one_time_buyer')]).toBe('仅购买一次')
    expect(labels[codes.indexOf('trial_vip')]).toBe('试用贵宾')
    expect(labels.filter((l) => /[A-Za-z]/.test(l))).toEqual([])
    expect(labels).toHaveLength(codes.length)
    expect(row?.['RFM 分群']).toMatch(/^[^a-z_]+$/)
    expect(row?.分群代码).toMatch(/^[a-z_0-9]+$/)
    expect(row?.生命周期).toBe('新客户')
    expect(row?.生命周期代码).toBe('new')
  })

  it('segments.csv in English keeps the same codes', async () => {
    const [row] = parse(await segmentsCsv(segmentsDb, null, '2026-03-10', 'en'))
    const labels = row?.Tags?.split(', ') ?? []
    const codes = row?.['Tag codes']?.split(' ') ?? []
    expect(labels[codes.indexOf('one_time_buyer')]).toBe('One-time buyer')
    expect(labels[codes.indexOf('trial_vip')]).toBe('Trial VIP')
    expect(row?.['Lifecycle code']).toBe('new')
  })

  it('segments.csv has a column per active custom field, headed by its label in the reader’s language', async () => {
    const field = (key: string, zh: string, en: string, active = true) => ({
      doc: { id: `cf-${key}`, key, label: { zh, en }, type: 'text', options: [], required: false, active },
    })
    const db = stubDb({
      customers: [
        {
          doc: { id: 'c1', name: '一号店', customFields: { payment: '月结', area: 120, old: 'x' } },
          owner: null,
        },
      ],
      orders: [{ doc: order }],
      custom_field_definitions: [
        field('payment', '结算方式', 'Payment terms'),
        field('area', '面积', 'Floor area'),
        field('old', '旧字段', 'Retired', false),
      ],
    })
    const [zh] = parse(await segmentsCsv(db, null, '2026-03-10', 'zh-CN'))
    expect([zh?.结算方式, zh?.面积]).toEqual(['月结', '120'])
    expect(Object.keys(zh ?? {}).slice(-2)).toEqual(['结算方式', '面积'])
    const [en] = parse(await segmentsCsv(db, null, '2026-03-10', 'en'))
    expect([en?.['Payment terms'], en?.['Floor area']]).toEqual(['月结', '120'])
    expect(Object.keys(en ?? {})).not.toContain('Retired')
  })

  it('visits.csv gives purpose, outcome and review in words and as codes', async () => {
    const visit = {
      id: 'v1',
      customerId: 'c1',
      checkInAt: '2026-03-02T01:00:00.000Z',
      purpose: 'sales',
      outcome: 'follow_up',
      review: { status: 'commented', comment: '请补拍照片' },
    }
    const db = stubDb({ visits: [{ doc: visit, customer: '一号店', rep: '王建国' }] })
    const [zh] = parse(await visitsCsv(db, { from: '2026-03-01', to: '2026-03-31', teamId: null }, 'zh-CN'))
    expect([zh?.拜访目的, zh?.拜访结果, zh?.审核状态]).toEqual(['销售', '需要跟进', '已批注'])
    expect([zh?.拜访目的代码, zh?.拜访结果代码, zh?.审核状态代码]).toEqual([
      'sales',
      'follow_up',
      'commented',
    ])
    const [en] = parse(await visitsCsv(db, { from: '2026-03-01', to: '2026-03-31', teamId: null }, 'en'))
    expect([en?.Outcome, en?.['Outcome code']]).toEqual(['Needs follow-up', 'follow_up'])
  })
})

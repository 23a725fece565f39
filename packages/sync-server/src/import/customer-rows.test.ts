import { readFileSync } from 'node:fs'
import type { CustomField } from '@outrider/domain'
import { describe, expect, it } from 'vitest'
import { parseCsvTable } from './csv-table.ts'
import { type RepRef, readCustomerRows } from './customer-rows.ts'
import { findImportDuplicates } from './import-duplicates.ts'
import type { ImportActor } from './import-report.ts'
import { checkedPhone } from './phone-check.ts'

const fixture = readFileSync(new URL('./fixtures/customers-dirty.csv', import.meta.url), 'utf8')
const columns = {
  name: '店名',
  phone: '电话',
  address: '地址',
  city: '城市',
  lat: '纬度',
  lng: '经度',
  owner: '负责人',
  contact: '联系人',
  tags: '标签',
}
const admin: ImportActor = { userId: null, role: 'admin', teamId: null }

function read(
  csv: string,
  opts: {
    actor?: ImportActor
    reps?: Map<string, RepRef>
    cols?: Record<string, string>
    customFields?: CustomField[]
  } = {},
) {
  const table = parseCsvTable(csv)
  if ('error' in table) throw new Error(table.error)
  let n = 0
  return readCustomerRows({
    table,
    columns: opts.cols ?? columns,
    reps: opts.reps ?? new Map(),
    actor: opts.actor ?? admin,
    now: '2026-03-01T00:00:00.000Z',
    stamp: '1772323200000-0000-server',
    newId: (p) => `${p}-${++n}`,
    ...(opts.customFields ? { customFields: opts.customFields } : {}),
  })
}

describe('reading a customer file', () => {
  it('reports every bad line of the dirty fixture with the column at fault', () => {
    const result = read(fixture)
    expect(result.errors.map((e) => [e.line, e.field])).toEqual([
      [5, 'name'],
      [6, 'lat'],
      [7, 'phone'],
      [8, 'row'],
      [12, 'lng'],
    ])
    expect(result.errors.every((e) => e.reason !== '' && e.zh !== '')).toBe(true)
    expect(result.rows.map((r) => r.line)).toEqual([2, 3, 4, 9, 10, 11, 13, 14, 15])
  })

  it('finds the disguised duplicates and leaves different shops on the same street alone', () => {
    const result = read(fixture)
    const dups = findImportDuplicates(result.candidates, [])
    expect(dups.map((d) => [d.line, d.matches])).toEqual([
      [4, [2]], // 张 三 便利店, +86 138-0013-8000 vs 张三便利店, 13800138000
      [10, [9]], // Zhou Ba Chao Shi vs 周八超市, same phone and address
      [15, [13]], // 郑記茶葉 (traditional), +86 21 … vs 郑记茶叶, (021) …
    ])
    expect(dups[0]?.evidence[0]?.zh).toContain('电话号码相同')
  })

  it('names a line that matches an existing customer by its id', () => {
    const result = read(fixture)
    const existing = [
      {
        id: 'c-existing',
        name: '孙九面馆',
        phone: '135 0000 3333',
        address: '上海市徐汇区漕溪北路110号',
        city: '上海',
        location: { lat: 31.1903, lng: 121.4371 },
      },
    ]
    const dups = findImportDuplicates(result.candidates, existing)
    expect(dups.find((d) => d.line === 11)?.matches).toEqual(['c-existing'])
  })

  it('builds complete customers: search keys, default hours, stamped clocks, tags and a contact', () => {
    const row = read(fixture).rows.find((r) => r.line === 9)!
    expect(row.customer).toMatchObject({
      name: '周八超市',
      phone: '15900001234',
      location: { lat: 31.235, lng: 121.481 },
      ownerRepId: null,
      tags: ['超市', '连锁'],
    })
    expect(row.customer.searchKeys).toContain('zhoubachaoshi')
    expect(row.customer.openingHours[1]).toEqual([{ open: 540, close: 1080 }])
    expect(row.customer.clocks.name).toBe('1772323200000-0000-server')
    expect(row.contact).toMatchObject({ name: '周八', customerId: row.customer.id, primary: true })
  })

  it('assigns the owner named by email, only within the supervisor’s team', () => {
    const reps = new Map<string, RepRef>([
      ['a1@test.local', { id: 'a1', teamId: 'team-a' }],
      ['b1', { id: 'b1', teamId: 'team-b' }],
    ])
    const csv = 'name,owner\n甲店,A1@test.local\n乙店,b1\n丙店,nobody@x\n'
    const result = read(csv, {
      reps,
      actor: { userId: 'sa', role: 'supervisor', teamId: 'team-a' },
      cols: { name: 'name', owner: 'owner' },
    })
    expect(result.rows.map((r) => [r.line, r.customer.ownerRepId, r.customer.teamId])).toEqual([
      [2, 'a1', 'team-a'],
    ])
    expect(result.errors.map((e) => [e.line, e.field])).toEqual([
      [3, 'owner'],
      [4, 'owner'],
    ])
  })

  it('tolerates a BOM and counts blank lines so line numbers match the file', () => {
    const result = read('\uFEFFname,phone\n甲店,13800000001\n\n,13800000002\n', {
      cols: { name: 'name', phone: 'phone' },
    })
    expect(result.rows.map((r) => r.line)).toEqual([2])
    expect(result.errors.map((e) => e.line)).toEqual([4])
  })
})

describe('checking phone numbers', () => {
  it('accepts the ways people write one number and rejects malformed ones', () => {
    for (const p of [
      '13800138000',
      '+86 138-0013-8000',
      '0086 13800138000',
      '(021) 6483-1234',
      '400-820-8820',
    ])
      expect(checkedPhone(p), p).not.toBeNull()
    expect(checkedPhone('+86 138-0013-8000')).toBe(checkedPhone('13800138000'))
    for (const p of ['1380013', '138001380001', 'abc', '138-0013-800O', '12345'])
      expect(checkedPhone(p), p).toBeNull()
  })
})

describe('custom field columns', () => {
  const field = (key: string, type: CustomField['type'], over: Partial<CustomField> = {}): CustomField => ({
    id: `cf-${key}`,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    key,
    label: { en: key === 'area' ? 'Floor area' : key, zh: key === 'area' ? '面积' : key },
    type,
    options: type === 'choice' ? ['月结', '现金'] : [],
    required: false,
    active: true,
    ...over,
  })
  const customFields = [
    field('area', 'number'),
    field('opened', 'date'),
    field('payment', 'choice', { required: true }),
  ]
  const cols = { name: '店名', area: '面积', opened: '开业', payment: '结算', channel: '渠道' }
  const csv = [
    '店名,面积,开业,结算,渠道',
    '好邻居,"1,200",2019/5/1, 月结 ,批发',
    '大面积,大约一百,2019-05-01,现金,',
    '新开张,80,五月一日,赊账,零售',
    '没结算,80,2020-01-02,,零售',
  ].join('\n')

  it('stores each defined field in its type, and a column no definition names as its text', () => {
    const result = read(csv, { cols, customFields })
    expect(result.rows.map((r) => [r.customer.name, r.customer.customFields])).toEqual([
      ['好邻居', { area: 1200, opened: '2019-05-01', payment: '月结', channel: '批发' }],
    ])
  })

  it('refuses a value of the wrong type, naming the field by its label in both languages', () => {
    const result = read(csv, { cols, customFields })
    expect(result.errors.map((e) => [e.line, e.field])).toEqual([
      [3, 'area'],
      [4, 'opened'],
      [4, 'payment'],
      [5, 'payment'],
    ])
    expect(result.errors[0]).toMatchObject({
      reason: 'Floor area: "大约一百" is not a number',
      zh: '面积：“大约一百”不是数字',
    })
    expect(result.errors[2]?.reason).toContain('is not one of 月结, 现金')
    expect(result.errors[3]?.zh).toBe('缺少必填字段“payment”')
  })
})

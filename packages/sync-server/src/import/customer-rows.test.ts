import { readFileSync } from 'node:fs'
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
  opts: { actor?: ImportActor; reps?: Map<string, RepRef>; cols?: Record<string, string> } = {},
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

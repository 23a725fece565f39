import { describe, expect, it } from 'vitest'
import { type CustomerMergeRelated, type CustomerMergeResult, mergeCustomers } from './merge-customers.ts'
import { contact, customer, feedback, order, TEST_HLC, task, visit } from './records.test-helpers.ts'

const NOW = '2026-04-01T09:00:00+08:00'
let ids = 0
const newId = (): string => `new${++ids}`

function merge(
  survivor = customer('s'),
  duplicate = customer('d'),
  related: CustomerMergeRelated = {},
): CustomerMergeResult {
  const result = mergeCustomers(survivor, duplicate, related, { now: NOW, hlc: TEST_HLC, newId })
  if (!result.ok) throw new Error(result.error.message)
  return result.value
}

describe('mergeCustomers', () => {
  it('moves the duplicate’s orders, visits and feedback to the survivor as new revisions', () => {
    const first = order('d', '2026-03-01', 100, {
      id: 'o1',
      authorId: 'rep9',
      receivedAt: '2026-03-01T10:00:00+08:00',
    })
    const corrected = order('d', '2026-03-01', 120, { id: 'o1b', revisionOf: 'o1', revision: 2 })
    const result = merge(customer('s'), customer('d'), {
      orders: [first, corrected, order('s', '2026-03-02', 50)],
      visits: [visit('d', '2026-03-03', { id: 'v1' })],
      feedback: [feedback('d', '2026-03-04T10:00:00+08:00', { id: 'f1' })],
    })
    expect(result.orders).toHaveLength(1)
    expect(result.orders[0]).toMatchObject({ revisionOf: 'o1', revision: 3, customerId: 's', createdAt: NOW })
    expect(result.orders[0]?.lines[0]?.unitPrice).toBe(120)
    expect(result.orders[0]).not.toHaveProperty('authorId')
    expect(result.orders[0]).not.toHaveProperty('receivedAt')
    expect(result.visits.map((v) => [v.revisionOf, v.revision, v.customerId])).toEqual([['v1', 2, 's']])
    expect(result.feedback.map((f) => [f.revisionOf, f.revision, f.customerId])).toEqual([['f1', 2, 's']])
  })

  it('re-points tasks and stamps the changed field', () => {
    const result = merge(customer('s'), customer('d'), {
      tasks: [task('d', '2026-04-02', { id: 't1' }), task('x', '2026-04-02')],
    })
    expect(result.tasks.map((t) => [t.id, t.customerId, t.clocks.customerId])).toEqual([
      ['t1', 's', TEST_HLC],
    ])
  })

  it('fills the survivor’s blanks from the duplicate and unites tags', () => {
    const result = merge(
      customer('s', {
        phone: '13812345678',
        tags: ['vip'],
        district: undefined,
        searchKeys: ['张三', 'zhangsan', 'zs'],
        status: 'prospect',
      }),
      customer('d', {
        district: '天河区',
        tags: ['vip', 'wholesale'],
        industry: 'grocery',
        searchKeys: ['张三商行', 'zhangsanshanghang', 'zssh'],
      }),
    )
    expect(result.survivor).toMatchObject({
      phone: '13812345678',
      district: '天河区',
      industry: 'grocery',
      status: 'customer',
    })
    expect(result.survivor.tags).toEqual(['vip', 'wholesale'])
    expect(result.survivor.searchKeys).toContain('zhangsanshanghang')
    expect(result.survivor.clocks).toMatchObject({ district: TEST_HLC, tags: TEST_HLC, industry: TEST_HLC })
    expect(result.survivor.clocks).not.toHaveProperty('phone')
  })

  it('marks the duplicate as merged into the survivor', () => {
    const result = merge()
    expect(result.duplicate).toMatchObject({ id: 'd', mergedInto: 's', updatedAt: NOW })
    expect(result.duplicate.clocks.mergedInto).toBe(TEST_HLC)
  })

  it('folds contacts sharing a phone into one and keeps a single primary', () => {
    const result = merge(customer('s'), customer('d'), {
      contacts: [
        contact('s', '张三', { id: 'cs', phone: '13812345678', primary: true }),
        contact('d', '张三', { id: 'cd', phone: '+86 138 1234 5678', wechat: 'zs_wx', primary: true }),
        contact('d', '李四', { id: 'cl', phone: '13900000000', primary: true }),
      ],
    })
    const byId = new Map(result.contacts.map((c) => [c.id, c]))
    expect(byId.get('cs')?.wechat).toBe('zs_wx')
    expect(byId.get('cd')?.deleted).toBe(true)
    expect(byId.get('cl')).toMatchObject({ customerId: 's', primary: false })
  })

  it('keeps the duplicate’s own phone as a contact when the survivor has another', () => {
    const result = merge(
      customer('s', { phone: '13812345678' }),
      customer('d', { name: '张三商行', phone: '020-87654321' }),
    )
    expect(result.contacts.map((c) => [c.customerId, c.name, c.phone])).toEqual([
      ['s', '张三商行', '020-87654321'],
    ])
  })

  it('refuses to merge a customer into itself or into a merged record, and bad stamps', () => {
    const self = mergeCustomers(customer('s'), customer('s'), {}, { now: NOW, hlc: TEST_HLC })
    expect(!self.ok && self.error.code).toBe('bad_input')
    const gone = mergeCustomers(
      customer('s', { mergedInto: 'z' }),
      customer('d'),
      {},
      { now: NOW, hlc: TEST_HLC },
    )
    expect(!gone.ok && gone.error.code).toBe('bad_input')
    const stamp = mergeCustomers(customer('s'), customer('d'), {}, { now: 'now', hlc: TEST_HLC })
    expect(!stamp.ok && stamp.error.code).toBe('bad_options')
  })
})

import {
  type CustomerFact,
  type CustomerProfile,
  type CustomField,
  classifyCustomers,
  defaultServicePolicy,
  type FeedbackFact,
  fitRfmScaling,
  type PurchaseLine,
  type VisitFact,
} from '@outrider/domain'
import { fuzzSeed } from '@outrider/domain/testing'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  clusterRuleOptions,
  draftToRule,
  offeredRuleFields,
  type RuleOp,
  ruleFieldKind,
  ruleOpsFor,
} from './rule-draft.ts'

const AS_OF = '2024-06-30'
const AS_OF_MS = Date.UTC(2024, 5, 30)
const isoDay = (ago: number) => new Date(AS_OF_MS - ago * 86_400_000).toISOString().slice(0, 10)

const definition = (key: string, type: CustomField['type'], options: string[] = []): CustomField => ({
  id: `cf-${key}`,
  createdAt: `2024-01-0${options.length + 1}T00:00:00.000Z`,
  updatedAt: '2024-01-01T00:00:00.000Z',
  key,
  label: { en: key, zh: key },
  type,
  options,
  required: false,
  active: true,
})
const PAYMENTS = ['月结', '现金', 'Transfer']
/** The custom fields an admin defined: the builder offers each of them too. */
const customFields: CustomField[] = [
  definition('area', 'number'),
  definition('opened', 'date'),
  definition('payment', 'choice', PAYMENTS),
  definition('remark', 'text'),
  { ...definition('retired', 'text'), active: false },
]
type Custom = { area: number; opened: string; payment: string; remark: string }

/** One customer's history, kept simple enough that the test knows every fact a rule reads. */
type Made = {
  orderDays: number[]
  amount: number
  visitDays: number[]
  rating: number
  openComplaints: number
  status: 'prospect' | 'customer' | 'inactive'
  city: string
  district: string
  industry: string
  custom: Custom
}

const madeArb: fc.Arbitrary<Made> = fc.record({
  orderDays: fc.uniqueArray(fc.integer({ min: 0, max: 400 }), { maxLength: 5 }),
  amount: fc.integer({ min: 1, max: 9000 }),
  visitDays: fc.uniqueArray(fc.integer({ min: 0, max: 200 }), { maxLength: 3 }),
  rating: fc.integer({ min: 1, max: 5 }),
  openComplaints: fc.integer({ min: 0, max: 2 }),
  status: fc.constantFrom('prospect', 'customer', 'inactive'),
  city: fc.constantFrom('上海', '杭州', 'Suzhou'),
  district: fc.constantFrom('浦东新区', '西湖区', 'Gusu'),
  industry: fc.constantFrom('餐饮', 'retail', '便利店'),
  custom: fc.record({
    area: fc.integer({ min: -50, max: 5000 }),
    opened: fc.integer({ min: 0, max: 4000 }).map(isoDay),
    payment: fc.constantFrom(...PAYMENTS),
    remark: fc.constantFrom('靠近地铁口', 'corner shop', '老客户 VIP'),
  }),
})

/** A population in which the first customer has orders, visits and an open complaint. */
const populationArb = fc
  .tuple(
    madeArb.map((m) => ({
      ...m,
      orderDays: m.orderDays.length > 0 ? m.orderDays : [3],
      visitDays: m.visitDays.length > 0 ? m.visitDays : [5],
      openComplaints: Math.max(1, m.openComplaints),
    })),
    fc.array(madeArb, { maxLength: 7 }),
  )
  .map(([first, rest]) => [first, ...rest])

function inputOf(made: Made[]) {
  const customers: CustomerFact[] = []
  const lines: PurchaseLine[] = []
  const visits: VisitFact[] = []
  const feedback: FeedbackFact[] = []
  made.forEach((m, i) => {
    const id = `c${i}`
    customers.push({
      id,
      status: m.status,
      city: m.city,
      district: m.district,
      industry: m.industry,
      customFields: m.custom,
    })
    for (const [k, ago] of m.orderDays.entries())
      lines.push({ customerId: id, orderId: `${id}-o${k}`, date: isoDay(ago), quantity: 1, price: m.amount })
    // Noon in Shanghai: the visit falls on the day it names.
    for (const ago of m.visitDays)
      visits.push({ customerId: id, checkInAt: `${isoDay(ago)}T04:00:00Z`, satisfaction: m.rating })
    for (let k = 0; k < m.openComplaints; k++)
      feedback.push({ customerId: id, at: `${isoDay(1)}T04:00:00Z`, complaint: { status: 'open' } })
  })
  return { customers, lines, visits, feedback }
}

type Value = string | number | readonly string[]

/** What a field holds for one customer, from its profile or from the history the test made; null when absent. */
function fieldValue(field: string, p: CustomerProfile, m: Made): Value | null {
  const buyer = m.orderDays.length > 0
  switch (field) {
    case 'recencyDays':
      return p.rfm.recencyDays
    case 'frequency':
    case 'monetary':
    case 'r':
    case 'f':
    case 'm':
      return p.rfm[field]
    case 'rfm':
      return buyer ? `${p.rfm.r}${p.rfm.f}${p.rfm.m}` : null
    case 'segment':
      return p.segment
    case 'tier':
    case 'lifecycle':
    case 'score':
    case 'tags':
      return p[field]
    case 'averageOrderValue':
      return buyer ? m.amount : null
    case 'visits':
      return m.visitDays.length
    case 'daysSinceVisit':
      return m.visitDays.length > 0 ? Math.min(...m.visitDays) : null
    case 'openComplaints':
      return m.openComplaints
    case 'averageRating':
      return m.visitDays.length > 0 ? m.rating : null
    case 'status':
    case 'city':
    case 'district':
    case 'industry':
      return m[field]
    case 'cluster':
      return p.clusterId
    case 'custom.area':
    case 'custom.opened':
    case 'custom.payment':
    case 'custom.remark':
      return m.custom[field.slice('custom.'.length) as keyof Custom]
    default:
      throw new Error(`the builder offers "${field}": say here how a customer gets a value for it`)
  }
}

const dayBefore = (day: string, n: number) =>
  new Date(Date.parse(day) - n * 86_400_000).toISOString().slice(0, 10)

/** What a supervisor would type so that the condition holds for a customer whose field holds `v`. */
function typedFor(op: RuleOp, v: Value, field: string): string {
  if (Array.isArray(v)) return op === 'in' ? `${v[0]}, 不存在的标签` : String(v[0])
  const kind = ruleFieldKind(field, customFields)
  if (kind === 'date' && typeof v === 'string') {
    // Typed as people do: 2024/3/7 as well as 2024-03-07.
    if (op === 'ne' || op === 'lt') return dayBefore(v, -1).replaceAll('-', '/')
    if (op === 'gt') return dayBefore(v, 1)
    if (op === 'in') return `${dayBefore(v, 30)}、${v.replaceAll('-', '/')}`
    return v
  }
  if (kind === 'choice' && typeof v === 'string') {
    const other = PAYMENTS.find((o) => o !== v)!
    if (op === 'ne') return other
    if (op === 'in') return `${other}, ${v.toLowerCase()}`
    return ` ${v.toUpperCase()} `
  }
  if (typeof v === 'number') {
    if (op === 'ne' || op === 'lt') return String(v + 1)
    if (op === 'gt') return String(v - 1)
    if (op === 'in') return `${v + 2}, ${v}`
    return String(v)
  }
  if (op === 'ne') return `${v}之外`
  if (op === 'in') return `其他、${v}`
  if (op === 'contains') return String(v).slice(0, 2)
  return String(v)
}

describe('the tag-rule builder', () => {
  it('offers only fields and operators that match a customer who has that value', () => {
    fc.assert(
      fc.property(populationArb, fc.nat(), (made, pick) => {
        const input = inputOf(made)
        const unclustered = classifyCustomers(input, defaultServicePolicy, AS_OF)
        if (!unclustered.ok) throw new Error(unclustered.error.message)
        // The team's saved clusters: two centres on the buyers' own scaling, so buyers fall in either.
        const buyers = unclustered.value.profiles.filter((p) => p.rfm.recencyDays !== null)
        const clusterModel = {
          scaling: fitRfmScaling(
            buyers.map((p) => p.rfm.recencyDays ?? 0),
            buyers.map((p) => p.rfm.frequency),
            buyers.map((p) => p.rfm.monetary),
          ),
          centres: [
            [-0.5, 0.5, 0.5],
            [0.5, -0.5, -0.5],
          ] as [number, number, number][],
          ids: ['cl-loyal', 'cl-lapsed'],
          names: [
            { en: 'Loyal', zh: '忠诚客户' },
            { en: '', zh: '' },
          ],
        }
        // The builder offers the team's clusters by name and keeps the chosen one's id.
        const offeredClusters = clusterRuleOptions(clusterModel)
        expect(offeredClusters.map((o) => o.label.zh)).toEqual(['#1 忠诚客户', '#2'])
        const first = classifyCustomers(input, defaultServicePolicy, AS_OF, { clusterModel })
        if (!first.ok) throw new Error(first.error.message)
        const byId = new Map(first.value.profiles.map((p) => [p.customerId, p]))
        const rules: { tag: string; witness: string }[] = []
        const tagRules = []
        for (const field of offeredRuleFields(customFields)) {
          // Some customer that has the field (the first customer, a buyer, has every one).
          const holders = made
            .map((m, i) => ({ id: `c${i}`, v: fieldValue(field, byId.get(`c${i}`)!, m) }))
            .filter((h) => h.v !== null && !(Array.isArray(h.v) && h.v.length === 0))
          expect(holders.length, `no customer has ${field}`).toBeGreaterThan(0)
          const witness = holders[pick % holders.length]!
          if (field === 'cluster') expect(offeredClusters.map((o) => o.id)).toContain(witness.v)
          for (const op of ruleOpsFor(field, customFields)) {
            const built = draftToRule(
              { join: 'all', conditions: [{ field, op, value: typedFor(op, witness.v!, field) }] },
              customFields,
            )
            if (!built.ok) throw new Error(`${field} ${op}: ${built.reason}`)
            const tag = `t_${field}_${op}`
            tagRules.push({ tag, label: { en: tag, zh: tag }, rule: built.rule, active: true })
            rules.push({ tag, witness: witness.id })
          }
        }
        const tagged = classifyCustomers({ ...input, tagRules }, defaultServicePolicy, AS_OF, {
          clusterModel,
        })
        if (!tagged.ok) throw new Error(tagged.error.message)
        expect(tagged.value.tagRuleErrors).toEqual([])
        const tags = new Map(tagged.value.profiles.map((p) => [p.customerId, p.tags]))
        const missed = rules.filter((r) => !tags.get(r.witness)?.includes(r.tag)).map((r) => r.tag)
        expect(missed).toEqual([])
      }),
      { seed: fuzzSeed(), numRuns: 60 },
    )
  })

  it('offers each active custom field with the operators its type can meet', () => {
    const offered = offeredRuleFields(customFields)
    expect(offered).toEqual(
      expect.arrayContaining(['custom.area', 'custom.opened', 'custom.payment', 'custom.remark']),
    )
    expect(offered).not.toContain('custom.retired')
    expect(ruleOpsFor('custom.area', customFields)).toContain('gte')
    expect(ruleOpsFor('custom.opened', customFields)).toContain('lt')
    expect(ruleOpsFor('custom.payment', customFields)).toEqual(['eq', 'ne', 'in', 'exists'])
    expect(ruleOpsFor('custom.remark', customFields)).not.toContain('gt')
    const bad = (field: string, value: string) =>
      draftToRule({ join: 'all', conditions: [{ field, op: 'eq', value }] }, customFields)
    expect(bad('custom.opened', '3月7日')).toEqual({ ok: false, line: 0, reason: 'date' })
    expect(bad('custom.payment', '赊账')).toEqual({ ok: false, line: 0, reason: 'choice' })
    expect(bad('custom.area', 'big')).toEqual({ ok: false, line: 0, reason: 'number' })
  })

  it('reads an RFM code as the text it is, so "545" matches a 5-4-5 customer', () => {
    expect(ruleFieldKind('rfm')).toBe('text')
    expect(draftToRule({ join: 'all', conditions: [{ field: 'rfm', op: 'eq', value: '545' }] })).toEqual({
      ok: true,
      rule: { all: [{ field: 'rfm', op: 'eq', value: '545' }] },
    })
  })
})

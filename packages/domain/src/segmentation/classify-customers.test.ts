import { describe, expect, it } from 'vitest'
import { daysFromCivil, formatDayNumber } from '../calendar/civil-day.ts'
import type { Order } from '../model/order.ts'
import type { ServicePolicy } from '../model/service-policy.ts'
import { classifyCustomers } from './classify-customers.ts'
import { computeRfm } from './compute-rfm.ts'
import type { CustomerProfile } from './customer-profile.ts'
import { defaultServicePolicy } from './default-service-policy.ts'
import { purchaseLinesFromOrders } from './purchase-lines-from-orders.ts'
import type { PurchaseLine } from './purchase-table.ts'
import { retailLines } from './retail-fixture.test-helpers.ts'
import { rfm8SegmentSchema } from './rfm8-segments.ts'

const AS_OF = '2024-06-30'
const asOfDay = daysFromCivil(2024, 6, 30)
const daysAgo = (n: number) => `${formatDayNumber(asOfDay - n)}T10:00:00+08:00`

/** `count` orders of `amount`, the last `last` days ago, every `every` days before that. */
function history(
  customerId: string,
  count: number,
  last: number,
  every: number,
  amount = 100,
): PurchaseLine[] {
  return Array.from({ length: count }, (_, i) => ({
    customerId,
    orderId: `${customerId}-${i}`,
    date: daysAgo(last + i * every),
    quantity: 1,
    price: amount,
  }))
}

const lines: PurchaseLine[] = [
  ...history('champ', 20, 2, 7, 2500),
  ...history('weekly', 10, 30, 7),
  ...history('quarterly', 4, 100, 90),
  ...history('once-recent', 1, 10, 0),
  ...history('once-old', 1, 100, 0, 20),
  ...history('once-older', 1, 200, 0, 10),
  ...history('fading', 3, 160, 30),
  // spend fell: 400 in the 90 days before the last 90, 50 since
  { customerId: 'decliner', orderId: 'd1', date: daysAgo(150), quantity: 4, price: 100 },
  { customerId: 'decliner', orderId: 'd2', date: daysAgo(120), quantity: 1, price: 40 },
  { customerId: 'decliner', orderId: 'd3', date: daysAgo(20), quantity: 1, price: 50 },
]

const visit = (customerId: string, n: number, ago: number) => ({
  customerId,
  checkInAt: daysAgo(ago),
  satisfaction: null,
  revisionOf: `v-${customerId}-${n}`,
  revision: 1,
})

function run(
  policy: ServicePolicy = defaultServicePolicy,
  extra: Partial<Parameters<typeof classifyCustomers>[0]> = {},
) {
  const result = classifyCustomers(
    {
      customers: [
        { id: 'prospect', city: '杭州' },
        { id: 'champ', city: '上海', industry: 'retail' },
      ],
      lines,
      visits: [visit('champ', 1, 9), visit('champ', 2, 16), visit('weekly', 1, 200)],
      feedback: [
        {
          customerId: 'champ',
          at: daysAgo(3),
          score: 2,
          complaint: { status: 'open' },
          revisionOf: 'fb1',
          revision: 1,
        },
        {
          customerId: 'weekly',
          at: daysAgo(60),
          score: 5,
          complaint: { status: 'open' },
          revisionOf: 'fb2',
          revision: 1,
        },
        // the complaint above was later resolved: only the newest revision counts
        {
          customerId: 'weekly',
          at: daysAgo(50),
          score: 5,
          complaint: { status: 'resolved' },
          revisionOf: 'fb2',
          revision: 2,
        },
      ],
      ...extra,
    },
    policy,
    AS_OF,
  )
  if (!result.ok) throw new Error(result.error.message)
  return result.value
}

function profile(report: ReturnType<typeof run>, id: string): CustomerProfile {
  const p = report.profiles.find((x) => x.customerId === id)
  if (!p) throw new Error(`no profile for ${id}`)
  return p
}

describe('classifyCustomers', () => {
  const report = run()

  it('gives every customer, buyer or not, a profile with a tier, a stage and a score', () => {
    expect(report.profiles.map((p) => p.customerId).sort()).toEqual(
      [
        'champ',
        'decliner',
        'fading',
        'once-old',
        'once-older',
        'once-recent',
        'prospect',
        'quarterly',
        'weekly',
      ].sort(),
    )
    const prospect = profile(report, 'prospect')
    expect(prospect).toMatchObject({
      segment: null,
      tier: 'C',
      lifecycle: 'prospect',
      tags: ['never_bought'],
    })
    expect(report.summary.byTier.A + report.summary.byTier.B + report.summary.byTier.C).toBe(9)
    for (const p of report.profiles) {
      expect(p.score).toBeGreaterThanOrEqual(0)
      expect(p.score).toBeLessThanOrEqual(100)
    }
  })

  it('explains every label and score of every profile, in English and Chinese', () => {
    for (const p of report.profiles) {
      const e = p.explanations
      for (const kind of [e.segment, e.tier, e.lifecycle, e.score, e.visitCadence])
        expect(kind.length).toBeGreaterThan(0)
      expect(e.tags.map((x) => x.code.replace('tag.', ''))).toEqual(p.tags)
      for (const x of [...e.segment, ...e.tier, ...e.lifecycle, ...e.tags, ...e.score, ...e.visitCadence]) {
        expect(x.en).toMatch(/[a-z]/i)
        expect(x.zh).toMatch(/[\u4e00-\u9fff]/)
      }
      const json = JSON.parse(JSON.stringify(p))
      expect(json.explanations.segment[0].zh).toBe(e.segment[0]?.zh)
    }
  })

  it('names the segment by the Chinese RFM model, stating the three comparisons in English and Chinese', () => {
    const champ = profile(report, 'champ')
    expect(champ.segment).toBe('important_value')
    expect(champ.segmentLabel).toEqual({ en: 'Important value', zh: '重要价值客户' })
    const [why] = champ.explanations.segment
    expect(why?.code).toBe('segment.rfm8')
    expect(why?.params).toMatchObject({ recencyDays: 2, frequency: 20, rHigh: 1, fHigh: 1, mHigh: 1 })
    expect(why?.en).toMatch(
      /^Last purchase 2 days ago vs mean [\d.]+ → R high; 20 orders vs mean [\d.]+ → F high; spend 50000\.00 vs mean [\d.]+ → M high → Important value$/,
    )
    expect(why?.zh).toMatch(
      /^最近一次购买在2天前，平均[\d.]+天 → R高；20笔订单，平均[\d.]+笔 → F高；消费50000\.00，平均[\d.]+ → M高 → 重要价值客户$/,
    )
    // a single small order long ago: low on all three, so not "important" anything
    expect(profile(report, 'once-older').segment).toBe('general_winback')
    expect(JSON.parse(JSON.stringify(why))).toMatchObject({ code: 'segment.rfm8', en: why?.en, zh: why?.zh })
  })

  it('keeps every segment consistent with R, F and M against the population means', () => {
    const { mean } = report.thresholds
    expect(report.thresholdsSource).toBe('local')
    for (const p of report.profiles) {
      if (p.segment === null) continue
      const late = p.lifecycle === 'at_risk' || p.lifecycle === 'churned'
      const rHigh = !late && (p.rfm.recencyDays as number) <= mean.recencyDays
      const fHigh = p.rfm.frequency >= mean.frequency
      const mHigh = p.rfm.monetary >= mean.monetary
      expect(p.segment).toBe(
        `${mHigh ? 'important' : 'general'}_${rHigh ? (fHigh ? 'value' : 'develop') : fHigh ? 'retain' : 'winback'}`,
      )
    }
  })

  it('never puts a customer the lifecycle calls late in a recent row of the R×F grid', () => {
    const grid = run({ ...defaultServicePolicy, segmentModel: 'rf_grid' })
    const weekly = profile(grid, 'weekly')
    // recent enough against the population for a top row, but a weekly buyer silent for 30 days is late
    expect(weekly.rfm.r).toBeGreaterThan(2)
    expect(weekly.lifecycle).toBe('at_risk')
    expect(weekly.explanations.segment[0]?.en).toContain('but lifecycle: At risk, so read as R=2')
    const recentRows = new Set(defaultServicePolicy.rfmGrid.slice(2).flat())
    const lateRows = new Set(defaultServicePolicy.rfmGrid.slice(0, 2).flat())
    for (const p of grid.profiles) {
      if (p.segment === null) continue
      const late = p.lifecycle === 'at_risk' || p.lifecycle === 'churned'
      if (late) expect(lateRows.has(p.segment), `${p.customerId} ${p.segment}`).toBe(true)
      else if (p.rfm.r > 2) expect(recentRows.has(p.segment), `${p.customerId} ${p.segment}`).toBe(true)
    }
  })

  it('puts the biggest spender in tier A and explains it by the cut-offs in money', () => {
    const champ = profile(report, 'champ')
    expect(champ.tier).toBe('A')
    const [why] = champ.explanations.tier
    expect(why?.params).toMatchObject({ tier: 'A', monetary: 50000 })
    expect(why?.en).toContain('tier A from')
    expect(why?.zh).toContain('A类客户')
    expect(profile(report, 'once-older').tier).toBe('C')
  })

  it('keeps an imported tier for a customer without spend, and ranks one with spend by it', () => {
    const declared = run(defaultServicePolicy, {
      customers: [
        { id: 'prospect', customFields: { tier: 'A' } },
        { id: 'once-older', customFields: { tier: 'A' } },
      ],
    })
    const prospect = profile(declared, 'prospect')
    expect(prospect.tier).toBe('A')
    expect(prospect.explanations.tier[0]?.en).toBe('No spend yet; tier A as imported')
    expect(profile(declared, 'once-older').tier).toBe('C')
    expect(declared.summary.byTier.A).toBe(report.summary.byTier.A + 1)
  })

  it("judges silence against the customer's own rhythm when there is one", () => {
    // weekly buyer silent for 30 days is late; a quarterly buyer silent for 100 days is not
    expect(profile(report, 'weekly').lifecycle).toBe('at_risk')
    expect(profile(report, 'quarterly').lifecycle).toBe('active')
    const why = profile(report, 'weekly').explanations.lifecycle[0]
    expect(why?.params).toMatchObject({ medianGapDays: 7, recencyDays: 30, atRiskAfterDays: 14 })
    expect(why?.zh).toContain('通常每7天购买一次')
  })

  it('uses fixed thresholds without a rhythm, and marks recent first buyers as new', () => {
    expect(profile(report, 'once-recent').lifecycle).toBe('new')
    expect(profile(report, 'once-old').lifecycle).toBe('at_risk')
    expect(profile(report, 'once-older').lifecycle).toBe('churned')
    expect(profile(report, 'champ').lifecycle).toBe('loyal')
    expect(profile(report, 'champ').explanations.lifecycle.map((e) => e.code)).toEqual([
      'lifecycle.rhythm',
      'lifecycle.loyal',
    ])
  })

  it('tags behaviour from orders, visits and feedback, each tag with its reason', () => {
    const champ = profile(report, 'champ')
    expect(champ.tags).toEqual(
      expect.arrayContaining([
        'frequent_buyer',
        'big_basket',
        'responsive_to_visits',
        'open_complaint',
        'low_satisfaction',
      ]),
    )
    expect(champ.explanations.tags).toHaveLength(champ.tags.length)
    const responsive = champ.explanations.tags[champ.tags.indexOf('responsive_to_visits')]
    expect(responsive?.en).toBe('2 of 2 visits (100.0%) were followed by an order within 7 days')
    expect(profile(report, 'weekly').tags).not.toContain('open_complaint')
    expect(profile(report, 'decliner').tags).toContain('declining_spend')
    expect(profile(report, 'once-old').tags).toEqual(expect.arrayContaining(['one_time_buyer', 'occasional']))
    // visits are tracked, so a buyer never visited is overdue; the weekly buyer's last visit was 200 days ago
    expect(profile(report, 'quarterly').tags).toContain('visit_overdue')
    expect(profile(report, 'weekly').tags).toContain('visit_overdue')
  })

  it('visits at-risk customers sooner than their tier says', () => {
    const weekly = profile(report, 'weekly')
    expect(weekly.lifecycle).toBe('at_risk')
    expect(weekly.visitEveryDays).toBe(7)
    expect(weekly.explanations.visitCadence.map((e) => e.code)).toContain('visit.override')
  })

  it('applies user tag rules over the computed profile and the customer record', () => {
    const withRules = run(defaultServicePolicy, {
      tagRules: [
        {
          tag: 'vip_complaint',
          label: { en: 'VIP with a complaint', zh: '有投诉的重要客户' },
          active: true,
          rule: {
            all: [
              { field: 'tier', op: 'eq', value: 'A' },
              { field: 'tags', op: 'contains', value: 'open_complaint' },
            ],
          },
        },
        {
          tag: 'shanghai',
          label: { en: 'Shanghai', zh: '上海' },
          active: true,
          rule: { field: 'city', op: 'in', value: ['上海', '北京'] },
        },
        {
          tag: 'broken',
          label: { en: 'x', zh: 'x' },
          active: true,
          rule: { field: 'r', op: 'between' } as never,
        },
        { tag: 'off', label: { en: 'x', zh: 'x' }, active: false, rule: { field: 'r', op: 'exists' } },
      ],
    })
    const champ = profile(withRules, 'champ')
    expect(champ.tags).toEqual(expect.arrayContaining(['vip_complaint', 'shanghai']))
    expect(champ.explanations.tags.at(-1)?.zh).toBe('符合规则“上海”')
    expect(profile(withRules, 'prospect').tags).not.toContain('shanghai')
    expect(withRules.summary.byTag.off).toBeUndefined()
    expect(withRules.tagRuleErrors.map((e) => e.tag)).toEqual(['broken'])
  })

  it('follows the policy: its R×F grid when chosen, and its score weights', () => {
    const grid = Array.from({ length: 5 }, () => Array.from({ length: 5 }, () => 'everyone'))
    const custom = run({
      ...defaultServicePolicy,
      segmentModel: 'rf_grid',
      rfmGrid: grid,
      scoreWeights: { value: 1, potential: 0, loyalty: 0, risk: 0 },
    })
    const champ = profile(custom, 'champ')
    expect(champ.segment).toBe('everyone')
    expect(champ.score).toBe(champ.scoreParts.value)
    expect(champ.explanations.score[0]?.en).toContain(`Score ${champ.score}`)
  })

  it('refuses a bad policy or as-of date with a clear error', () => {
    const bad = classifyCustomers({ lines }, { ...defaultServicePolicy, tierShares: { a: 2, b: 0.1 } }, AS_OF)
    expect(bad.ok || bad.error.code).toBe('bad_policy')
    const date = classifyCustomers({ lines }, defaultServicePolicy, '2024-13-01')
    expect(date.ok || date.error.code).toBe('bad_as_of')
  })

  it('clusters buyers when asked', () => {
    const clustered = classifyCustomers({ lines }, defaultServicePolicy, AS_OF, {
      clusters: { k: 3, seed: 7 },
    })
    if (!clustered.ok) throw new Error(clustered.error.message)
    expect(clustered.value.clusters?.sizes.reduce((a, b) => a + b, 0)).toBe(8)
    expect(clustered.value.profiles.every((p) => p.cluster !== null && p.cluster >= 0 && p.cluster < 3)).toBe(
      true,
    )
  })
})

describe('classifyCustomers from domain orders', { timeout: 30_000 }, () => {
  const order = (id: string, customerId: string, ago: number, extra: Partial<Order> = {}) => ({
    id,
    revisionOf: id,
    revision: 1,
    customerId,
    orderedAt: daysAgo(ago),
    status: 'placed' as const,
    lines: [{ productId: 'p1', name: 'Tea', quantity: 2, unitPrice: 12.5 }],
    ...extra,
  })

  it('counts the latest revision of each order, leaves cancelled ones out, and says how many lines it left', () => {
    const result = classifyCustomers(
      {
        orders: [
          order('o1', 'a', 5),
          order('o1', 'a', 5, {
            revision: 2,
            lines: [{ productId: 'p1', name: 'Tea', quantity: 3, unitPrice: 12.5 }],
          }),
          order('o2', 'a', 40),
          order('o3', 'b', 3, { status: 'cancelled' }),
          order('o4', 'b', 60),
        ],
      },
      defaultServicePolicy,
      AS_OF,
    )
    if (!result.ok) throw new Error(result.error.message)
    const a = result.value.profiles.find((p) => p.customerId === 'a')
    expect(a?.rfm).toMatchObject({ frequency: 2, monetary: 62.5, recencyDays: 5 })
    expect(result.value.profiles.find((p) => p.customerId === 'b')?.rfm.recencyDays).toBe(60)
    expect(result.value.summary.excluded).toMatchObject({ cancelled: 1, superseded: 1, total: 2 })
  })

  it('builds the same RFM input from domain orders as from their lines', () => {
    const orders = [order('o1', 'a', 5), order('o2', 'a', 40), order('o3', 'b', 3, { status: 'cancelled' })]
    const built = purchaseLinesFromOrders(orders)
    expect(built).toMatchObject({ cancelledOrders: 1, supersededRevisions: 0 })
    const fromLines = computeRfm(built.lines, AS_OF)
    const fromOrders = classifyCustomers({ orders }, defaultServicePolicy, AS_OF)
    if (!fromLines.ok || !fromOrders.ok) throw new Error('unexpected')
    expect(fromLines.value.rows).toEqual([
      { customerId: 'a', recencyDays: 5, frequency: 2, monetary: 50, r: 5, f: 1, m: 1 },
    ])
    expect(fromOrders.value.profiles.map((p) => p.rfm.frequency)).toEqual([2])
  })

  it('agrees with the line-based RFM on the retail sample', () => {
    const retail = retailLines()
    const result = classifyCustomers({ lines: retail }, defaultServicePolicy, '2011-12-10')
    const rfm = computeRfm(retail, '2011-12-10')
    if (!result.ok || !rfm.ok) throw new Error('unexpected')
    const profiles = result.value.profiles.map((p) => ({ customerId: p.customerId, ...p.rfm }))
    expect(profiles.map(({ firstPurchase, lastPurchase, ...rest }) => rest)).toEqual(rfm.value.rows)
    const named = Object.keys(result.value.summary.bySegment)
    expect(named.length).toBeGreaterThanOrEqual(6)
    for (const key of named) expect(rfm8SegmentSchema.options).toContain(key)
  })
})

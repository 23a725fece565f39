import {
  type CustomerFact,
  cadenceDaysFromPolicy,
  classifyCustomers,
  computeDueVisits,
  computeKpis,
  type Tier,
  visitCoverageByTier,
} from '@outrider/domain'
import { beforeAll, describe, expect, it } from 'vitest'
import { type DemoOrg, generateDemoOrg } from './index.ts'

let org: DemoOrg
const logged = () => org.visits.filter((v) => v.channel !== undefined && v.channel !== 'visit')
// The demo's as-of day (2026-11-01 in Shanghai) and the dashboard's default period, its last 30 days.
const today = '2026-11-01'
const period = { from: '2026-10-03', to: today }

beforeAll(() => {
  org = generateDemoOrg()
})

/** Visit coverage per rep and per tier over the period, as the supervisor's dashboard computes it. */
function coverage() {
  const policy = org.policies[0]!
  const classes = classifyCustomers(
    {
      customers: org.customers as readonly CustomerFact[],
      orders: org.orders,
      visits: org.visits,
      feedback: org.feedback,
      complaints: org.complaints,
      tagRules: org.tagRules,
    },
    policy,
    today,
    { thresholds: null },
  )
  if (!classes.ok) throw new Error(classes.error.message)
  const profiles = new Map(classes.value.profiles.map((p) => [p.customerId, p]))
  const tierOf = (id: string): Tier | undefined => profiles.get(id)?.tier
  const due = computeDueVisits({
    customers: org.customers,
    visits: org.visits,
    cadenceDaysOf: cadenceDaysFromPolicy(policy, tierOf, (id) => profiles.get(id)?.segment ?? undefined),
    period,
    asOf: today,
  })
  if (!due.ok) throw new Error(due.error.message)
  const byTier = visitCoverageByTier(due.value, tierOf)
  const ownerOf = new Map(org.customers.map((c) => [c.id, c.ownerRepId]))
  const byRep = new Map<string, { due: number; onTime: number }>()
  for (const d of due.value) {
    const rep = ownerOf.get(d.customerId) ?? ''
    const r = byRep.get(rep) ?? { due: 0, onTime: 0 }
    r.due++
    if (d.onTime) r.onTime++
    byRep.set(rep, r)
  }
  return {
    byTier: (['A', 'B', 'C'] as const).map((t) => byTier[t].value),
    byRep: [...byRep.values()].map((r) => r.onTime / r.due),
  }
}

describe('the demo’s logged contacts', () => {
  it('are calls, WeChat messages and SMS without a check-in, by the owner, with notes and next steps in Chinese', () => {
    const contacts = logged()
    expect(contacts.length).toBeGreaterThan(1_000)
    expect(new Set(contacts.map((v) => v.channel))).toEqual(new Set(['phone', 'wechat', 'sms', 'other']))
    const owners = new Map(org.customers.map((c) => [c.id, c.ownerRepId]))
    const wrong = contacts.filter(
      (v) =>
        v.checkInGps !== null ||
        v.authorId !== owners.get(v.customerId) ||
        !/\p{Script=Han}/u.test(v.notes) ||
        v.satisfaction !== null ||
        v.orderLines.length > 0,
    )
    expect(wrong.map((v) => v.id)).toEqual([])
    // A next step is a follow-up task of the contact, as the phone makes it.
    const withNext = contacts.filter((v) => v.followUp !== null)
    expect(withNext.length).toBeGreaterThan(contacts.length / 10)
    const tasks = new Map(org.tasks.map((t) => [t.sourceVisitId, t]))
    for (const v of withNext) expect(tasks.get(v.id)?.title).toBe(v.followUp?.title)
  })

  it('count as contacts in the period’s figures, near the rep’s monthly target', () => {
    const kpis = computeKpis({
      customers: org.customers,
      orders: org.orders,
      visits: org.visits,
      feedback: org.feedback,
      tasks: org.tasks,
      period: { from: '2026-10-01', to: '2026-10-31' },
      asOf: today,
      groupBy: 'rep',
    })
    if (!kpis.ok) throw new Error(kpis.error.message)
    const rep1 = kpis.value.groups.find((g) => g.key === 'u-rep-1')!.kpis
    const target = org.policies[0]!.targets!.byRep['u-rep-1']!.contacts
    expect(rep1.contacts).toBeGreaterThan(target * 0.75)
    expect(rep1.contacts).toBeLessThan(target * 1.25)
  })

  it('keep visit coverage of every tier near the policy’s cadence, differing from rep to rep', () => {
    const { byTier, byRep } = coverage()
    for (const c of byTier) {
      expect(c).toBeGreaterThan(0.7)
      expect(c).toBeLessThan(0.97)
    }
    expect(byRep).toHaveLength(8)
    for (const c of byRep) expect(c).toBeGreaterThan(0.65)
    expect(Math.max(...byRep) - Math.min(...byRep)).toBeGreaterThan(0.05)
  })
})

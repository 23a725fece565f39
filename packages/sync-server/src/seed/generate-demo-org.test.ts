import {
  complaintSchema,
  complaintState,
  contactSchema,
  customerSchema,
  feedbackSchema,
  orderSchema,
  orderTotal,
  productSchema,
  servicePolicySchema,
  tagRuleSchema,
  taskSchema,
  teamSchema,
  userSchema,
  visitSchema,
} from '@outrider/domain'
import { beforeAll, describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { cities } from './cities.ts'
import { DEFAULT_AS_OF, DEMO_PASSWORD, type DemoOrg, generateDemoOrg } from './index.ts'

const DAY = 86_400_000
const CST = 8 * 3_600_000
let org: DemoOrg
const asOf = DEFAULT_AS_OF.getTime()

beforeAll(() => {
  org = generateDemoOrg()
})

function invalid<T>(schema: z.ZodType<T>, rows: readonly unknown[]): string[] {
  const problems: string[] = []
  for (const row of rows) {
    const r = schema.safeParse(row)
    if (!r.success && problems.length < 3) problems.push(`${(row as { id?: string }).id}: ${r.error.message}`)
  }
  return problems
}

const ordersOf = (): Map<string, number[]> => {
  const out = new Map<string, number[]>()
  for (const o of org.orders) {
    const list = out.get(o.customerId) ?? []
    list.push(Date.parse(o.orderedAt))
    out.set(o.customerId, list)
  }
  for (const list of out.values()) list.sort((a, b) => a - b)
  return out
}
/** Visits on site (with a check-in), not the calls and messages logged between them. */
const onSite = (): DemoOrg['visits'] =>
  org.visits.filter((v) => v.channel === undefined || v.channel === 'visit')
const idsOf = (a: DemoOrg['archetypes'][string]): string[] =>
  Object.keys(org.archetypes).filter((id) => org.archetypes[id] === a)

describe('generateDemoOrg: shape', () => {
  it('every record passes its domain schema', () => {
    expect(invalid(teamSchema, org.teams)).toEqual([])
    expect(invalid(userSchema, org.users)).toEqual([])
    expect(invalid(customerSchema, org.customers)).toEqual([])
    expect(invalid(contactSchema, org.contacts)).toEqual([])
    expect(invalid(productSchema, org.products)).toEqual([])
    expect(invalid(orderSchema, org.orders)).toEqual([])
    expect(invalid(visitSchema, org.visits)).toEqual([])
    expect(invalid(feedbackSchema, org.feedback)).toEqual([])
    expect(invalid(taskSchema, org.tasks)).toEqual([])
    expect(invalid(servicePolicySchema, org.policies)).toEqual([])
    expect(invalid(tagRuleSchema, org.tagRules)).toEqual([])
    expect(invalid(complaintSchema, org.complaints)).toEqual([])
  })

  it('has complaint records in every state, NPS answers on visits and past care tasks naming their rule', () => {
    const states = new Map<string, number>()
    for (const c of org.complaints) states.set(complaintState(c), (states.get(complaintState(c)) ?? 0) + 1)
    for (const s of ['open', 'in_progress', 'resolved', 'closed'])
      expect(states.get(s) ?? 0).toBeGreaterThan(0)
    expect(org.complaints.length).toBe(org.feedback.filter((f) => f.complaint !== null).length)
    // Due by the response time of the customer's tier: a day for loyal (A) buyers, two for regular (B) ones.
    const hoursToDue = (c: (typeof org.complaints)[number]) =>
      (Date.parse(c.dueAt) - Date.parse(c.openedAt)) / 3_600_000
    const byArchetype = (a: string) =>
      org.complaints.filter((c) => org.archetypes[c.customerId] === a).map(hoursToDue)
    expect(new Set(byArchetype('loyal'))).toEqual(new Set([24]))
    expect(new Set(byArchetype('regular'))).toEqual(new Set([48]))
    const nps = org.visits.filter((v) => typeof v.nps === 'number')
    expect(nps.length).toBeGreaterThan(onSite().length / 10)
    expect(new Set(nps.map((v) => (v.nps! >= 9 ? 'p' : v.nps! <= 6 ? 'd' : 'n')))).toEqual(
      new Set(['p', 'n', 'd']),
    )
    const care = org.tasks.filter((t) => t.kind === 'care' && t.careRule === 'holiday')
    expect(care.length).toBeGreaterThan(0)
    expect(
      care.every((t) => t.reason?.zh.includes('节日问候') && t.reason.en.includes('Holiday greeting')),
    ).toBe(true)
    const done = care.filter((t) => t.status === 'done')
    expect(done.length).toBeGreaterThan(care.length / 2)
    expect(done.length).toBeLessThan(care.length)
    // Callbacks after the last weeks' orders of A and B buyers, due before as-of, each naming its rule.
    const callbacks = org.tasks.filter((t) => t.kind === 'care' && t.careRule === 'callback')
    expect(callbacks.length).toBeGreaterThan(0)
    expect(new Set(callbacks.map((t) => org.archetypes[t.customerId!]))).toEqual(
      new Set(['loyal', 'regular']),
    )
    for (const t of callbacks) {
      expect(Date.parse(`${t.due}T00:00:00+08:00`)).toBeLessThan(asOf)
      expect(t.reason?.zh).toContain('回访规则')
    }
    expect(new Set(org.tasks.map((t) => t.id)).size).toBe(org.tasks.length)
  })

  it('has the A tier’s survey answered at recent visits of its customers, as it was asked', () => {
    const surveyed = org.visits.filter((v) => v.survey !== undefined)
    expect(surveyed.length).toBeGreaterThan(20)
    const asked = org.policies[0]!.tiers.A.survey!.questions
    for (const v of surveyed) {
      expect(org.archetypes[v.customerId]).toBe('loyal')
      expect(asOf - Date.parse(v.checkInAt)).toBeLessThanOrEqual(60 * DAY)
      expect(v.survey!.questions).toEqual(asked)
    }
    const answered = (id: string) => surveyed.filter((v) => v.survey!.answers[id] !== undefined).length
    for (const q of asked) expect(answered(q.id)).toBeGreaterThan(0)
  })

  it('sets monthly targets for the organisation, each team and one rep of each team, from their past months', () => {
    const targets = org.policies[0]!.targets!
    expect(Object.keys(targets.byTeam ?? {}).sort()).toEqual(org.teams.map((t) => t.id).sort())
    expect(Object.keys(targets.byRep).sort()).toEqual(['u-rep-1', 'u-rep-5'])
    // Visits a rep made in a month, on average over the three full months before as-of (October 2026 back to August).
    const rep1 = (visits: DemoOrg['visits']) =>
      visits.filter(
        (v) =>
          v.ownerRepId === 'u-rep-1' && v.checkInAt >= '2026-07-31T16:00' && v.checkInAt < '2026-10-31T16:00',
      ).length
    const visits = rep1(onSite())
    expect(targets.byRep['u-rep-1']!.visits).toBeGreaterThanOrEqual((visits / 3) * 1.1)
    expect(targets.byRep['u-rep-1']!.visits).toBeLessThan((visits / 3) * 1.1 + 5)
    // Calls and messages logged likewise.
    const contacts = rep1(org.visits) - visits
    expect(contacts).toBeGreaterThan(0)
    expect(targets.byRep['u-rep-1']!.contacts).toBeGreaterThanOrEqual((contacts / 3) * 1.1)
    expect(targets.byRep['u-rep-1']!.contacts).toBeLessThan((contacts / 3) * 1.1 + 5)
    for (const t of [targets.default!, ...Object.values(targets.byTeam ?? {})]) {
      expect(t.visits).toBeGreaterThanOrEqual(5)
      expect(t.orders).toBeGreaterThanOrEqual(5)
      expect(t.visits % 5).toBe(0)
      expect(t.openComplaints).toBeGreaterThanOrEqual(2)
    }
  })

  it('has two teams of four reps with a supervisor each, an admin, and demo logins for all', () => {
    expect(org.teams).toHaveLength(2)
    const reps = org.users.filter((u) => u.role === 'rep')
    expect(reps).toHaveLength(8)
    expect(org.users.filter((u) => u.role === 'supervisor')).toHaveLength(2)
    expect(org.users.filter((u) => u.role === 'admin').map((u) => u.email)).toEqual(['admin@outrider.demo'])
    for (const team of org.teams) {
      expect(reps.filter((r) => r.teamId === team.id)).toHaveLength(4)
      expect(team.supervisorIds.map((id) => org.users.find((u) => u.id === id)?.teamId)).toEqual([team.id])
    }
    expect(reps.map((r) => r.id)).toEqual([
      'u-rep-1',
      'u-rep-2',
      'u-rep-3',
      'u-rep-4',
      'u-rep-5',
      'u-rep-6',
      'u-rep-7',
      'u-rep-8',
    ])
    expect(org.logins.map((l) => l.email).sort()).toEqual(org.users.map((u) => u.email).sort())
    expect(new Set(org.logins.map((l) => l.password))).toEqual(new Set([DEMO_PASSWORD]))
    for (const rep of reps)
      expect([rep.workStart, rep.workEnd, rep.home !== undefined]).toEqual([510, 1080, true])
  })

  it('gives ids that are unique within each collection', () => {
    for (const rows of [
      org.customers,
      org.contacts,
      org.products,
      org.orders,
      org.visits,
      org.feedback,
      org.tasks,
    ]) {
      expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length)
    }
  })

  it('spreads 2,000 customers evenly over the reps, each in a city of the rep team', () => {
    expect(org.customers).toHaveLength(2_000)
    const teamCities: Record<string, string[]> = {
      'team-east-1': ['上海市', '杭州市', '苏州市'],
      'team-south-1': ['广州市', '深圳市', '东莞市'],
    }
    const perRep = new Map<string, number>()
    const teamOf = new Map(org.users.map((u) => [u.id, u.teamId]))
    const wrong: string[] = []
    for (const c of org.customers) {
      perRep.set(c.ownerRepId ?? '', (perRep.get(c.ownerRepId ?? '') ?? 0) + 1)
      if (teamOf.get(c.ownerRepId ?? '') !== c.teamId) wrong.push(`${c.id} team`)
      if (!teamCities[c.teamId ?? '']?.includes(c.city)) wrong.push(`${c.id} city ${c.city}`)
      if (!c.address.startsWith(`${c.city}${c.district}`)) wrong.push(`${c.id} address`)
    }
    expect(wrong).toEqual([])
    expect([...perRep.values()]).toEqual(new Array(8).fill(250))
  })

  it('places every shop within a few km of a real district of its city', () => {
    const centres = Object.values(cities).flatMap((city) =>
      city.districts.map((d) => ({ city: city.name, ...d.centre })),
    )
    const far = org.customers.filter((c) => {
      if (!c.location) return false
      const { lat, lng } = c.location
      return (
        Math.min(
          ...centres
            .filter((d) => d.city === c.city)
            .map((d) => Math.hypot((d.lat - lat) * 110.6, (d.lng - lng) * 101)),
        ) > 12
      )
    })
    expect(far).toEqual([])
  })

  it('writes Chinese names, addresses and 11-digit mobile numbers, with pinyin search keys', () => {
    expect(org.customers.filter((c) => !/^[\u4e00-\u9fff]+市[\u4e00-\u9fff]+\d+号$/.test(c.address))).toEqual(
      [],
    )
    expect(org.contacts.filter((ct) => !/^1[358]\d{9}$/.test(ct.phone ?? ''))).toEqual([])
    expect(new Set(org.customers.map((c) => c.name)).size).toBe(2_000)
    const zhang = org.customers.find((c) => c.name.startsWith('张记'))
    expect(zhang?.searchKeys[1]?.startsWith('zhangji')).toBe(true)
    expect(zhang?.searchKeys[2]?.startsWith('zj')).toBe(true)
  })

  it('has opening hours that differ between weekdays for most shops, with lunch breaks and closed days', () => {
    const varying = org.customers.filter(
      (c) => new Set(c.openingHours.map((d) => JSON.stringify(d))).size > 1,
    )
    expect(varying.length).toBeGreaterThan(org.customers.length / 2)
    expect(org.customers.some((c) => c.openingHours[0]?.length === 0)).toBe(true)
    expect(org.customers.some((c) => c.openingHours[3]?.length === 2)).toBe(true)
    expect(org.customers.some((c) => (c.openingHours[3]?.[0]?.open ?? 1440) < 360)).toBe(true)
  })
})

describe('generateDemoOrg: activity', () => {
  it('ties orders taken on a visit to that visit, with the same lines, customer and rep', () => {
    const visits = new Map(org.visits.map((v) => [v.id, v]))
    const wrong: string[] = []
    let onVisit = 0
    for (const o of org.orders) {
      if (o.revision !== 1 || o.revisionOf !== o.id || o.authorId !== o.ownerRepId)
        wrong.push(`${o.id} revision/author`)
      if (o.visitId === null) continue
      onVisit++
      const v = visits.get(o.visitId)
      if (
        v?.customerId !== o.customerId ||
        v.outcome !== 'ordered' ||
        JSON.stringify(v.orderLines) !== JSON.stringify(o.lines)
      )
        wrong.push(`${o.id} visit`)
      if (Date.parse(o.orderedAt) < Date.parse(v?.checkInAt ?? '')) wrong.push(`${o.id} before check-in`)
    }
    expect(wrong).toEqual([])
    expect(onVisit).toBeGreaterThan(org.orders.length / 3)
    expect(org.visits.filter((v) => v.outcome === 'ordered')).toHaveLength(onVisit)
  })

  it('has the owner rep visit on weekdays, inside opening and working hours, all before asOf', () => {
    const customers = new Map(org.customers.map((c) => [c.id, c]))
    const wrong: string[] = []
    for (const v of onSite()) {
      const c = customers.get(v.customerId)
      const inMs = Date.parse(v.checkInAt) + CST
      const outMs = Date.parse(v.checkOutAt ?? '') + CST
      const weekday = new Date(inMs).getUTCDay()
      const from = Math.floor((inMs % DAY) / 60_000)
      const to = from + Math.round((outMs - inMs) / 60_000)
      if (v.authorId !== c?.ownerRepId) wrong.push(`${v.id} not by the owner`)
      if (weekday < 1 || weekday > 5) wrong.push(`${v.id} on a weekend`)
      if (from < 510 || to > 18 * 60 + 31 || to <= from) wrong.push(`${v.id} outside working hours`)
      if (!c?.openingHours[weekday]?.some((w) => w.open <= from && to <= w.close + 1))
        wrong.push(`${v.id} while closed`)
      if (outMs - CST >= asOf) wrong.push(`${v.id} after asOf`)
    }
    expect(wrong.slice(0, 5)).toEqual([])
  })

  it('checks in near the shop most of the time, with a few fixes far off', () => {
    const customers = new Map(org.customers.map((c) => [c.id, c]))
    let near = 0
    let far = 0
    for (const v of org.visits) {
      const loc = customers.get(v.customerId)?.location
      if (!v.checkInGps || !loc) continue
      const m = Math.hypot((v.checkInGps.lat - loc.lat) * 110_600, (v.checkInGps.lng - loc.lng) * 101_000)
      if (m < 150) near++
      else if (m > 250) far++
    }
    expect(near / (near + far)).toBeGreaterThan(0.9)
    expect(far).toBeGreaterThan(0)
  })

  it('tells each archetype story', () => {
    const orders = ordersOf()
    const lapsing = idsOf('lapsing')
    expect(lapsing.length).toBeGreaterThan(100)
    expect(
      lapsing.filter(
        (id) => (orders.get(id)?.length ?? 0) < 3 || asOf - (orders.get(id)?.at(-1) ?? 0) <= 90 * DAY,
      ),
    ).toEqual([])
    // Loyal customers order at least monthly, right up to asOf.
    const gapDays = (list: number[]): number =>
      Math.max(asOf - (list.at(-1) ?? 0), ...list.slice(1).map((t, i) => t - (list[i] ?? 0))) / DAY
    expect(idsOf('loyal').filter((id) => gapDays(orders.get(id) ?? []) >= 31)).toEqual([])
    expect(idsOf('new').filter((id) => asOf - (orders.get(id)?.[0] ?? 0) > 61 * DAY)).toEqual([])
    expect(idsOf('prospect').filter((id) => orders.has(id))).toEqual([])
    const statusOf = new Map(org.customers.map((c) => [c.id, c.status]))
    expect(new Set(idsOf('prospect').map((id) => statusOf.get(id)))).toEqual(new Set(['prospect']))
    const spent = new Map<string, number>()
    for (const o of org.orders) spent.set(o.customerId, (spent.get(o.customerId) ?? 0) + orderTotal(o.lines))
    const mean = (ids: string[]): number => ids.reduce((s, id) => s + (spent.get(id) ?? 0), 0) / ids.length
    expect(mean(idsOf('loyal'))).toBeGreaterThan(3 * mean(idsOf('regular')))
    expect(mean(idsOf('regular'))).toBeGreaterThan(3 * mean(idsOf('occasional')))
  })

  it('peaks before Spring Festival and sells more drinks in summer', () => {
    const revenue = (prefix: string, category?: string): number => {
      const inCategory = new Set(
        org.products.filter((p) => category === undefined || p.category === category).map((p) => p.id),
      )
      let sum = 0
      for (const o of org.orders)
        if (o.orderedAt.startsWith(prefix))
          for (const l of o.lines) if (inCategory.has(l.productId)) sum += l.quantity * l.unitPrice
      return sum
    }
    expect(revenue('2026-01')).toBeGreaterThan(1.2 * revenue('2026-04'))
    expect(revenue('2026-07', '饮料')).toBeGreaterThan(1.3 * revenue('2026-04', '饮料'))
  })

  it('buys soy sauce with rice vinegar and beer with peanuts far more often than chance', () => {
    const lift = (a: string, b: string): number => {
      let withA = 0
      let both = 0
      let withB = 0
      for (const o of org.orders) {
        const hasA = o.lines.some((l) => l.productId === a)
        const hasB = o.lines.some((l) => l.productId === b)
        if (hasA) withA++
        if (hasB) withB++
        if (hasA && hasB) both++
      }
      return both / withA / (withB / org.orders.length)
    }
    expect(lift('p-co-001', 'p-co-003')).toBeGreaterThan(1.5)
    expect(lift('p-al-001', 'p-sn-003')).toBeGreaterThan(1.5)
  })

  it('has complaints open and resolved, and tasks done, open and overdue', () => {
    const complaints = org.feedback.filter((f) => f.complaint !== null)
    expect(complaints.length).toBeGreaterThan(50)
    const resolved = complaints.filter((f) => f.complaint?.status === 'resolved')
    expect(resolved.length).toBeGreaterThan(complaints.length / 2)
    for (const f of resolved)
      expect(Date.parse(f.complaint?.resolvedAt ?? '')).toBeGreaterThan(Date.parse(f.at))
    expect(complaints.some((f) => f.complaint?.status === 'open')).toBe(true)
    const visits = new Map(org.visits.map((v) => [v.id, v]))
    for (const f of complaints) expect(visits.get(f.visitId ?? '')?.complaint).toBe(f.comment)
    const today = new Date(asOf + CST).toISOString().slice(0, 10)
    expect(org.tasks.some((t) => t.status === 'open' && t.due < today)).toBe(true)
    expect(org.tasks.some((t) => t.status === 'open' && t.due >= today)).toBe(true)
    expect(org.tasks.filter((t) => t.status === 'done').every((t) => t.doneAt !== null)).toBe(true)
    for (const t of org.tasks.filter((x) => x.kind === 'follow_up'))
      expect(visits.get(t.sourceVisitId ?? '')?.followUp?.title).toBe(t.title)
  })
})

describe('generateDemoOrg: determinism and options', () => {
  it('gives byte-identical JSON for the same seed and different data for another seed', () => {
    const a = JSON.stringify(generateDemoOrg(7, { customers: 120 }))
    expect(JSON.stringify(generateDemoOrg(7, { customers: 120 }))).toBe(a)
    expect(JSON.stringify(generateDemoOrg(8, { customers: 120 }))).not.toBe(a)
  })

  it('ends the history at asOf and honours the number of customers and months', () => {
    const asOfDate = new Date('2027-03-15T04:00:00Z')
    const small = generateDemoOrg(3, { customers: 40, months: 6, asOf: asOfDate })
    expect(small.customers).toHaveLength(40)
    const times = small.orders.map((o) => Date.parse(o.orderedAt))
    expect(Math.max(...times)).toBeLessThan(asOfDate.getTime())
    expect(Math.min(...times)).toBeGreaterThan(asOfDate.getTime() - 186 * DAY)
  })

  it('rejects impossible options with a RangeError', () => {
    expect(() => generateDemoOrg(1, { customers: -1 })).toThrow(RangeError)
    expect(() => generateDemoOrg(1, { months: 0 })).toThrow(RangeError)
    expect(() => generateDemoOrg(1, { asOf: new Date('nope') })).toThrow(RangeError)
  })
})

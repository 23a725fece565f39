import { describe, expect, it } from 'vitest'
import { resolveConflict } from '../merge/resolve-conflict.ts'
import { taskSchema } from '../model/task.ts'
import { complaintStep } from './complaint-flow.ts'
import { type CareInput, generateCareTasks } from './generate-care-tasks.ts'
import { carePolicy, sampleComplaint } from './service.test-helpers.ts'

const base = (over: Partial<CareInput> = {}): CareInput => ({
  policy: carePolicy(),
  customers: [{ id: 'cust-1', ownerRepId: 'rep-1', name: '华联超市', tier: 'A' }],
  contacts: [],
  visits: [],
  orders: [],
  today: '2026-03-10',
  ...over,
})
const rules = (input: CareInput) => generateCareTasks(input).map((t) => `${t.careRule} ${t.due}`)

describe('generateCareTasks', () => {
  it('greets contacts on their birthdays with their preferred channel, naming the rule', () => {
    const tasks = generateCareTasks(
      base({
        contacts: [
          { customerId: 'cust-1', name: '王经理', birthday: '1980-03-12', preferredChannel: 'wechat' },
          { customerId: 'cust-1', name: '李会计', birthday: '1990-07-01' },
        ],
      }),
    ).filter((t) => t.careRule === 'birthday')
    expect(tasks).toHaveLength(1)
    expect(tasks[0]).toMatchObject({
      due: '2026-03-12',
      channel: 'wechat',
      assigneeId: 'rep-1',
      kind: 'care',
    })
    expect(tasks[0]?.reason?.zh).toContain('王经理')
    expect(tasks[0]?.reason?.en).toContain('tier A care rule')
    expect(taskSchema.safeParse(tasks[0]).success).toBe(true)
  })

  it('greets on the Chinese public holidays by default, and on the organisation’s own list when set', () => {
    expect(rules(base({ today: '2026-02-12' }))).toContain('holiday 2026-02-17')
    const own = base({
      today: '2026-02-12',
      policy: carePolicy({ holidays: [{ date: '2026-02-14', name: '情人节' }] }),
    })
    const holidays = generateCareTasks(own).filter((t) => t.careRule === 'holiday')
    expect(holidays.map((t) => t.due)).toEqual(['2026-02-14'])
    expect(holidays[0]?.reason?.zh).toContain('情人节')
  })

  it('calls back N days after the latest visit or order, unless contacted since', () => {
    const order = {
      customerId: 'cust-1',
      orderedAt: '2026-03-08T10:00:00+08:00',
      status: 'placed',
      revisionOf: 'o1',
      revision: 1,
    }
    const visit = {
      customerId: 'cust-1',
      checkInAt: '2026-03-05T10:00:00+08:00',
      revisionOf: 'v1',
      revision: 1,
    }
    expect(rules(base({ orders: [order], visits: [visit] }))).toContain('callback 2026-03-11')
    const later = { ...visit, checkInAt: '2026-03-09T10:00:00+08:00', revisionOf: 'v2' }
    const tasks = rules(base({ orders: [order], visits: [visit, later] }))
    expect(tasks).toContain('callback 2026-03-12')
    expect(tasks).not.toContain('callback 2026-03-11')
    expect(rules(base({ orders: [{ ...order, status: 'cancelled' }], visits: [visit] }))).toContain(
      'callback 2026-03-08',
    )
  })

  it('makes a win-back contact for at-risk and churned customers only', () => {
    const customer = { id: 'cust-1', ownerRepId: 'rep-1', name: '华联超市', tier: 'A' as const }
    const tasks = (stage: string) =>
      generateCareTasks(
        base({ customers: [{ ...customer, lifecycleStage: stage }], lookbackDays: 31, horizonDays: 31 }),
      )
    expect(tasks('active').filter((t) => t.careRule === 'win_back')).toHaveLength(0)
    const winBack = tasks('at_risk').filter((t) => t.careRule === 'win_back')
    expect(winBack).toHaveLength(1)
    expect(winBack[0]?.due.slice(0, 7)).toBe('2026-03')
    expect(tasks('churned').filter((t) => t.careRule === 'win_back')).toHaveLength(1)
  })

  it('asks for the next monthly contact until the month’s count is met, logged contacts included', () => {
    const policy = carePolicy()
    policy.tiers.A.contactsPerMonth = 2
    const contact = (day: string, id: string) => ({
      customerId: 'cust-1',
      checkInAt: `${day}T10:00:00+08:00`,
      revisionOf: id,
      revision: 1,
    })
    expect(rules(base({ policy }))).toContain('monthly_contact 2026-03-01')
    expect(rules(base({ policy, visits: [contact('2026-03-02', 'c1')] }))).toContain(
      'monthly_contact 2026-03-16',
    )
    const met = rules(base({ policy, visits: [contact('2026-03-02', 'c1'), contact('2026-03-09', 'c2')] }))
    expect(met.filter((r) => r.startsWith('monthly_contact'))).toEqual([])
  })

  it('follows up a resolved complaint until the customer’s satisfaction is recorded', () => {
    let complaint = sampleComplaint()
    complaint = {
      ...complaint,
      ...complaintStep(complaint, {
        action: 'resolve',
        by: 'rep-1',
        at: '2026-03-09T08:00:00.000Z',
        note: '补发',
        stepId: 's2',
      }),
    }
    expect(rules(base({ complaints: [complaint] }))).toContain('complaint_follow_up 2026-03-10')
    expect(rules(base({ complaints: [{ ...complaint, satisfaction: 4 }] }))).not.toContain(
      'complaint_follow_up 2026-03-10',
    )
  })

  it('makes only tasks in the window, none for unowned customers or actions the tier lacks', () => {
    const far = base({ contacts: [{ customerId: 'cust-1', name: '王经理', birthday: '1980-06-01' }] })
    expect(rules(far).filter((r) => r.startsWith('birthday'))).toEqual([])
    expect(
      generateCareTasks(base({ customers: [{ id: 'x', ownerRepId: null, name: 'x', tier: 'A' }] })),
    ).toEqual([])
    const c = base({
      customers: [{ id: 'cust-3', ownerRepId: 'rep-1', name: '小店', tier: 'C', birthday: '1970-03-11' }],
    })
    expect(rules(c).filter((r) => r.startsWith('birthday'))).toEqual([])
  })

  it('adds a segment’s care actions to its tier’s', () => {
    const policy = carePolicy()
    policy.tiers.C.careActions = []
    policy.segmentOverrides.at_risk = { visitEveryDays: 7, careActions: ['win_back_offer'] }
    const customer = {
      id: 'c',
      ownerRepId: 'rep-1',
      name: 'c',
      tier: 'C' as const,
      lifecycleStage: 'at_risk',
    }
    const input = base({
      policy,
      customers: [{ ...customer, segment: 'at_risk' }],
      lookbackDays: 31,
      horizonDays: 31,
    })
    expect(rules(input).some((r) => r.startsWith('win_back'))).toBe(true)
    expect(rules({ ...input, customers: [customer] }).some((r) => r.startsWith('win_back'))).toBe(false)
  })
})

describe('deterministic care tasks', () => {
  const input = base({
    customers: [
      {
        id: 'cust-1',
        ownerRepId: 'rep-1',
        name: '华联超市',
        tier: 'A',
        lifecycleStage: 'at_risk',
        birthday: '1975-03-15',
      },
      { id: `long-${'x'.repeat(55)}`, ownerRepId: 'rep-1', name: '长', tier: 'A', birthday: '1975-03-15' },
    ],
    contacts: [{ customerId: 'cust-1', name: '王经理', birthday: '1980-03-15' }],
  })

  it('gives the same ids on two runs and two devices, and one task per (customer, rule, due day)', () => {
    const a = generateCareTasks(input)
    const b = generateCareTasks({
      ...input,
      customers: [...input.customers].reverse(),
      contacts: [...input.contacts],
    })
    expect(a.length).toBeGreaterThan(3)
    expect(b).toEqual(a)
    expect(new Set(a.map((t) => t.id)).size).toBe(a.length)
    // Customer and contact share a birthday: one greeting task, not two.
    expect(a.filter((t) => t.customerId === 'cust-1' && t.careRule === 'birthday')).toHaveLength(1)
    for (const t of a) expect(taskSchema.safeParse(t).success, t.id).toBe(true)
  })

  it('merges two generated copies into one, and a real edit beats a copy generated later elsewhere', () => {
    const [task] = generateCareTasks(input)
    if (task === undefined) throw new Error('no task')
    const again = generateCareTasks(input).find((t) => t.id === task.id)
    if (again === undefined) throw new Error('not generated again')
    expect(
      resolveConflict('mergeable', { collection: 'tasks', ancestor: null, local: again, remote: task })
        .outcome,
    ).toBe('identical')
    const done = {
      ...task,
      status: 'done' as const,
      doneAt: '2026-03-10T09:00:00.000Z',
      clocks: { ...task.clocks, status: '1773133200000-0000-dev-a', doneAt: '1773133200000-0000-dev-a' },
    }
    const { merged, conflicts } = resolveConflict('mergeable', {
      collection: 'tasks',
      ancestor: null,
      local: again,
      remote: done,
    })
    expect(merged.status).toBe('done')
    expect(conflicts).toEqual([])
  })
})

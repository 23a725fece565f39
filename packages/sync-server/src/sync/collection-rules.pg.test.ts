import { publicUserSchema } from '@outrider/domain'
import { describe, expect, it } from 'vitest'
import { stores } from '../testing/index.ts'
import { tinyOrgApp } from '../testing/tiny-org-app.ts'

/**
 * The rules the collection table states for owners and projections, as devices see them. Each pins
 * a point where copies of the rules once disagreed: whose a contact is, whether a plan can change
 * hands, what a device learns about its teammates.
 */
const T0 = '2026-01-01T00:00:00.000Z'
const stamp = (device: string) => `1767225600000-0001-${device}`

const contactDoc = (id: string, customerId: string, extra: Record<string, unknown> = {}) => ({
  id,
  createdAt: T0,
  updatedAt: T0,
  clocks: { name: stamp('d1'), primary: stamp('d1') },
  customerId,
  name: '王经理',
  primary: true,
  ...extra,
})

const planDoc = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  createdAt: T0,
  updatedAt: T0,
  clocks: { stops: stamp('sup') },
  date: '2026-01-05',
  stops: [],
  startedAt: null,
  finishedAt: null,
  ...extra,
})

describe.each(stores)('collection rules on $name', ({ fresh }) => {
  const env = tinyOrgApp(fresh, { perRep: 2 })
  const { device } = env

  it('a contact carries its customer’s owner, whatever the device claims', async () => {
    const a1 = await device('a1')
    const pushed = await a1.push('contacts', [
      {
        newDocumentState: contactDoc('ct-owner-1', 'c-a1-1', { ownerRepId: 'b1' }),
        assumedMasterState: null,
      },
    ])
    expect(pushed).toMatchObject({ type: 'pushResult', applied: 1 })
    const contacts = await a1.sync('contacts')
    expect(contacts.get('ct-owner-1')).toMatchObject({ ownerRepId: 'a1', customerId: 'c-a1-1' })
    a1.close()
  })

  it('a supervisor plans a rep’s day, and no later edit hands the plan to another rep', async () => {
    const sa = await device('sa')
    const plan = planDoc('plan-sup-1', { repId: 'a1' })
    expect(await sa.push('dayPlans', [{ newDocumentState: plan, assumedMasterState: null }])).toMatchObject({
      type: 'pushResult',
      applied: 1,
    })
    const a1 = await device('a1')
    const stored = (await a1.sync('dayPlans')).get('plan-sup-1')
    expect(stored).toMatchObject({ repId: 'a1' })
    const moved = { ...stored, repId: 'a2', clocks: { stops: stamp('sup'), repId: '1767225700000-0000-sup' } }
    const res = await sa.push('dayPlans', [{ newDocumentState: moved, assumedMasterState: stored ?? null }])
    // The rep is the server's to keep: the push is taken, the plan stays with its rep.
    expect(res).toMatchObject({ type: 'pushResult' })
    const { rows } = await env.tdb.db.pool.query(
      "SELECT owner_rep_id, doc->>'repId' AS rep FROM day_plans WHERE id = 'plan-sup-1'",
    )
    expect(rows).toEqual([{ owner_rep_id: 'a1', rep: 'a1' }])
    const a2 = await device('a2')
    expect((await a2.sync('dayPlans')).has('plan-sup-1')).toBe(false)
    expect((await a1.sync('dayPlans')).get('plan-sup-1')).toMatchObject({ repId: 'a1' })
    a1.close()
    a2.close()
    sa.close()
  })

  it('a supervisor’s new plan must name its rep', async () => {
    const sa = await device('sa')
    const res = await sa.push('dayPlans', [
      { newDocumentState: planDoc('plan-sup-2'), assumedMasterState: null },
    ])
    expect(res).toMatchObject({
      type: 'error',
      code: 'E_VALIDATION',
      details: [{ docId: 'plan-sup-2', field: 'repId' }],
    })
    const { rows } = await env.tdb.db.pool.query("SELECT id FROM day_plans WHERE id = 'plan-sup-2'")
    expect(rows).toEqual([])
    sa.close()
  })

  it('teammates see each other’s public profile and nothing else kept on the user', async () => {
    await env.tdb.db.pool.query(
      `UPDATE users SET doc = doc || '{"phone": "13900000000", "resetToken": "secret-token"}'::jsonb WHERE id = 'a2'`,
    )
    const a1 = await device('a1')
    const users = await a1.sync('users')
    expect([...users.keys()].sort()).toEqual(['a1', 'a2', 'sa'])
    const allowed = new Set([...Object.keys(publicUserSchema.shape), '_deleted'])
    for (const user of users.values()) expect(Object.keys(user).filter((k) => !allowed.has(k))).toEqual([])
    expect(users.get('a2')).toMatchObject({ phone: '13900000000', role: 'rep', teamId: 'team-a' })
    expect(publicUserSchema.safeParse(users.get('sa')).success).toBe(true)
    a1.close()
  })
})

import { hashPassword } from '../src/auth/passwords.ts'
import type { Database } from '../src/db/database.ts'
import { bulkInsert, tables } from '../src/sync/tables.ts'
import { appendDoc, contactDoc, customerDoc, dayPlanDoc, taskDoc } from './soak-docs.ts'

export const SOAK_PASSWORD = 'soak-password-1'
const T0 = '2026-01-01T00:00:00.000Z'
const seedStamp = '1767225600000-0000-seed'

export type SoakUser = { id: string; role: 'rep' | 'supervisor'; teamId: string }
type Doc = Record<string, unknown> & { id: string }

/**
 * Two teams with `reps` reps (alternating) and one supervisor each; every rep owns `perRep` customers,
 * each with a contact, an open task and a visit, and one day plan.
 */
export async function seedSoakOrg(db: Database, opts: { reps: number; perRep: number }): Promise<SoakUser[]> {
  const hash = await hashPassword(SOAK_PASSWORD, { N: 2 ** 12 })
  const teamIds = ['team-a', 'team-b']
  const users: SoakUser[] = teamIds.map((t) => ({ id: `sup-${t.slice(-1)}`, role: 'supervisor', teamId: t }))
  for (let i = 1; i <= opts.reps; i++)
    users.push({ id: `r${String(i).padStart(2, '0')}`, role: 'rep', teamId: teamIds[(i - 1) % 2]! })
  const docs: Record<string, Doc[]> = {
    customers: [],
    contacts: [],
    tasks: [],
    dayPlans: [],
    visits: [],
  }
  const owner = new Map<string, { owner_rep_id: string; team_id: string }>()
  for (const u of users) {
    if (u.role !== 'rep') continue
    const clocks = { name: seedStamp, phone: seedStamp }
    for (let i = 1; i <= opts.perRep; i++) {
      const cid = `c-${u.id}-${i}`
      docs.customers!.push(customerDoc(cid, u.id, u.teamId) as Doc)
      docs.contacts!.push(contactDoc(`ct-${cid}`, cid, T0, clocks))
      docs.tasks!.push(taskDoc(`t-${cid}`, cid, u.id, T0, { title: seedStamp }))
      docs.visits!.push({ ...appendDoc('visits', `v-${cid}`, cid, T0, '首次拜访'), authorId: u.id })
      for (const id of [cid, `ct-${cid}`, `t-${cid}`, `v-${cid}`])
        owner.set(id, { owner_rep_id: u.id, team_id: u.teamId })
    }
    const planId = `dp-${u.id}-2026-01-05`
    docs.dayPlans!.push(dayPlanDoc(planId, u.id, '2026-01-05'))
    owner.set(planId, { owner_rep_id: u.id, team_id: u.teamId })
  }
  const scope = (d: Record<string, unknown>): Partial<{ owner_rep_id: string; team_id: string }> =>
    owner.get(String(d.id)) ?? {}
  await db.tx(async (client) => {
    const teams = teamIds.map((id) => ({
      id,
      createdAt: T0,
      updatedAt: T0,
      name: id,
      region: '华东',
      supervisorIds: [`sup-${id.slice(-1)}`],
    }))
    await bulkInsert(client, tables.teams, teams)
    for (const u of users) {
      const doc = {
        id: u.id,
        email: `${u.id}@soak.local`,
        displayName: u.id.toUpperCase(),
        role: u.role,
        teamId: u.teamId,
        disabled: false,
        createdAt: T0,
        updatedAt: T0,
      }
      await client.query(
        'INSERT INTO users (id, email, password_hash, role, team_id, doc) VALUES ($1, $2, $3, $4, $5, $6)',
        [u.id, doc.email, hash, u.role, u.teamId, doc],
      )
    }
    for (const [collection, list] of Object.entries(docs)) {
      const def = tables[collection as keyof typeof tables]
      const withOwner = list.map((d) => ({
        ...d,
        ...(collection === 'visits' || collection === 'contacts'
          ? { ownerRepId: scope(d).owner_rep_id }
          : {}),
      }))
      await bulkInsert(client, def, withOwner, scope)
    }
  })
  return users
}

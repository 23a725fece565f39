import { describe, expect, it } from 'vitest'
import { stores, visitDoc } from '../testing/index.ts'
import { tinyOrgApp } from '../testing/tiny-org-app.ts'
import { tableDigests, writableDocs } from './security-fixtures.ts'

type Doc = Record<string, unknown> & { id: string }
type Reply = { type: string; code?: string; applied?: number }
const codeOf = (r: Reply) => (r.type === 'error' ? r.code : `applied ${r.applied}`)

describe.each(stores)(
  'owners a device names are checked against the writer’s scope on $name',
  ({ fresh }) => {
    const env = tinyOrgApp(fresh, { perRep: 2 })
    const push = async (user: string, collection: string, doc: Doc, ancestor: Doc | null = null) => {
      const d = await env.device(user)
      const res = (await d.push(collection, [
        { newDocumentState: doc, assumedMasterState: ancestor },
      ])) as Reply
      d.close()
      return codeOf(res)
    }
    const stored = async (table: string, id: string) =>
      (
        await env.tdb.db.pool.query<{ owner_rep_id: string | null; team_id: string | null }>(
          `SELECT owner_rep_id, team_id FROM ${table} WHERE id = $1`,
          [id],
        )
      ).rows[0] ?? null

    it('a supervisor cannot assign a task or a day plan to another team’s rep, nor task another team’s customer', async () => {
      const before = await tableDigests(env.tdb.db.pool, ['refresh_tokens'])
      const docs = writableDocs('c-a1-1', 'sa-to-b1', 'b1')
      const task = docs.tasks!
      expect(await push('sa', 'tasks', task)).toBe('E_FORBIDDEN')
      expect(await push('sa', 'tasks', { ...task, id: 't-free', customerId: null })).toBe('E_FORBIDDEN')
      expect(await push('sa', 'dayPlans', docs.dayPlans!)).toBe('E_FORBIDDEN')
      expect(await push('sa', 'tasks', { ...task, id: 't-on-b', customerId: 'c-b1-1' })).toBe('E_FORBIDDEN')
      expect(await push('sa', 'tasks', { ...task, id: 't-nobody', assigneeId: 'ghost' })).toBe('E_FORBIDDEN')
      expect(await tableDigests(env.tdb.db.pool, ['refresh_tokens'])).toEqual(before)
    })

    it('a supervisor assigns within the team, and cannot move the task out of it afterwards', async () => {
      const task = writableDocs('c-a1-1', 'sa-to-a2', 'a2').tasks!
      expect(await push('sa', 'tasks', task)).toBe('applied 1')
      expect(await stored('tasks', task.id)).toEqual({ owner_rep_id: 'a2', team_id: 'team-a' })
      const before = await tableDigests(env.tdb.db.pool, ['refresh_tokens'])
      expect(await push('sa', 'tasks', { ...task, assigneeId: 'b1', title: '改派' }, task)).toBe(
        'E_FORBIDDEN',
      )
      expect(await tableDigests(env.tdb.db.pool, ['refresh_tokens'])).toEqual(before)
    })

    it('an admin’s day plan for a rep is filed under that rep’s team, so their supervisor sees it', async () => {
      const plan = writableDocs('c-b1-1', 'admin-to-b1', 'b1').dayPlans!
      expect(await push('admin', 'dayPlans', plan)).toBe('applied 1')
      expect(await stored('day_plans', plan.id)).toEqual({ owner_rep_id: 'b1', team_id: 'team-b' })
    })

    it('a revision must belong to its original’s author and customer: no hiding another rep’s visit', async () => {
      const before = await tableDigests(env.tdb.db.pool, ['refresh_tokens'])
      const hide = (revisionOf: string, customerId = 'c-a1-1') =>
        visitDoc(`v-hide-${revisionOf}-${customerId}`, customerId, {
          revisionOf,
          revision: 99,
          reason: '更正',
        }) as Doc
      expect(await push('a1', 'visits', hide('v-c-b1-1'))).toBe('E_FORBIDDEN')
      expect(await push('a1', 'visits', hide('v-c-a2-1'))).toBe('E_FORBIDDEN')
      expect(await push('a1', 'visits', hide('v-does-not-exist'))).toBe('E_FORBIDDEN')
      // Their own visit, but moved to another of their customers by a "revision".
      expect(await push('a1', 'visits', hide('v-c-a1-1', 'c-a1-2'))).toBe('E_FORBIDDEN')
      // A supervisor may correct their own team's visits (corrections.pg.test.ts), not another team's.
      expect(await push('sb', 'visits', hide('v-c-a2-1', 'c-a2-1'))).toBe('E_FORBIDDEN')
      const order = writableDocs('c-a1-1', 'hide-order', 'a1').orders!
      expect(
        await push('a1', 'orders', { ...order, revisionOf: 'o-missing', revision: 5, reason: '更正' }),
      ).toBe('E_FORBIDDEN')
      expect(await tableDigests(env.tdb.db.pool, ['refresh_tokens'])).toEqual(before)
    })

    it('a rep’s correction of their own visit is stored, also with its original in the same batch', async () => {
      const fix = visitDoc('v-fix-1', 'c-a1-1', {
        revisionOf: 'v-c-a1-1',
        revision: 2,
        notes: '更正',
        reason: '漏记',
      }) as Doc
      expect(await push('a1', 'visits', fix)).toBe('applied 1')
      const d = await env.device('a1')
      const original = visitDoc('v-new-1', 'c-a1-2') as Doc
      const next = visitDoc('v-new-1b', 'c-a1-2', {
        revisionOf: 'v-new-1',
        revision: 2,
        reason: '补记',
      }) as Doc
      const res = (await d.push('visits', [
        { newDocumentState: original, assumedMasterState: null },
        { newDocumentState: next, assumedMasterState: null },
      ])) as Reply
      d.close()
      expect(codeOf(res)).toBe('applied 2')
    })
  },
)

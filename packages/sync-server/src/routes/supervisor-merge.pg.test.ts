import { recordedComplaint } from '@outrider/domain/testing'
import { describe, expect, it } from 'vitest'
import { bulkInsert, tables } from '../sync/tables.ts'
import { stores, visitDoc } from '../testing/index.ts'
import { supervisorApi, T0 } from './supervisor-fixtures.ts'

describe.each(stores)('supervisor API on $name', ({ fresh }) => {
  const { env, device, api, query } = supervisorApi(fresh)

  describe('customer merge', () => {
    it('keeps every order, visit, task, contact and complaint of both customers under the survivor', async () => {
      await env.tdb.db.tx(async (client) => {
        await bulkInsert(
          client,
          tables.visits,
          [visitDoc('v-dup-2', 'c-a2-3', { authorId: 'a2', ownerRepId: 'a2' })],
          () => ({ owner_rep_id: 'a2', team_id: 'team-a' }),
        )
        await bulkInsert(
          client,
          tables.contacts,
          [
            {
              id: 'ct-dup',
              createdAt: T0,
              updatedAt: T0,
              clocks: {},
              customerId: 'c-a2-3',
              name: '李经理',
              phone: '13700001234',
              primary: true,
            },
          ],
          () => ({ owner_rep_id: 'a2', team_id: 'team-a' }),
        )
        await bulkInsert(
          client,
          tables.tasks,
          [
            {
              id: 't-dup',
              createdAt: T0,
              updatedAt: T0,
              clocks: {},
              customerId: 'c-a2-3',
              assigneeId: 'a2',
              kind: 'callback',
              title: '回访',
              due: '2026-02-01',
              status: 'open',
              doneAt: null,
              sourceVisitId: null,
            },
          ],
          () => ({ team_id: 'team-a' }),
        )
        await bulkInsert(
          client,
          tables.complaints,
          [
            recordedComplaint('cmp-dup', 'c-a2-3', 'a2', Date.parse(T0), {
              category: 'price',
              severity: 'low',
              description: '价格偏高',
            }),
          ],
          () => ({ owner_rep_id: 'a2', team_id: 'team-a' }),
        )
      })
      expect(
        (await api('sb', 'POST', '/api/customers/merge', { survivorId: 'c-a1-3', duplicateId: 'c-a2-3' }))
          .status,
      ).toBe(403)
      expect(
        (await api('a1', 'POST', '/api/customers/merge', { survivorId: 'c-a1-3', duplicateId: 'c-a2-3' }))
          .status,
      ).toBe(403)
      expect(
        (await api('sa', 'POST', '/api/customers/merge', { survivorId: 'c-a1-3', duplicateId: 'nope' }))
          .status,
      ).toBe(404)
      const a1 = await device('a1', 'a1-merge')
      await a1.sync('visits')
      const res = await api('sa', 'POST', '/api/customers/merge', {
        survivorId: 'c-a1-3',
        duplicateId: 'c-a2-3',
      })
      expect(res.status).toBe(200)
      expect(res.json.moved).toMatchObject({ visits: 2, complaints: 1 })
      const [complaint] = await query(
        "SELECT customer_id, owner_rep_id, doc->>'customerId' AS doc_customer FROM complaints WHERE id = 'cmp-dup'",
      )
      expect(complaint).toEqual({ customer_id: 'c-a1-3', owner_rep_id: 'a1', doc_customer: 'c-a1-3' })
      const [dup] = await query(
        "SELECT deleted, doc->>'mergedInto' AS merged_into FROM customers WHERE id = 'c-a2-3'",
      )
      expect(dup).toEqual({ deleted: true, merged_into: 'c-a1-3' })
      // Old revisions stay; new revisions of both visits point at the survivor and reach its owner.
      const visits = await query(
        "SELECT revision_of, revision, customer_id FROM visits WHERE revision_of IN ('v-c-a2-3', 'v-dup-2') ORDER BY revision_of, revision",
      )
      expect(visits.map((v) => `${v.revision_of}#${v.revision}@${v.customer_id}`)).toEqual([
        'v-c-a2-3#1@c-a2-3',
        'v-c-a2-3#2@c-a1-3',
        'v-dup-2#1@c-a2-3',
        'v-dup-2#2@c-a1-3',
      ])
      const pulled = [...(await a1.sync('visits')).values()].filter((v) => v.customerId === 'c-a1-3')
      expect(pulled.map((v) => v.revisionOf).sort()).toEqual(['v-c-a1-3', 'v-c-a2-3', 'v-dup-2'])
      expect(await query("SELECT customer_id, owner_rep_id FROM contacts WHERE id = 'ct-dup'")).toEqual([
        { customer_id: 'c-a1-3', owner_rep_id: 'a1' },
      ])
      expect(await query("SELECT customer_id FROM tasks WHERE id = 't-dup'")).toEqual([
        { customer_id: 'c-a1-3' },
      ])
      a1.close()
    })
  })
})

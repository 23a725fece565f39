import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  login,
  PASSWORD,
  seedTinyOrg,
  startTestApp,
  stores,
  type TestDb,
  TestDevice,
} from '../testing/index.ts'
import { tableDigests, writableCollections, writableDocs } from './security-fixtures.ts'

type Doc = Record<string, unknown> & { id: string }
const readable = [...writableCollections, 'conflicts', 'users', 'teams'] as const

describe.each(stores)(
  'authorization: nobody reads or writes another rep’s or team’s records on $name',
  ({ fresh }) => {
    let tdb: TestDb
    let app: FastifyInstance
    let wsUrl: string
    const tokens = new Map<string, string>()
    const device = (user: string) => TestDevice.connect(wsUrl, tokens.get(user)!, { deviceId: `sec-${user}` })
    /** b1's records of every collection, pushed by b1 itself. */
    let b1Docs: Record<string, Doc>

    beforeAll(async () => {
      tdb = await fresh()
      await seedTinyOrg(tdb.db, { perRep: 3 })
      let baseUrl: string
      ;({ app, baseUrl, wsUrl } = await startTestApp(tdb))
      for (const u of ['a1', 'b1', 'sa', 'sb'])
        tokens.set(u, (await login(baseUrl, `${u}@test.local`, PASSWORD)).accessToken)
      const b1 = await device('b1')
      b1Docs = writableDocs('c-b1-1', 'b1-own', 'b1')
      for (const c of writableCollections) {
        const res = await b1.push(c, [{ newDocumentState: b1Docs[c]!, assumedMasterState: null }])
        expect(res.type).toBe('pushResult')
      }
      b1.close()
    })
    afterAll(async () => {
      await app?.close()
      await tdb?.drop()
    })

    it('a rep pulls nothing of another rep’s, in any collection', async () => {
      const a1 = await device('a1')
      for (const c of readable) {
        const docs = [...(await a1.sync(c, 500)).values()]
        const leaked = docs.filter(
          (d) =>
            [d.ownerRepId, d.assigneeId, d.repId, d.authorId].includes('b1') || String(d.id).includes('b1'),
        )
        expect({ c, leaked }).toEqual({ c, leaked: [] })
      }
      a1.close()
    })

    it('a supervisor pulls nothing of another team’s, in any collection', async () => {
      const sa = await device('sa')
      for (const c of readable) {
        const docs = [...(await sa.sync(c, 500)).values()]
        const leaked = docs.filter(
          (d) => d.teamId === 'team-b' || String(d.id).includes('b1') || d.id === 'sb',
        )
        expect({ c, leaked }).toEqual({ c, leaked: [] })
      }
      // Their own team is there: the filter above is not vacuous.
      expect(sa.local.get('customers')!.size).toBe(6)
      sa.close()
    })

    it('a rep cannot change another rep’s records or add to their customers, in any collection', async () => {
      const before = await tableDigests(tdb.db.pool)
      const a1 = await device('a1')
      for (const c of writableCollections) {
        const edited = { ...b1Docs[c]!, notes: '越权修改', comment: '越权修改', name: '越权修改' }
        const overwrite = await a1.push(c, [{ newDocumentState: edited, assumedMasterState: b1Docs[c]! }])
        expect({ c, code: overwrite.type === 'error' && overwrite.code }).toEqual({ c, code: 'E_FORBIDDEN' })
        // New customers and day plans are always the pushing rep's own (checked in the forged-fields test).
        if (c === 'customers' || c === 'dayPlans') continue
        const child = writableDocs('c-b1-2', 'a1-into-b1', 'b1')[c]!
        const added = await a1.push(c, [{ newDocumentState: child, assumedMasterState: null }])
        expect({ c, code: added.type === 'error' && added.code }).toEqual({ c, code: 'E_FORBIDDEN' })
      }
      a1.close()
      expect(await tableDigests(tdb.db.pool)).toEqual(before)
    })

    it('a supervisor cannot change another team’s records', async () => {
      const before = await tableDigests(tdb.db.pool)
      const sa = await device('sa')
      for (const c of writableCollections) {
        const res = await sa.push(c, [
          { newDocumentState: { ...b1Docs[c]!, notes: '越权' }, assumedMasterState: null },
        ])
        expect({ c, code: res.type === 'error' && res.code }).toEqual({ c, code: 'E_FORBIDDEN' })
      }
      sa.close()
      expect(await tableDigests(tdb.db.pool)).toEqual(before)
    })

    it('nobody pushes reference data or the conflict log', async () => {
      const before = await tableDigests(tdb.db.pool)
      const sa = await device('sa')
      for (const c of ['products', 'policies', 'tagRules', 'teams', 'users', 'conflicts']) {
        const res = await sa.push(c, [
          { newDocumentState: { id: 'x-1', name: '注入' }, assumedMasterState: null },
        ])
        expect({ c, code: res.type === 'error' && res.code }).toEqual({ c, code: 'E_READ_ONLY' })
      }
      sa.close()
      expect(await tableDigests(tdb.db.pool)).toEqual(before)
    })

    it('server-owned fields a device sends are ignored: owner, team, author, receivedAt, review, serverUpdatedAt', async () => {
      const a1 = await device('a1')
      const forged = {
        ownerRepId: 'b1',
        teamId: 'team-b',
        authorId: 'sa',
        receivedAt: '2020-01-01T00:00:00.000Z',
        review: { status: 'approved', by: 'sa', at: '2020-01-01T00:00:00.000Z' },
        serverUpdatedAt: '2099-01-01T00:00:00.000Z',
        assigneeId: 'b1',
        repId: 'b1',
      }
      const docs = writableDocs('c-a1-1', 'forged', 'a1')
      for (const c of writableCollections) {
        // A complaint's assignee is a device field (who handles it), checked against the team elsewhere.
        const { assigneeId, ...forgedComplaint } = forged
        const fields = c === 'complaints' ? forgedComplaint : forged
        const res = await a1.push(c, [
          { newDocumentState: { ...docs[c]!, ...fields }, assumedMasterState: null },
        ])
        expect({ c, type: res.type }).toEqual({ c, type: 'pushResult' })
        const table = c === 'dayPlans' ? 'day_plans' : c
        const { rows } = await tdb.db.pool.query(
          `SELECT owner_rep_id, team_id, doc FROM ${table} WHERE id = $1`,
          [docs[c]!.id],
        )
        const row = rows[0] as { owner_rep_id: string; team_id: string; doc: Record<string, unknown> }
        expect({ c, owner: row.owner_rep_id, team: row.team_id }).toEqual({ c, owner: 'a1', team: 'team-a' })
        for (const f of ['ownerRepId', 'assigneeId', 'repId', 'authorId'] as const)
          if (f in row.doc) expect({ c, f, v: row.doc[f] }).toEqual({ c, f, v: 'a1' })
        if ('teamId' in row.doc) expect(row.doc.teamId).toBe('team-a')
        expect(row.doc.serverUpdatedAt).not.toBe(forged.serverUpdatedAt)
        if ('receivedAt' in row.doc) expect(row.doc.receivedAt).not.toBe(forged.receivedAt)
        if (c === 'visits') expect(row.doc.review).toEqual({ status: 'pending' })
      }
      a1.close()
    })
  },
)

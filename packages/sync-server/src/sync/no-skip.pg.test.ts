import type { FastifyInstance } from 'fastify'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  freshPostgres,
  login,
  PASSWORD,
  seedTinyOrg,
  startTestApp,
  type TestDb,
  TestDevice,
  visitDoc,
} from '../testing/index.ts'
import { bulkInsert, tables } from './tables.ts'

// These tests need transactions open at the same time on separate connections.
describe('no change is ever skipped (postgres)', () => {
  let tdb: TestDb
  let app: FastifyInstance
  let wsUrl: string
  let token: string
  const clients: pg.Client[] = []

  const connect = async () => {
    const c = new pg.Client({ connectionString: tdb.url })
    await c.connect()
    clients.push(c)
    return c
  }
  /** Writes one visit of rep a1 in the client's open transaction and returns the transaction id. */
  const writeVisit = async (c: pg.Client, id: string, customerId = 'c-a1-1') => {
    await bulkInsert(
      c,
      tables.visits,
      [visitDoc(id, customerId, { authorId: 'a1', ownerRepId: 'a1' })],
      () => ({
        owner_rep_id: 'a1',
        team_id: 'team-a',
      }),
    )
    const { rows } = await c.query<{ xid: string }>('SELECT pg_current_xact_id()::text AS xid')
    return BigInt(rows[0]!.xid)
  }

  beforeAll(async () => {
    tdb = await freshPostgres()
    await seedTinyOrg(tdb.db, { perRep: 5 })
    let baseUrl: string
    ;({ app, baseUrl, wsUrl } = await startTestApp(tdb))
    token = (await login(baseUrl, 'a1@test.local', PASSWORD)).accessToken
  })
  afterAll(async () => {
    for (const c of clients) await c.end().catch(() => {})
    await app?.close()
    await tdb?.drop()
  })

  it('a transaction that commits after a later-numbered one still reaches a device that pulled past the later one', async () => {
    const device = await TestDevice.connect(wsUrl, token, { deviceId: 'late-commit' })
    await device.sync('visits')
    const slow = await connect()
    const fast = await connect()
    await slow.query('BEGIN')
    const slowXid = await writeVisit(slow, 'v-late-slow')
    await fast.query('BEGIN')
    const fastXid = await writeVisit(fast, 'v-late-fast')
    await fast.query('COMMIT')
    expect(slowXid < fastXid).toBe(true)

    // The device catches up (twice, so its checkpoint moves as far as it can) and sees only the later one.
    await device.sync('visits')
    const seen = await device.sync('visits')
    expect(seen.has('v-late-fast')).toBe(true)
    expect(seen.has('v-late-slow')).toBe(false)

    await slow.query('COMMIT')
    const after = await device.sync('visits')
    expect(after.has('v-late-slow')).toBe(true)
    device.close()
  })

  it('a caught-up device is not sent the rows it has again', async () => {
    const device = await TestDevice.connect(wsUrl, token, { deviceId: 'caught-up' })
    await device.sync('visits')
    const c = await connect()
    // A pull resends what a transaction still running when it read may precede. The test cluster is
    // shared with other test files (a snapshot lists every database's transactions), so one of theirs
    // can be in flight: a few rounds are allowed, and a device resent its rows every time fails.
    const resent: string[][] = []
    for (let round = 0; round < 5; round++) {
      const ids = [`v-again-${round}-1`, `v-again-${round}-2`]
      for (const id of ids) {
        await c.query('BEGIN')
        await writeVisit(c, id)
        await c.query('COMMIT')
      }
      const first = await device.pullPage('visits', device.checkpoints.get('visits') ?? null, 100)
      expect(first.documents.map((d) => (d as { id: string }).id)).toEqual(expect.arrayContaining(ids))
      const again = await device.pullPage('visits', first.checkpoint, 100)
      device.checkpoints.set('visits', again.checkpoint)
      if (again.documents.length === 0) break
      resent.push(again.documents.map((d) => (d as { id: string }).id))
    }
    expect(resent.length, `resent in every round: ${JSON.stringify(resent)}`).toBeLessThan(5)
    device.close()
  })

  it('many writers committing in random order while a device keeps pulling: the device ends with every row', async () => {
    const device = await TestDevice.connect(wsUrl, token, { deviceId: 'random-writers' })
    await device.sync('visits')
    // Seeded, so a failure can be replayed; the interleaving itself still depends on the scheduler.
    let seed = 0x5eed
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed / 2 ** 31
    }
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
    const writers = await Promise.all(Array.from({ length: 8 }, () => connect()))
    const written: string[] = []
    let writing = true
    // Pulling back to back, but within the socket's message budget (100 a second; a tighter loop on a
    // fast machine is a flood the server answers with E_RATE_LIMITED).
    const puller = (async () => {
      while (writing) {
        await device.sync('visits', 7)
        await sleep(20)
      }
    })()
    await Promise.all(
      writers.map(async (c, w) => {
        for (let round = 0; round < 6; round++) {
          const id = `v-rand-${w}-${round}`
          await c.query('BEGIN')
          await writeVisit(c, id, `c-a1-${1 + ((w + round) % 5)}`)
          await sleep(Math.floor(random() * 120))
          await c.query('COMMIT')
          written.push(id)
        }
      }),
    )
    writing = false
    await puller
    const final = await device.sync('visits', 7)
    expect(written).toHaveLength(48)
    expect(written.filter((id) => !final.has(id))).toEqual([])
    device.close()
  })
})

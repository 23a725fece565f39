import type { FastifyInstance } from 'fastify'
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
import { LISTENER_NAME } from './change-bus.ts'

// Instances share live changes through LISTEN/NOTIFY.
describe('two server instances on one database (postgres)', () => {
  let tdb: TestDb
  let one: Awaited<ReturnType<typeof startTestApp>>
  let two: Awaited<ReturnType<typeof startTestApp>>
  const apps: FastifyInstance[] = []
  let repToken: string
  let supToken: string

  beforeAll(async () => {
    tdb = await freshPostgres()
    await seedTinyOrg(tdb.db, { perRep: 3 })
    one = await startTestApp(tdb)
    two = await startTestApp(tdb)
    apps.push(one.app, two.app)
    // Sessions live in the database: a token from one instance is good on the other.
    repToken = (await login(one.baseUrl, 'a1@test.local', PASSWORD)).accessToken
    supToken = (await login(two.baseUrl, 'sa@test.local', PASSWORD)).accessToken
  })
  afterAll(async () => {
    for (const app of apps) await app.close()
    await tdb?.drop()
  })

  const pushVisit = async (id: string) => {
    const rep = await TestDevice.connect(one.wsUrl, repToken, { deviceId: 'rep-on-one' })
    expect(
      await rep.push('visits', [{ newDocumentState: visitDoc(id, 'c-a1-1'), assumedMasterState: null }]),
    ).toMatchObject({ type: 'pushResult', applied: 1 })
    rep.close()
  }

  it('a change pushed through instance 1 wakes a device connected to instance 2, which then pulls it', async () => {
    const sup = await TestDevice.connect(two.wsUrl, supToken, { deviceId: 'sup-on-two' })
    await sup.sync('visits')
    await pushVisit('v-scale-1')
    expect(await sup.next((m) => m.type === 'changed')).toMatchObject({
      collections: expect.arrayContaining(['visits']),
    })
    expect((await sup.sync('visits')).has('v-scale-1')).toBe(true)
    sup.close()
  })

  it('when Postgres drops the listening connection, the instance reconnects, resyncs its devices and keeps waking them', async () => {
    const sup = await TestDevice.connect(two.wsUrl, supToken, { deviceId: 'sup-resync' })
    await sup.sync('visits')
    const { rows } = await tdb.db.pool.query(
      'SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()',
      [LISTENER_NAME],
    )
    expect(rows).toHaveLength(2)
    // Notices sent while it was away are lost, so after reconnecting every device is told to pull.
    expect(await sup.next((m) => m.type === 'changed')).toMatchObject({
      collections: expect.arrayContaining(['customers', 'visits']),
    })
    // The device pulls as told; the next change wakes it again.
    await sup.sync('visits')
    await pushVisit('v-scale-2')
    expect(await sup.next((m) => m.type === 'changed')).toMatchObject({
      collections: expect.arrayContaining(['visits']),
    })
    expect((await sup.sync('visits')).has('v-scale-2')).toBe(true)
    sup.close()
  })
})

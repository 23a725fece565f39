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
} from '../testing/index.ts'

describe('every pull pays its cost: one user’s abuse is that user’s wait', () => {
  let tdb: TestDb
  let app: FastifyInstance
  let baseUrl: string
  let wsUrl: string

  beforeAll(async () => {
    tdb = await freshPostgres()
    await seedTinyOrg(tdb.db, { perRep: 40 })
    // A small budget, so the abuse below is in debt after a few pulls (what 1,000-row pages do at the defaults).
    ;({ app, baseUrl, wsUrl } = await startTestApp(tdb, {
      env: { PULL_COST_BURST: '300', PULL_COST_PER_SEC: '20' },
    }))
  })
  afterAll(async () => {
    await app?.close()
    await tdb?.drop()
  })

  it('a rep flooding pulls on three sockets is refused beyond what may wait and waits for their own budget, while another rep’s pulls are served', async () => {
    const abuserToken = (await login(baseUrl, 'a1@test.local', PASSWORD)).accessToken
    const abusers = await Promise.all(
      [1, 2, 3].map((i) => TestDevice.connect(wsUrl, abuserToken, { deviceId: `abuser-${i}` })),
    )
    const victim = await TestDevice.connect(
      wsUrl,
      (await login(baseUrl, 'b1@test.local', PASSWORD)).accessToken,
      {
        deviceId: 'victim',
      },
    )
    try {
      const pulls = 40
      for (const d of abusers)
        for (let i = 0; i < pulls; i++)
          d.send({ type: 'pull', id: `p${i}`, collection: 'visits', checkpoint: null, limit: 1000 })
      const refused = await Promise.all(
        abusers.map((d) => d.next((m) => m.type === 'error' && m.code === 'E_RATE_LIMITED')),
      )
      expect(refused.every((m) => m.type === 'error' && m.code === 'E_RATE_LIMITED')).toBe(true)

      // The other rep's initial sync of visits, page by page, completes in full while the abuse waits.
      const mine = [...(await victim.sync('visits', 10)).values()]
      expect(mine.length).toBe(40)
      expect(mine.every((v) => v.authorId === 'b1')).toBe(true)
      const answered = abusers.reduce(
        (n, d) => n + d.messages.filter((m) => m.type === 'pullResult').length,
        0,
      )
      // Of the 96 pulls the abuser got queued (32 per socket), most still wait for the abuser's budget.
      expect(answered).toBeLessThan(3 * 32)
    } finally {
      for (const d of abusers) d.close()
      victim.close()
    }
  })
})

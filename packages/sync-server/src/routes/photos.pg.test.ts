import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, PASSWORD, seedTinyOrg, startTestApp, stores, type TestDb } from '../testing/index.ts'
import { MAX_PHOTO_BYTES } from './photos.ts'

// A tiny but real JPEG header is not needed: the server stores bytes as given, typed by content-type.
const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 0xff, 0xd9])

describe.each(stores)('photos on $name', ({ fresh }) => {
  let tdb: TestDb
  let app: FastifyInstance
  let baseUrl: string
  const tokens = new Map<string, string>()
  const tokenFor = async (user: string) => {
    if (!tokens.has(user))
      tokens.set(user, (await login(baseUrl, `${user}@test.local`, PASSWORD)).accessToken)
    return tokens.get(user)!
  }
  const put = async (user: string, id: string, query: string, body: Buffer, type = 'image/jpeg') =>
    fetch(`${baseUrl}/api/photos/${id}?${query}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${await tokenFor(user)}`, 'content-type': type },
      body: new Uint8Array(body),
    })
  const get = async (user: string, id: string) =>
    fetch(`${baseUrl}/api/photos/${id}`, { headers: { authorization: `Bearer ${await tokenFor(user)}` } })

  beforeAll(async () => {
    tdb = await fresh()
    await seedTinyOrg(tdb.db, { perRep: 2 })
    ;({ app, baseUrl } = await startTestApp(tdb))
  })
  afterAll(async () => {
    await app?.close()
    await tdb?.drop()
  })

  it('a rep uploads a photo of their own customer and reads it back; a retry stores it once', async () => {
    const first = await put('a1', 'ph-1', 'customerId=c-a1-1&visitId=v-c-a1-1', jpeg)
    expect(first.status).toBe(201)
    const again = await put('a1', 'ph-1', 'customerId=c-a1-1&visitId=v-c-a1-1', jpeg)
    expect(again.status).toBe(200)
    const { rows } = await tdb.db.pool.query(
      "SELECT count(*)::int AS n, min(owner_rep_id) AS owner, min(team_id) AS team FROM photos WHERE id = 'ph-1'",
    )
    expect(rows[0]).toEqual({ n: 1, owner: 'a1', team: 'team-a' })
    const back = await get('a1', 'ph-1')
    expect(back.status).toBe(200)
    expect(back.headers.get('content-type')).toBe('image/jpeg')
    expect(Buffer.from(await back.arrayBuffer())).toEqual(jpeg)
  })

  it('scope: another rep cannot upload for or read a customer that is not theirs; the team supervisor can read', async () => {
    expect((await put('a2', 'ph-2', 'customerId=c-a1-1', jpeg)).status).toBe(403)
    expect((await put('b1', 'ph-3', 'customerId=c-a1-2', jpeg)).status).toBe(403)
    // A visit id that belongs to a different customer is refused too.
    expect((await put('a1', 'ph-4', 'customerId=c-a1-2&visitId=v-c-a1-1', jpeg)).status).toBe(403)
    // Someone else's existing photo id cannot be claimed.
    expect((await put('a2', 'ph-1', 'customerId=c-a2-1', jpeg)).status).toBe(403)
    expect((await get('a2', 'ph-1')).status).toBe(404)
    expect((await get('b1', 'ph-1')).status).toBe(404)
    expect((await get('sb', 'ph-1')).status).toBe(404)
    expect((await get('sa', 'ph-1')).status).toBe(200)
    const { rows } = await tdb.db.pool.query("SELECT count(*)::int AS n FROM photos WHERE id <> 'ph-1'")
    expect(rows[0].n).toBe(0)
  })

  it('refuses photos over 2 MB with E_TOO_LARGE, non-images, and unauthenticated uploads', async () => {
    const big = await put('a1', 'ph-big', 'customerId=c-a1-1', Buffer.alloc(MAX_PHOTO_BYTES + 1, 1))
    expect(big.status).toBe(413)
    expect(((await big.json()) as { error: { code: string } }).error.code).toBe('E_TOO_LARGE')
    const atLimit = await put(
      'a1',
      'ph-limit',
      'customerId=c-a1-1',
      Buffer.alloc(MAX_PHOTO_BYTES, 1),
      'image/png',
    )
    expect(atLimit.status).toBe(201)
    const text = await put('a1', 'ph-txt', 'customerId=c-a1-1', Buffer.from('hello'), 'text/plain')
    expect(text.status).toBe(415)
    const anon = await fetch(`${baseUrl}/api/photos/ph-anon?customerId=c-a1-1`, {
      method: 'PUT',
      headers: { 'content-type': 'image/jpeg' },
      body: new Uint8Array(jpeg),
    })
    expect(anon.status).toBe(401)
    const missing = await put('a1', 'ph-5', '', jpeg)
    expect(missing.status).toBe(400)
    const { rows } = await tdb.db.pool.query(
      "SELECT id FROM photos WHERE id IN ('ph-big', 'ph-txt', 'ph-anon', 'ph-5')",
    )
    expect(rows).toEqual([])
  })
})

import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, PASSWORD, seedTinyOrg, startTestApp, stores, type TestDb } from '../testing/index.ts'
import { MAX_PHOTO_BYTES } from './photos.ts'

// The server checks the magic bytes only (it never decodes images): a JPEG's start and end suffice.
const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 0xff, 0xd9])
const pngStart = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.from([4, 0, 0, 0]), Buffer.from('WEBPVP8 ')])

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
    // Not yours answers exactly like does not exist: ids are no oracle for other reps' data.
    const notFound = { status: 404, code: 'E_NOT_FOUND' }
    const outcome = async (res: Response) => ({
      status: res.status,
      code: ((await res.json()) as { error: { code: string } }).error.code,
    })
    expect(await outcome(await put('a2', 'ph-2', 'customerId=c-a1-1', jpeg))).toEqual(notFound)
    expect(await outcome(await put('b1', 'ph-3', 'customerId=c-a1-2', jpeg))).toEqual(notFound)
    expect(await outcome(await put('b1', 'ph-3', 'customerId=c-nobody', jpeg))).toEqual(notFound)
    // A visit id that belongs to a different customer is refused too.
    expect(await outcome(await put('a1', 'ph-4', 'customerId=c-a1-2&visitId=v-c-a1-1', jpeg))).toEqual(
      notFound,
    )
    // Someone else's existing photo id cannot be claimed.
    expect(await outcome(await put('a2', 'ph-1', 'customerId=c-a2-1', jpeg))).toEqual(notFound)
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
      Buffer.concat([pngStart, Buffer.alloc(MAX_PHOTO_BYTES - pngStart.length, 1)]),
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

  it('refuses a body that is not a JPEG, PNG or WebP whatever its declared type, and stores the real type', async () => {
    const html = Buffer.from('<html><script>alert(1)</script></html>')
    for (const type of ['image/jpeg', 'image/png', 'image/webp'])
      expect((await put('a1', 'ph-html', 'customerId=c-a1-1', html, type)).status).toBe(415)
    expect((await put('a1', 'ph-empty-jpeg', 'customerId=c-a1-1', jpeg.subarray(0, 2))).status).toBe(415)
    expect((await put('a1', 'ph-webp', 'customerId=c-a1-1', webp, 'image/jpeg')).status).toBe(201)
    expect((await get('a1', 'ph-webp')).headers.get('content-type')).toBe('image/webp')
    const { rows } = await tdb.db.pool.query("SELECT id FROM photos WHERE id IN ('ph-html', 'ph-empty-jpeg')")
    expect(rows).toEqual([])
  })

  it('photos follow their customer when it is reassigned or merged', async () => {
    const post = async (user: string, path: string, body: unknown) =>
      fetch(`${baseUrl}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${await tokenFor(user)}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    expect((await put('a2', 'ph-moving', 'customerId=c-a2-2', jpeg)).status).toBe(201)
    expect((await post('sa', '/api/customers/assign', { customerIds: ['c-a2-2'], repId: 'a1' })).status).toBe(
      200,
    )
    expect({ a1: (await get('a1', 'ph-moving')).status, a2: (await get('a2', 'ph-moving')).status }).toEqual({
      a1: 200,
      a2: 404,
    })
    expect((await put('a2', 'ph-merged', 'customerId=c-a2-1', jpeg)).status).toBe(201)
    const merged = await post('sa', '/api/customers/merge', { survivorId: 'c-a1-2', duplicateId: 'c-a2-1' })
    expect(merged.status).toBe(200)
    expect({ a1: (await get('a1', 'ph-merged')).status, a2: (await get('a2', 'ph-merged')).status }).toEqual({
      a1: 200,
      a2: 404,
    })
    const { rows } = await tdb.db.pool.query("SELECT customer_id FROM photos WHERE id = 'ph-merged'")
    expect(rows).toEqual([{ customer_id: 'c-a1-2' }])
  })
})

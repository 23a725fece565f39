import { request } from 'node:http'
import { PROTOCOL_VERSION } from '@outrider/domain'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import {
  customerDoc,
  freshPostgres,
  PASSWORD,
  seedTinyOrg,
  startTestApp,
  type TestDb,
} from '../testing/index.ts'
import { login, TestDevice } from '../testing/ws-client.ts'
import { tableDigests } from './security-fixtures.ts'

type ErrorBody = { error?: { code?: string; message?: string } }

/** A raw HTTP request (fetch would normalise the malformed paths and forged headers away). */
function rawRequest(port: number, path: string, headers: Record<string, string> = {}, body?: string) {
  return new Promise<{ status: number; body: ErrorBody }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: body ? 'POST' : 'GET', headers }, (res) => {
      let text = ''
      res.on('data', (c) => {
        text += c
      })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as ErrorBody }))
    })
    req.on('error', reject)
    if (body) req.write(body)
    req.end()
  })
}

describe('right errors: hostile text, reserved keys, malformed URLs and spoofed hosts', () => {
  let tdb: TestDb
  let app: FastifyInstance
  let port: number
  let baseUrl: string
  let wsUrl: string

  beforeAll(async () => {
    tdb = await freshPostgres()
    await seedTinyOrg(tdb.db, { perRep: 1 })
    ;({ app, port, baseUrl, wsUrl } = await startTestApp(tdb, {
      env: { PUBLIC_ORIGIN: 'https://outrider.example.com' },
    }))
  })
  afterAll(async () => {
    await app?.close()
    await tdb?.drop()
  })

  it('a NUL or a lone surrogate in a text field is E_VALIDATION, on the socket and over HTTP, and stores nothing', async () => {
    const before = await tableDigests(tdb.db.pool, ['refresh_tokens'])
    const token = (await login(baseUrl, 'a1@test.local', PASSWORD)).accessToken
    const a1 = await TestDevice.connect(wsUrl, token)
    for (const bad of ['店\u0000名', 'broken \ud800 pair', '\udc00']) {
      const doc = customerDoc('c-hostile', 'a1', 'team-a', { name: bad })
      const res = await a1.push('customers', [{ newDocumentState: doc, assumedMasterState: null }])
      expect({ bad, code: res.type === 'error' && res.code }).toEqual({ bad, code: 'E_VALIDATION' })
      const notes = customerDoc('c-hostile', 'a1', 'team-a', { customFields: { [bad]: 'x' } })
      const res2 = await a1.push('customers', [{ newDocumentState: notes, assumedMasterState: null }])
      expect({ bad, code: res2.type === 'error' && res2.code }).toEqual({ bad, code: 'E_VALIDATION' })
    }
    a1.close()
    const login400 = await rawRequest(
      port,
      '/api/auth/login',
      { 'content-type': 'application/json' },
      JSON.stringify({ email: 'a1@test.local\u0000', password: PASSWORD }),
    )
    expect({ status: login400.status, code: login400.body.error?.code }).toEqual({
      status: 400,
      code: 'E_VALIDATION',
    })
    const query = await rawRequest(
      port,
      '/api/customers/assign?x=%00',
      {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
      },
      JSON.stringify({ customerIds: ['c-a1-1\ud800'], repId: 'a1' }),
    )
    expect({ status: query.status, code: query.body.error?.code }).toEqual({
      status: 400,
      code: 'E_VALIDATION',
    })
    expect(await tableDigests(tdb.db.pool, ['refresh_tokens'])).toEqual(before)
  })

  it('a custom field named `constructor` is refused like the other reserved keys, also from an import', async () => {
    const token = (await login(baseUrl, 'sa@test.local', PASSWORD)).accessToken
    const before = await tableDigests(tdb.db.pool, ['refresh_tokens'])
    for (const role of ['constructor', 'prototype']) {
      const res = await fetch(`${baseUrl}/api/import/customers`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ csv: '店名,备注\n新店,x\n', columns: { name: '店名', [role]: '备注' } }),
      })
      const body = (await res.json()) as ErrorBody
      expect({ role, status: res.status, code: body.error?.code }).toEqual({
        role,
        status: 400,
        code: 'E_VALIDATION',
      })
    }
    expect(await tableDigests(tdb.db.pool, ['refresh_tokens'])).toEqual(before)
  })

  it('Fastify’s own refusals (a malformed URL, an unknown route) use the app’s error shape', async () => {
    const badUrl = await rawRequest(port, '/api/%c0%ae')
    expect(badUrl.status).toBe(400)
    expect(badUrl.body).toEqual({ error: { code: 'E_BAD_MESSAGE', message: expect.any(String) } })
    const unknown = await rawRequest(port, '/api/no-such-route')
    expect(unknown.status).toBe(404)
    expect(unknown.body).toEqual({ error: { code: 'E_NOT_FOUND', message: expect.any(String) } })
  })

  it('with PUBLIC_ORIGIN set, an Origin that only matches a spoofed Host cannot open the socket', async () => {
    const token = (await login(baseUrl, 'sb@test.local', PASSWORD)).accessToken
    const hello = (origin: string, host: string) =>
      new Promise<{ type: string; code?: string }>((resolve, reject) => {
        const ws = new WebSocket(wsUrl, { origin, headers: { host } })
        ws.once('open', () =>
          ws.send(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, token, deviceId: 'origin' })),
        )
        ws.once('message', (m) => {
          resolve(JSON.parse(String(m)))
          ws.close()
        })
        ws.once('error', reject)
      })
    expect(await hello('https://evil.example.com', 'evil.example.com')).toMatchObject({ code: 'E_ORIGIN' })
    expect(await hello('https://outrider.example.com', 'outrider.example.com')).toMatchObject({
      type: 'welcome',
    })
  })
})

import { describe, expect, it, vi } from 'vitest'
import { setupLink } from '../people/setup.ts'
import { login, startTestApp, stores, TestDevice } from '../testing/index.ts'
import { tinyOrgApp } from '../testing/tiny-org-app.ts'

// biome-ignore lint/suspicious/noExplicitAny: responses are read loosely; the assertions check their shape
type Json = Record<string, any>

async function call(baseUrl: string, token: string | null, method: string, url: string, body?: unknown) {
  const res = await fetch(`${baseUrl}${url}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const text = await res.text()
  let json: Json = {}
  try {
    json = JSON.parse(text)
  } catch {}
  return { status: res.status, json, text, type: res.headers.get('content-type') }
}

const organisation = {
  name: '杭州好邻居商贸',
  timeZone: 'Asia/Shanghai',
  currency: 'CNY',
  workingDays: [1, 2, 3, 4, 5, 6],
  workStart: 510,
  workEnd: 1080,
  holidayCalendar: 'cn',
}

describe.each(stores)('first run on an empty database ($name)', ({ fresh }) => {
  it('a one-time setup link creates the organisation and its first admin, once', async () => {
    const tdb = await fresh()
    const { app, baseUrl } = await startTestApp(tdb)
    try {
      expect((await call(baseUrl, null, 'GET', '/api/setup')).json).toEqual({ needed: true })
      const link = await setupLink(tdb.db, 'http://example.test')
      const token = new URL(String(link)).hash.replace('#token=', '')
      const admin = { email: 'Boss@Example.com', displayName: '王总', password: 'a-long-password' }
      const wrong = await call(baseUrl, null, 'POST', '/api/setup', {
        token: 'x'.repeat(32),
        organisation,
        admin,
      })
      expect([wrong.status, wrong.json.error.code]).toEqual([403, 'E_FORBIDDEN'])
      const badTz = await call(baseUrl, null, 'POST', '/api/setup', {
        token,
        organisation: { ...organisation, timeZone: 'Mars/Olympus' },
        admin,
      })
      expect(badTz.status).toBe(400)
      expect((await call(baseUrl, null, 'GET', '/api/setup')).json).toEqual({ needed: true })

      const done = await call(baseUrl, null, 'POST', '/api/setup', { token, organisation, admin })
      expect(done.status).toBe(201)
      const again = await call(baseUrl, null, 'POST', '/api/setup', { token, organisation, admin })
      expect([again.status, again.json.error.code]).toEqual([409, 'E_CONFLICT'])
      expect((await call(baseUrl, null, 'GET', '/api/setup')).json).toEqual({ needed: false })
      expect(await setupLink(tdb.db, 'http://example.test')).toBeNull()

      const session = await login(baseUrl, 'boss@example.com', 'a-long-password')
      expect((await call(baseUrl, session.accessToken, 'GET', '/api/organisation')).json).toEqual(
        organisation,
      )
      expect((await call(baseUrl, session.accessToken, 'GET', '/api/policies')).json).toHaveLength(1)
      const audit = await call(baseUrl, session.accessToken, 'GET', '/api/admin/audit')
      expect(audit.json.map((e: Json) => e.action)).toEqual(['organisation.setup'])
    } finally {
      await app.close()
      await tdb.drop()
    }
  })
})

describe.each(stores)('the organisation’s time zone is one setting ($name)', ({ fresh }) => {
  it('setup and the admin’s settings give the policy devices pull the organisation’s zone, and wake them', async () => {
    const tdb = await fresh()
    const { app, baseUrl, wsUrl } = await startTestApp(tdb)
    try {
      const link = await setupLink(tdb.db, 'http://example.test')
      const token = new URL(String(link)).hash.replace('#token=', '')
      const admin = { email: 'boss@example.com', displayName: '王总', password: 'a-long-password' }
      const created = await call(baseUrl, null, 'POST', '/api/setup', {
        token,
        organisation: { ...organisation, timeZone: 'Asia/Urumqi' },
        admin,
      })
      expect(created.status).toBe(201)
      const session = await login(baseUrl, admin.email, admin.password)
      const device = await TestDevice.connect(wsUrl, session.accessToken)
      const zones = async () => [...(await device.sync('policies')).values()].map((p) => p.timeZone)
      expect(await zones()).toEqual(['Asia/Urumqi'])

      const recompute = vi.spyOn(app.thresholds, 'recompute')
      const unchanged = await call(baseUrl, session.accessToken, 'PUT', '/api/organisation', {
        ...organisation,
        timeZone: 'Asia/Urumqi',
        name: '新名字',
      })
      expect(unchanged.status).toBe(200)
      expect(recompute).not.toHaveBeenCalled()
      const saved = await call(baseUrl, session.accessToken, 'PUT', '/api/organisation', {
        ...organisation,
        timeZone: 'Europe/Berlin',
      })
      expect(saved.status).toBe(200)
      // The device is told the policies changed, and pulls the new zone; the population thresholds
      // (as of today in the organisation's zone) are recomputed.
      await device.next((m) => m.type === 'changed' && m.collections.includes('policies'))
      expect(await zones()).toEqual(['Europe/Berlin'])
      expect(recompute).toHaveBeenCalledTimes(1)

      // A policy saved from a device that still had the old zone does not bring it back.
      const policy = (await call(baseUrl, session.accessToken, 'GET', '/api/policies')).json[0]
      const put = await call(baseUrl, session.accessToken, 'PUT', `/api/policies/${policy.id}`, {
        ...policy,
        timeZone: 'Asia/Urumqi',
      })
      expect([put.status, put.json.timeZone]).toEqual([200, 'Europe/Berlin'])
      expect(await zones()).toEqual(['Europe/Berlin'])
      device.close()
    } finally {
      await app.close()
      await tdb.drop()
    }
  })
})

describe.each(stores)('people and teams ($name)', ({ fresh }) => {
  const env = tinyOrgApp(fresh, { perRep: 1 })
  const as = async (user: string, method: string, url: string, body?: unknown) =>
    call(env.baseUrl, await env.tokenFor(user), method, url, body)
  const rep = (email: string, teamId: string | null, extra: Json = {}) => ({
    email,
    displayName: email.split('@')[0],
    role: 'rep',
    teamId,
    credential: { kind: 'temporary' },
    ...extra,
  })

  it('a rep cannot reach the console; a supervisor manages only the reps of their own team', async () => {
    for (const [method, url] of [
      ['GET', '/api/admin/users'],
      ['GET', '/api/admin/teams'],
      ['GET', '/api/admin/audit'],
    ] as const)
      expect((await as('a1', method, url)).status).toBe(403)
    expect((await as('a1', 'POST', '/api/admin/users', rep('x@test.local', 'team-a'))).status).toBe(403)

    expect((await as('sa', 'GET', '/api/admin/users')).json.map((u: Json) => u.id).sort()).toEqual([
      'a1',
      'a2',
      'sa',
    ])
    expect((await as('sa', 'POST', '/api/admin/users', rep('b9@test.local', 'team-b'))).status).toBe(403)
    const boss = { ...rep('s9@test.local', 'team-a'), role: 'supervisor' }
    expect((await as('sa', 'POST', '/api/admin/users', boss)).status).toBe(403)
    expect((await as('sa', 'PATCH', '/api/admin/users/b1', { disabled: true })).status).toBe(403)
    expect((await as('sa', 'PATCH', '/api/admin/users/a1', { teamId: 'team-b' })).status).toBe(403)
    expect((await as('sa', 'POST', '/api/admin/teams', { name: '新组' })).status).toBe(403)
    expect(
      (await as('sb', 'POST', '/api/admin/users/a1/reset-password', { credential: { kind: 'invite' } }))
        .status,
    ).toBe(403)
    const made = await as('sa', 'POST', '/api/admin/users', rep('a9@test.local', 'team-a'))
    expect(made.status).toBe(201)
    expect(made.json.user).toMatchObject({ role: 'rep', teamId: 'team-a', mustChangePassword: true })
  })

  it('a temporary password must be changed at first sign-in before anything else', async () => {
    const made = await as(
      'admin',
      'POST',
      '/api/admin/users',
      rep('t1@test.local', 'team-a', { phone: '13800000001' }),
    )
    const first = await login(env.baseUrl, 't1@test.local', made.json.temporaryPassword)
    expect(first.user).toMatchObject({ mustChangePassword: true })
    expect((await call(env.baseUrl, first.accessToken, 'GET', '/api/policies')).status).toBe(403)
    await expect(TestDevice.connect(env.wsUrl, first.accessToken)).rejects.toThrow(/temporary password/)
    const same = await call(env.baseUrl, first.accessToken, 'POST', '/api/auth/password', {
      currentPassword: made.json.temporaryPassword,
      newPassword: made.json.temporaryPassword,
    })
    expect(same.status).toBe(400)
    const changed = await call(env.baseUrl, first.accessToken, 'POST', '/api/auth/password', {
      currentPassword: made.json.temporaryPassword,
      newPassword: 'my-own-password',
    })
    expect(changed.status).toBe(200)
    expect(changed.json.user.mustChangePassword).toBeUndefined()
    // The temporary session ended with the change; the new one works.
    expect((await call(env.baseUrl, first.accessToken, 'GET', '/api/me')).status).toBe(401)
    expect((await call(env.baseUrl, changed.json.accessToken, 'GET', '/api/policies')).status).toBe(200)
  })

  it('an invitation link works once and signs the user in', async () => {
    const made = await as(
      'admin',
      'POST',
      '/api/admin/users',
      rep('i1@test.local', 'team-b', { credential: { kind: 'invite' } }),
    )
    expect(made.json.invitePath).toMatch(/^\/invite#token=/)
    const token = made.json.invitePath.split('=')[1]
    const before = await call(env.baseUrl, null, 'POST', '/api/auth/login', {
      email: 'i1@test.local',
      password: '!invite',
    })
    expect(before.status).toBe(401)
    const accepted = await call(env.baseUrl, null, 'POST', '/api/auth/invite', {
      token,
      password: 'chosen-password',
    })
    expect(accepted.json.user).toMatchObject({ email: 'i1@test.local', role: 'rep', teamId: 'team-b' })
    const twice = await call(env.baseUrl, null, 'POST', '/api/auth/invite', {
      token,
      password: 'another-password',
    })
    expect(twice.status).toBe(403)
    await login(env.baseUrl, 'i1@test.local', 'chosen-password')
  })

  it('disabling a user closes their open sockets at once and refuses their sign-in; it is audited', async () => {
    const device = await env.device('a2')
    const closed = device.closed()
    const res = await as('sa', 'PATCH', '/api/admin/users/a2', { disabled: true })
    expect(res.json).toMatchObject({ id: 'a2', disabled: true })
    expect((await closed).code).toBe(4001)
    await expect(login(env.baseUrl, 'a2@test.local', 'test-password-1')).rejects.toThrow(/401/)
    const audit = await as('admin', 'GET', '/api/admin/audit?action=user.disable')
    expect(audit.json[0]).toMatchObject({
      actorId: 'sa',
      actorRole: 'supervisor',
      targetId: 'a2',
      teamId: 'team-a',
      before: { disabled: false },
      after: { disabled: true },
    })
    expect((await as('sa', 'GET', '/api/admin/audit')).status).toBe(403)
    const csv = await as('admin', 'GET', '/api/admin/audit.csv')
    expect(csv.type).toContain('text/csv')
    expect(csv.text).toContain('user.disable')
    expect((await as('sa', 'PATCH', '/api/admin/users/sa', { disabled: true })).status).toBe(403)
  })

  it('an admin makes a team with a supervisor; bulk CSV creates nobody while any line is bad', async () => {
    const sup = await as('admin', 'POST', '/api/admin/users', {
      ...rep('s2@test.local', null),
      role: 'supervisor',
    })
    const team = await as('admin', 'POST', '/api/admin/teams', {
      name: '西湖组',
      region: '杭州',
      supervisorIds: [sup.json.user.id],
    })
    expect(team.status).toBe(201)
    const users = (await as('admin', 'GET', '/api/admin/users')).json as Json[]
    expect(users.find((u) => u.id === sup.json.user.id)?.teamId).toBe(team.json.id)
    const bad = [
      '邮箱,姓名,角色,团队',
      'r1@test.local,小李,销售代表,西湖组',
      'nope,小王,销售代表,西湖组',
    ].join('\n')
    const refused = await as('admin', 'POST', '/api/admin/users/bulk', {
      csv: bad,
      credential: { kind: 'invite' },
    })
    expect(refused.json).toMatchObject({ created: [], errors: [{ line: 3 }] })
    expect(
      (await as('admin', 'GET', '/api/admin/users')).json.some((u: Json) => u.email === 'r1@test.local'),
    ).toBe(false)
    const good = bad.replace('nope', 'r2@test.local')
    const done = await as('admin', 'POST', '/api/admin/users/bulk', {
      csv: good,
      credential: { kind: 'invite' },
    })
    expect(done.json.created.map((c: Json) => [c.user.email, c.user.teamId])).toEqual([
      ['r1@test.local', team.json.id],
      ['r2@test.local', team.json.id],
    ])
    const audit = (await as('admin', 'GET', '/api/admin/audit?action=team.create')).json as Json[]
    expect(audit[0]).toMatchObject({ actorId: 'admin', targetId: team.json.id, after: { name: '西湖组' } })
  })
})

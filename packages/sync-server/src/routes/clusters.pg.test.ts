import { describe, expect, it } from 'vitest'
import { stores } from '../testing/index.ts'
import { tinyOrgApp } from '../testing/tiny-org-app.ts'

// biome-ignore lint/suspicious/noExplicitAny: responses are read loosely; the assertions check their shape
type Json = Record<string, any>

describe.each(stores)('team clusters ($name)', ({ fresh }) => {
  const env = tinyOrgApp(fresh, { perRep: 1 })
  const as = env.as
  const model = (names: [string, string][]) => ({
    k: 2,
    centres: [
      [-1, 1, 1],
      [1, -1, -1],
    ],
    scaling: { mean: [3, 1, 6], std: [1, 0.5, 2] },
    names: names.map(([en, zh]) => ({ en, zh })),
    computedAt: '2026-01-10T08:00:00.000Z',
    asOf: '2026-01-10',
    population: 2,
  })
  const stored = async () =>
    (await env.tdb.db.pool.query('SELECT id, team_id, doc FROM cluster_models ORDER BY id')).rows

  it('a supervisor saves their team’s clusters; the team’s devices pull them, the other team’s do not', async () => {
    const saved = await as(
      'sa',
      'PUT',
      '/api/teams/team-a/clusters',
      model([
        ['Loyal', '忠诚'],
        ['Lapsed', '流失'],
      ]),
    )
    expect(saved.status).toBe(200)
    expect(saved.json).toMatchObject({ id: 'clusters-team-team-a', teamId: 'team-a', k: 2 })
    expect((await as('a1', 'GET', '/api/teams/team-a/clusters')).json.names[1]).toEqual({
      en: 'Lapsed',
      zh: '流失',
    })
    const a1 = await env.device('a1')
    const b1 = await env.device('b1')
    try {
      expect([...(await a1.sync('clusterModels')).keys()]).toEqual(['clusters-team-team-a'])
      expect([...(await b1.sync('clusterModels')).keys()]).toEqual([])
    } finally {
      a1.close()
      b1.close()
    }
    const audit = (await as('admin', 'GET', '/api/admin/audit?action=clusters.create')).json as Json[]
    expect(audit).toMatchObject([{ actorId: 'sa', teamId: 'team-a', targetId: 'clusters-team-team-a' }])
  })

  it('another team’s supervisor and a rep are refused with a clear error, and nothing stored changes', async () => {
    const before = await stored()
    expect(before).toHaveLength(1)
    const other = await as(
      'sb',
      'PUT',
      '/api/teams/team-a/clusters',
      model([
        ['X', 'X'],
        ['Y', 'Y'],
      ]),
    )
    expect(other.status).toBe(403)
    expect(other.json.error).toMatchObject({
      code: 'E_FORBIDDEN',
      message: 'a supervisor saves the clusters of their own team only',
    })
    const rep = await as(
      'a1',
      'PUT',
      '/api/teams/team-a/clusters',
      model([
        ['X', 'X'],
        ['Y', 'Y'],
      ]),
    )
    expect(rep.status).toBe(403)
    expect(rep.json.error).toMatchObject({
      code: 'E_FORBIDDEN',
      message: 'only a supervisor of the team or an admin saves its clusters',
    })
    expect((await as('sb', 'GET', '/api/teams/team-a/clusters')).status).toBe(403)
    expect(await stored()).toEqual(before)
    expect((await as('admin', 'GET', '/api/admin/audit?action=clusters.update')).json).toEqual([])
  })

  it('an admin may save any team’s; k centres and k names are required; an unknown team is named', async () => {
    const mismatched = {
      ...model([
        ['A', '甲'],
        ['B', '乙'],
      ]),
      k: 3,
    }
    const bad = await as('sa', 'PUT', '/api/teams/team-a/clusters', mismatched)
    expect(bad.status).toBe(400)
    expect(bad.json.error.code).toBe('E_VALIDATION')
    expect(
      (
        await as(
          'admin',
          'PUT',
          '/api/teams/nope/clusters',
          model([
            ['A', '甲'],
            ['B', '乙'],
          ]),
        )
      ).json.error,
    ).toMatchObject({
      code: 'E_NOT_FOUND',
      message: 'no team nope',
    })
    const byAdmin = await as(
      'admin',
      'PUT',
      '/api/teams/team-b/clusters',
      model([
        ['A', '甲'],
        ['B', '乙'],
      ]),
    )
    expect(byAdmin.status).toBe(200)
    expect((await stored()).map((r) => [r.id, r.team_id])).toEqual([
      ['clusters-team-team-a', 'team-a'],
      ['clusters-team-team-b', 'team-b'],
    ])
  })

  it('a re-clustering that finds the same groups keeps their ids and names; a new group gets a new id', async () => {
    const first = (
      await as(
        'sa',
        'PUT',
        '/api/teams/team-a/clusters',
        model([
          ['Loyal', '忠诚'],
          ['Lapsed', '流失'],
        ]),
      )
    ).json
    const ids = first.ids as string[]
    expect(new Set(ids).size).toBe(2)
    // The same two groups, found in the other order and left unnamed, plus a third.
    const again = {
      ...model([
        ['', ''],
        ['', ''],
        ['', ''],
      ]),
      k: 3,
      centres: [
        [1.1, -0.9, -1],
        [-1, 1, 1.1],
        [3, 3, 3],
      ],
    }
    const second = (await as('sa', 'PUT', '/api/teams/team-a/clusters', again)).json
    expect(second.ids.slice(0, 2)).toEqual([ids[1], ids[0]])
    expect(ids).not.toContain(second.ids[2])
    expect(second.names.slice(0, 2)).toEqual([
      { en: 'Lapsed', zh: '流失' },
      { en: 'Loyal', zh: '忠诚' },
    ])
  })
})

import { defaultServicePolicy } from '@outrider/domain'
import { describe, expect, it } from 'vitest'
import { stores } from '../testing/index.ts'
import { supervisorApi } from './supervisor-fixtures.ts'

describe.each(stores)('supervisor API on $name', ({ fresh }) => {
  const { device, api, query } = supervisorApi(fresh)

  describe('policies and tag rules', () => {
    it('an admin’s policy change reaches a rep’s device; reps and invalid policies are refused', async () => {
      const a1 = await device('a1', 'a1-policies')
      const start = await a1.sync('policies')
      const policy = start.get('policy-default')!
      expect(policy).toBeDefined()
      const { _deleted, ...doc } = policy
      const edited = {
        ...doc,
        tiers: { ...defaultServicePolicy.tiers, A: { ...defaultServicePolicy.tiers.A, visitEveryDays: 3 } },
      }
      expect((await api('a1', 'PUT', '/api/policies/policy-default', edited)).status).toBe(403)
      const bad = await api('admin', 'PUT', '/api/policies/policy-default', {
        ...edited,
        tierShares: { a: 0.9, b: 0.5 },
      })
      expect([bad.status, bad.json.error.code]).toEqual([400, 'E_VALIDATION'])
      const ok = await api('admin', 'PUT', '/api/policies/policy-default', edited)
      expect(ok.status).toBe(200)
      const after = await a1.sync('policies')
      expect(after.get('policy-default')).toMatchObject({ tiers: { A: { visitEveryDays: 3 } } })
      expect((await api('a1', 'GET', '/api/policies')).json.map((p: { id: string }) => p.id)).toEqual([
        'policy-default',
      ])
      a1.close()
    })

    it('a supervisor sets their team’s and their reps’ monthly targets; bad figures and others’ teams are refused', async () => {
      const targets = {
        visits: 40,
        contacts: 60,
        orders: 12,
        visitCoverage: 0.9,
        careOnTime: 0.8,
        openComplaints: 2,
      }
      const url = '/api/policies/policy-default/targets'
      const team = await api('sa', 'PUT', url, { scope: { kind: 'team', id: 'team-a' }, targets })
      expect(team.status).toBe(200)
      expect(team.json.targets.byTeam['team-a']).toEqual(targets)
      const rep = await api('sa', 'PUT', url, {
        scope: { kind: 'rep', id: 'a2' },
        targets: { ...targets, visits: 30 },
      })
      expect(rep.json.targets.byRep.a2.visits).toBe(30)

      // Each bad figure is named by its field.
      const bad = await api('sa', 'PUT', url, {
        scope: { kind: 'rep', id: 'a1' },
        targets: { ...targets, visits: -1, visitCoverage: 1.5 },
      })
      expect([bad.status, bad.json.error.code]).toEqual([400, 'E_VALIDATION'])
      expect(bad.json.error.details.map((i: { path: string[] }) => i.path.join('.')).sort()).toEqual([
        'targets.visitCoverage',
        'targets.visits',
      ])
      const refusals = [
        await api('sa', 'PUT', url, { scope: { kind: 'team', id: 'team-b' }, targets }),
        await api('sa', 'PUT', url, { scope: { kind: 'rep', id: 'b1' }, targets }),
        await api('sa', 'PUT', url, { scope: { kind: 'organisation' }, targets }),
        await api('a1', 'PUT', url, { scope: { kind: 'rep', id: 'a1' }, targets }),
      ]
      expect(refusals.map((r) => r.status)).toEqual([403, 403, 403, 403])
      expect((await api('sa', 'PUT', url, { scope: { kind: 'rep', id: 'nobody' }, targets })).status).toBe(
        404,
      )
      expect((await api('admin', 'PUT', url, { scope: { kind: 'organisation' }, targets })).status).toBe(200)

      // The rep's phone gets them; the change is in the audit log with what was there before.
      const a2 = await device('a2', 'a2-targets')
      expect((await a2.sync('policies')).get('policy-default')).toMatchObject({
        targets: { byRep: { a2: { visits: 30 } }, byTeam: { 'team-a': { visits: 40 } }, default: targets },
      })
      a2.close()
      const audit = await query(
        "SELECT actor_id, team_id, before, after FROM audit_log WHERE action = 'policy.targets' ORDER BY id",
      )
      expect(audit[0]).toMatchObject({
        actor_id: 'sa',
        team_id: 'team-a',
        before: { targets: null },
        after: { scope: { kind: 'team', id: 'team-a' }, targets },
      })
      expect(audit).toHaveLength(3)
      // Clearing a rep's targets leaves the team's in force for them.
      const cleared = await api('sa', 'PUT', url, { scope: { kind: 'rep', id: 'a2' }, targets: null })
      expect(cleared.json.targets.byRep).toEqual({})
    })

    it('tag rules are created, edited and switched off (never deleted)', async () => {
      const rule = {
        tag: '高价值客户',
        label: { en: 'High value', zh: '高价值客户' },
        rule: { field: 'monetary', op: 'gte', value: 5000 },
        active: true,
      }
      const created = await api('sa', 'POST', '/api/tag-rules', rule)
      expect(created.status).toBe(201)
      const id = created.json.id as string
      const invalid = await api('sa', 'POST', '/api/tag-rules', {
        ...rule,
        rule: { field: 'monetary', op: 'between' },
      })
      expect(invalid.status).toBe(400)
      const edited = await api('sa', 'PUT', `/api/tag-rules/${id}`, {
        ...rule,
        rule: { field: 'monetary', op: 'gte', value: 8000 },
      })
      expect(edited.json.rule.value).toBe(8000)
      const off = await api('sa', 'DELETE', `/api/tag-rules/${id}`)
      expect(off.json.active).toBe(false)
      expect(await query("SELECT doc->>'active' AS active FROM tag_rules WHERE id = $1", [id])).toEqual([
        { active: 'false' },
      ])
      expect((await api('a1', 'DELETE', `/api/tag-rules/${id}`)).status).toBe(403)
      expect((await api('sa', 'PUT', '/api/tag-rules/missing', rule)).status).toBe(404)
    })
  })
})

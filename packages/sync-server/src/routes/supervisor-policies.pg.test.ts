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

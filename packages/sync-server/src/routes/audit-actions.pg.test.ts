import { auditActionLabels, defaultServicePolicy } from '@outrider/domain'
import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import { stores } from '../testing/index.ts'
import { tinyOrgApp } from '../testing/tiny-org-app.ts'

// biome-ignore lint/suspicious/noExplicitAny: responses are read loosely; the assertions check their shape
type Json = Record<string, any>

describe.each(stores)('the audit log records supervisors’ and admins’ actions ($name)', ({ fresh }) => {
  const env = tinyOrgApp(fresh, { perRep: 3 })
  const as = env.as
  const entries = async (action: string) =>
    (await as('admin', 'GET', `/api/admin/audit?action=${action}`)).json as Json[]

  it('an assignment: who moved which customers from whom to whom', async () => {
    const moved = await as('sa', 'POST', '/api/customers/assign', {
      customerIds: ['c-a1-1', 'c-a2-1'],
      repId: 'a2',
    })
    // c-a2-1 is a2's already: one customer changes hands, both are named.
    expect(moved.json).toEqual({ moved: 1 })
    expect(await entries('customers.assign')).toMatchObject([
      {
        actorId: 'sa',
        actorRole: 'supervisor',
        targetId: 'a2',
        teamId: 'team-a',
        before: { owners: { 'c-a1-1': 'a1', 'c-a2-1': 'a2' } },
        after: { repId: 'a2', customerIds: ['c-a1-1', 'c-a2-1'] },
      },
    ])
    // A refused assignment writes nothing.
    expect(
      (await as('sa', 'POST', '/api/customers/assign', { customerIds: ['c-b1-1'], repId: 'a1' })).status,
    ).toBe(403)
    expect(await entries('customers.assign')).toHaveLength(1)
  })

  it('a merge: the survivor, the duplicate and how much history moved', async () => {
    const merged = await as('sa', 'POST', '/api/customers/merge', {
      survivorId: 'c-a1-2',
      duplicateId: 'c-a2-2',
    })
    expect(merged.status).toBe(200)
    expect(await entries('customers.merge')).toMatchObject([
      { actorId: 'sa', targetId: 'c-a1-2', before: { survivorId: 'c-a1-2', duplicateId: 'c-a2-2' } },
    ])
  })

  it('a policy change and tag-rule changes, each with before and after', async () => {
    const policy = { ...structuredClone(defaultServicePolicy), id: 'policy-audit' }
    const renamed = { ...policy, name: '新服务策略' }
    expect((await as('admin', 'PUT', '/api/policies/policy-audit', policy)).status).toBe(200)
    expect((await as('admin', 'PUT', '/api/policies/policy-audit', renamed)).status).toBe(200)
    expect(await entries('policy.create')).toMatchObject([{ actorId: 'admin', targetId: 'policy-audit' }])
    expect(await entries('policy.update')).toMatchObject([
      {
        actorId: 'admin',
        targetId: 'policy-audit',
        before: { name: policy.name },
        after: { name: '新服务策略' },
      },
    ])
    const rule = {
      tag: '大客户',
      label: { en: 'Key account', zh: '大客户' },
      rule: { field: 'monetary', op: 'gte', value: 9000 },
      active: true,
    }
    const made = await as('sa', 'POST', '/api/tag-rules', rule)
    await as('sa', 'DELETE', `/api/tag-rules/${made.json.id}`)
    expect(await entries('tag_rule.create')).toMatchObject([{ actorId: 'sa', after: { tag: '大客户' } }])
    expect(await entries('tag_rule.update')).toMatchObject([
      { actorId: 'sa', before: { active: true }, after: { active: false } },
    ])
  })

  it('an import that writes: what, from where and what it did; a dry run leaves no entry', async () => {
    const csv = '店名,电话\n审计测试店,13912345678\n'
    const body = { csv, columns: { name: '店名', phone: '电话' } }
    await as('sa', 'POST', '/api/import/customers?dryRun=1', body)
    expect(await entries('import.customers')).toEqual([])
    const done = await as('sa', 'POST', '/api/import/customers?source=old-crm', body)
    expect(done.json.imported).toBe(1)
    expect(await entries('import.customers')).toMatchObject([
      {
        actorId: 'sa',
        teamId: 'team-a',
        after: { source: 'old-crm', encoding: 'utf-8', rows: 1, imported: 1, counts: { insert: 1 } },
      },
    ])
  })

  it('the export gives each action and target in words beside its stable code, in the language asked', async () => {
    const sheet = async (lang: string) => {
      const res = await fetch(`${env.baseUrl}/api/admin/audit.csv?lang=${lang}`, {
        headers: { authorization: `Bearer ${await env.tokenFor('admin')}` },
      })
      expect(res.status).toBe(200)
      const text = (await res.text()).replace(/^\uFEFF/, '')
      return Papa.parse<Record<string, string>>(text.trim(), { header: true }).data
    }
    const en = await sheet('en')
    const codes = new Set(en.map((r) => r['Action code']))
    for (const code of ['customers.assign', 'customers.merge', 'policy.update', 'import.customers'])
      expect(codes).toContain(code)
    // Every action recorded by the tests above has words; none shows its code in the words column.
    for (const row of en) {
      expect(Object.hasOwn(auditActionLabels, row['Action code'] ?? '')).toBe(true)
      expect(row.Action).not.toBe(row['Action code'])
    }
    expect(en.find((r) => r['Action code'] === 'customers.merge')).toMatchObject({
      Action: 'Duplicate customers merged',
      Target: 'Customer',
      'Target type code': 'customer',
      // who acted by name and role in words, their id and role code beside
      Actor: 'SA',
      'Actor ID': 'sa',
      'Actor role': 'Supervisor',
      'Actor role code': 'supervisor',
    })
    const zh = await sheet('zh')
    expect(zh.find((r) => r.操作代码 === 'import.customers')).toMatchObject({
      操作: '导入客户',
      对象: '客户',
      操作人: 'SA',
      操作人角色: '主管',
    })
    expect((await as('sa', 'GET', '/api/admin/audit.csv')).status).toBe(403)
  })
})

import {
  apiErrorBodySchema,
  defaultServicePolicy,
  type Endpoint,
  endpointPath,
  httpApi,
} from '@outrider/domain'
import { describe, expect, it } from 'vitest'
import { bulkInsert, tables } from '../sync/tables.ts'
import { stores } from '../testing/index.ts'
import { tinyOrgApp } from '../testing/tiny-org-app.ts'

const T0 = '2026-01-01T00:00:00.000Z'

/**
 * The PWA parses every reply with the domain's endpoint schemas (`httpApi`): a route whose reply
 * drifted from its schema would break the screen that calls it. These call the real routes and hold
 * each reply to its schema.
 */
describe.each(stores)('HTTP API replies match the shared schemas on $name', ({ fresh }) => {
  const env = tinyOrgApp(fresh, {
    perRep: 2,
    seed: (db) =>
      db.tx(async (client) => {
        await bulkInsert(client, tables.policies, [
          { ...structuredClone(defaultServicePolicy), id: 'policy-default', createdAt: T0, updatedAt: T0 },
        ])
      }),
  })
  const call = async (
    user: string,
    endpoint: Endpoint,
    input: { params?: Record<string, string>; query?: string; body?: unknown } = {},
  ) => {
    const url = `${env.baseUrl}${endpointPath(endpoint, input.params)}${input.query ? `?${input.query}` : ''}`
    const res = await fetch(url, {
      method: endpoint.method,
      headers: {
        authorization: `Bearer ${await env.tokenFor(user)}`,
        ...(input.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(input.body === undefined ? {} : { body: JSON.stringify(input.body) }),
    })
    return { status: res.status, json: (await res.json()) as unknown }
  }
  const expectReply = (endpoint: Endpoint, reply: { status: number; json: unknown }) => {
    expect(reply.status, JSON.stringify(reply.json)).toBeLessThan(300)
    const parsed = endpoint.response.safeParse(reply.json)
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true)
  }

  it('review, reply and assignment replies parse', async () => {
    expectReply(
      httpApi.reviewVisit,
      await call('sa', httpApi.reviewVisit, {
        params: { id: 'v-c-a1-1' },
        body: { status: 'commented', comment: '再跟进' },
      }),
    )
    expectReply(
      httpApi.replyToReview,
      await call('a1', httpApi.replyToReview, { params: { id: 'v-c-a1-1' }, body: { text: '好的' } }),
    )
    expectReply(
      httpApi.assignCustomers,
      await call('sa', httpApi.assignCustomers, { body: { customerIds: ['c-a1-2'], repId: 'a2' } }),
    )
  })

  it('policy and tag-rule replies parse', async () => {
    const policies = await call('sa', httpApi.listPolicies)
    expectReply(httpApi.listPolicies, policies)
    const policy = (policies.json as { id: string }[])[0]!
    expectReply(
      httpApi.savePolicy,
      await call('admin', httpApi.savePolicy, { params: { id: policy.id }, body: policy }),
    )
    const rule = {
      tag: 'big',
      label: { en: 'Big', zh: '大客户' },
      rule: { field: 'tier', op: 'eq', value: 'A' },
    }
    const created = await call('sa', httpApi.createTagRule, { body: { ...rule, active: true } })
    expectReply(httpApi.createTagRule, created)
    const id = (created.json as { id: string }).id
    expectReply(
      httpApi.updateTagRule,
      await call('sa', httpApi.updateTagRule, { params: { id }, body: { ...rule, active: true } }),
    )
    expectReply(httpApi.listTagRules, await call('sa', httpApi.listTagRules))
    expectReply(httpApi.retireTagRule, await call('sa', httpApi.retireTagRule, { params: { id } }))
  })

  it('an import report and a saved mapping parse', async () => {
    const body = {
      csv: '店名,电话,生日\n新店,13800138000,1990-05-01\n',
      columns: { name: '店名', phone: '电话', birthday: '生日' },
    }
    expectReply(
      httpApi.importCustomers,
      await call('sa', httpApi.importCustomers, { query: 'dryRun=1&source=crm', body }),
    )
    expectReply(
      httpApi.importCustomers,
      await call('sa', httpApi.importCustomers, { query: 'dryRun=0&source=crm', body }),
    )
    expectReply(
      httpApi.loadImportMapping,
      await call('sa', httpApi.loadImportMapping, { params: { source: 'crm' }, query: 'kind=customers' }),
    )
  })

  it('people, teams, products and audit replies parse', async () => {
    expectReply(httpApi.listUsers, await call('admin', httpApi.listUsers))
    expectReply(httpApi.listTeams, await call('admin', httpApi.listTeams))
    const created = await call('admin', httpApi.createUser, {
      body: {
        email: 'new@test.local',
        displayName: '新同事',
        role: 'rep',
        teamId: 'team-a',
        credential: { kind: 'temporary' },
      },
    })
    expectReply(httpApi.createUser, created)
    const userId = (created.json as { user: { id: string } }).user.id
    expectReply(
      httpApi.changeUser,
      await call('admin', httpApi.changeUser, { params: { id: userId }, body: { displayName: '新同事二' } }),
    )
    expectReply(
      httpApi.resetPassword,
      await call('admin', httpApi.resetPassword, {
        params: { id: userId },
        body: { credential: { kind: 'invite' } },
      }),
    )
    expectReply(
      httpApi.createProduct,
      await call('admin', httpApi.createProduct, { body: { sku: 'W-1', name: '矿泉水', price: 2 } }),
    )
    expectReply(httpApi.listProducts, await call('admin', httpApi.listProducts))
    expectReply(httpApi.listAudit, await call('admin', httpApi.listAudit, { query: 'limit=10' }))
    expectReply(httpApi.me, await call('a1', httpApi.me))
  })

  it('a refusal keeps the one error shape', async () => {
    const refused = await call('a1', httpApi.assignCustomers, {
      body: { customerIds: ['c-a1-1'], repId: 'a2' },
    })
    expect(refused.status).toBe(403)
    expect(apiErrorBodySchema.parse(refused.json).error.code).toBe('E_FORBIDDEN')
  })
})

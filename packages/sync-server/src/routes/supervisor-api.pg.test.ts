import { defaultServicePolicy, newComplaintFields } from '@outrider/domain'
import { describe, expect, it } from 'vitest'
import { bulkInsert, tables } from '../sync/tables.ts'
import { stores, type TestDb, visitDoc } from '../testing/index.ts'
import { tinyOrder as order, tinyTeamOf as teamOf, tinyOrgApp } from '../testing/tiny-org-app.ts'

const T0 = '2026-01-01T00:00:00.000Z'

/** A policy and a few orders (two reps of team A, one of team B) for the dashboards and exports. */
async function seedPoliciesAndOrders(db: TestDb['db']) {
  await db.tx(async (client) => {
    await bulkInsert(client, tables.policies, [
      { ...structuredClone(defaultServicePolicy), id: 'policy-default', createdAt: T0, updatedAt: T0 },
    ])
    const orders = [
      order('o-1', 'c-a1-1', 'a1', '2026-01-10T02:00:00.000Z', 12),
      order('o-2', 'c-a1-2', 'a1', '2026-01-12T02:00:00.000Z', 30),
      order('o-3', 'c-a1-3', 'a1', '2026-01-15T02:00:00.000Z', 8),
      order('o-4', 'c-b1-1', 'b1', '2026-01-15T02:00:00.000Z', 8),
    ]
    await bulkInsert(client, tables.orders, orders, teamOf)
  })
}

describe.each(stores)('supervisor API on $name', ({ fresh }) => {
  const env = tinyOrgApp(fresh, { perRep: 4, seed: seedPoliciesAndOrders })
  const { tokenFor, device } = env
  const api = async (user: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${env.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await tokenFor(user)}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    const text = await res.text()
    const type = res.headers.get('content-type') ?? ''
    return {
      status: res.status,
      headers: res.headers,
      text,
      json: type.includes('json') ? JSON.parse(text) : null,
    }
  }
  const query = async (sql: string, params: unknown[] = []) => (await env.tdb.db.pool.query(sql, params)).rows

  describe('visit review', () => {
    it('a supervisor’s approval reaches the rep’s device', async () => {
      const a1 = await device('a1')
      const before = await a1.sync('visits')
      expect(before.get('v-c-a1-1')?.review).toBeUndefined()
      const res = await api('sa', 'POST', '/api/visits/v-c-a1-1/review', { status: 'approved' })
      expect(res.status).toBe(200)
      expect(res.json.review).toMatchObject({ status: 'approved', by: 'sa' })
      const after = await a1.sync('visits')
      expect(after.get('v-c-a1-1')?.review).toMatchObject({ status: 'approved', by: 'sa' })
      expect(await query("SELECT review_status FROM visits WHERE id = 'v-c-a1-1'")).toEqual([
        { review_status: 'approved' },
      ])
      const comment = await api('sa', 'POST', '/api/visits/v-c-a1-2/review', {
        status: 'commented',
        comment: '请补拍货架照片',
      })
      expect(comment.status).toBe(200)
      expect((await a1.sync('visits')).get('v-c-a1-2')?.review).toMatchObject({
        status: 'commented',
        comment: '请补拍货架照片',
      })
      a1.close()
    })

    it('approving keeps the comment; the rep replies once and the reply reaches the supervisor', async () => {
      const id = 'v-c-a1-4'
      await api('sa', 'POST', `/api/visits/${id}/review`, { status: 'commented', comment: '价格写错了' })
      const approved = await api('sa', 'POST', `/api/visits/${id}/review`, { status: 'approved' })
      expect(approved.json.review).toMatchObject({ status: 'approved', comment: '价格写错了' })
      expect((await api('a2', 'POST', `/api/visits/${id}/review/reply`, { text: '不是我的' })).status).toBe(
        403,
      )
      expect((await api('a1', 'POST', `/api/visits/${id}/review/reply`, { text: ' ' })).status).toBe(400)
      const replied = await api('a1', 'POST', `/api/visits/${id}/review/reply`, { text: '已改正' })
      expect(replied.status).toBe(200)
      const again = await api('a1', 'POST', `/api/visits/${id}/review/reply`, { text: '再说一次' })
      expect([again.status, again.json.error.message]).toEqual([
        400,
        'this review has already been replied to',
      ])
      const sa = await device('sa', 'sa-reply')
      expect((await sa.sync('visits')).get(id)?.review).toMatchObject({
        status: 'approved',
        comment: '价格写错了',
        reply: { by: 'a1', text: '已改正' },
      })
      sa.close()
      const recommented = await api('sa', 'POST', `/api/visits/${id}/review`, {
        status: 'commented',
        comment: '好的',
      })
      expect(recommented.json.review).toMatchObject({ comment: '好的', reply: { text: '已改正' } })
      expect((await api('a1', 'POST', '/api/visits/v-c-a1-3/review/reply', { text: '还没审' })).status).toBe(
        400,
      )
    })

    it('a rep, another team’s supervisor, an unknown visit and a bad status are refused', async () => {
      expect(
        (await api('a1', 'POST', '/api/visits/v-c-a1-3/review', { status: 'approved' })).json.error.code,
      ).toBe('E_FORBIDDEN')
      const other = await api('sb', 'POST', '/api/visits/v-c-a1-3/review', { status: 'approved' })
      expect([other.status, other.json.error.code]).toEqual([403, 'E_FORBIDDEN'])
      expect(
        (await api('sa', 'POST', '/api/visits/nope/review', { status: 'approved' })).json.error.code,
      ).toBe('E_NOT_FOUND')
      expect((await api('sa', 'POST', '/api/visits/v-c-a1-3/review', { status: 'rejected' })).status).toBe(
        400,
      )
      expect(await query("SELECT review_status FROM visits WHERE id = 'v-c-a1-3'")).toEqual([
        { review_status: 'pending' },
      ])
    })
  })

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

  describe('CSV import', () => {
    const csv = [
      '名称,电话,地址,城市,负责人,标签',
      '新店甲,13911110001,上海市徐汇区虹桥路1号,上海,a2@test.local,新客',
      ',13911110002,上海市徐汇区虹桥路2号,上海,,',
      '新店乙,13911110003,上海市徐汇区虹桥路3号,上海,b1@test.local,',
      '新店丙,139 1111 0004,上海市徐汇区虹桥路4号,上海,,',
    ].join('\n')
    const columns = {
      name: '名称',
      phone: '电话',
      address: '地址',
      city: '城市',
      owner: '负责人',
      tags: '标签',
    }
    const names = async () =>
      (await query("SELECT name FROM customers WHERE name LIKE '新店%' ORDER BY name")).map((r) => r.name)

    it('a file with bad lines imports nothing; with skipInvalid the valid lines arrive on the owner’s device', async () => {
      const dry = await api('sa', 'POST', '/api/import/customers?dryRun=1&source=crm', { csv, columns })
      expect(dry.json).toMatchObject({ rows: 4, valid: 2, imported: 0 })
      expect(dry.json.errors.map((e: { line: number; field: string }) => [e.line, e.field])).toEqual([
        [3, 'name'],
        [4, 'owner'], // b1 is in another team
      ])
      const blocked = await api('sa', 'POST', '/api/import/customers?dryRun=0&source=crm', { csv, columns })
      expect(blocked.json.imported).toBe(0)
      expect(await names()).toEqual([])
      const a2 = await device('a2')
      await a2.sync('customers')
      const ok = await api('sa', 'POST', '/api/import/customers?dryRun=0&skipInvalid=1&source=crm', {
        csv,
        columns,
      })
      expect(ok.json.imported).toBe(2)
      expect(await names()).toEqual(['新店丙', '新店甲'])
      const mine = [...(await a2.sync('customers')).values()].find((c) => c.name === '新店甲')
      expect(mine).toMatchObject({ ownerRepId: 'a2', teamId: 'team-a', tags: ['新客'] })
      expect(await query("SELECT owner_rep_id, team_id FROM customers WHERE name = '新店丙'")).toEqual([
        { owner_rep_id: null, team_id: 'team-a' },
      ])
      const saved = await api('sa', 'GET', '/api/import/mappings/crm')
      expect(saved.json).toMatchObject({ source: 'crm', kind: 'customers', columns })
      expect((await api('sa', 'GET', '/api/import/mappings/unknown')).status).toBe(404)
      expect((await api('a1', 'POST', '/api/import/customers?dryRun=1', { csv, columns })).status).toBe(403)
      a2.close()
    })

    it('flags a line matching an existing customer and merges it into that customer on request', async () => {
      // c-a1-4 is seeded with phone 13800000000 at 上海市徐汇区漕溪北路1号.
      await env.tdb.db.pool.query(
        "UPDATE customers SET name = '老王便利店', doc = doc || '{\"name\":\"老王便利店\"}' WHERE id = 'c-a1-4'",
      )
      const file =
        '名称,电话,地址,城市,标签\n老王 便利店,+86 138-0000-0000,上海市徐汇区漕溪北路1号,上海,社区店\n'
      const cols = { name: '名称', phone: '电话', address: '地址', city: '城市', tags: '标签' }
      const dry = await api('sa', 'POST', '/api/import/customers?dryRun=1', { csv: file, columns: cols })
      expect(dry.json.duplicates).toEqual([
        expect.objectContaining({ line: 2, matches: expect.arrayContaining(['c-a1-4']) }),
      ])
      const before = (await query('SELECT count(*)::int AS n FROM customers'))[0].n
      const merged = await api('sa', 'POST', '/api/import/customers?dryRun=0', {
        csv: file,
        columns: cols,
        merge: [{ line: 2, into: 'c-a1-4' }],
      })
      expect(merged.json.imported).toBe(1)
      expect((await query('SELECT count(*)::int AS n FROM customers'))[0].n).toBe(before)
      const [row] = await query("SELECT doc FROM customers WHERE id = 'c-a1-4'")
      expect(row.doc.tags).toContain('社区店')
      const foreign = await api('sb', 'POST', '/api/import/customers?dryRun=1', {
        csv: file,
        columns: cols,
        merge: [{ line: 2, into: 'c-a1-4' }],
      })
      expect(foreign.json.errors).toEqual([expect.objectContaining({ line: 2, field: 'merge' })])
    })

    it('rejects a mapping that names a column the file lacks', async () => {
      const res = await api('sa', 'POST', '/api/import/customers?dryRun=1', {
        csv,
        columns: { name: 'Name' },
      })
      expect([res.status, res.json.error.code]).toEqual([400, 'E_VALIDATION'])
      expect(res.json.error.message).toContain('"Name"')
      // Roles a form leaves unmapped ('' or null) are ignored rather than refused.
      const blank = await api('sa', 'POST', '/api/import/customers?dryRun=1', {
        csv,
        columns: { ...columns, district: '', lat: null },
      })
      expect(blank.json).toMatchObject({ rows: 4, imported: 0 })
    })

    it('imports orders grouped by order number, once; an unknown customer is an error line', async () => {
      const file = [
        '客户,单号,日期,商品,数量,单价',
        'c-a1-1,SO-1,2026-02-01,矿泉水,10,2.5',
        'c-a1-1,SO-1,2026-02-01,方便面,5,4',
        '客户 c-a2-1,SO-2,2026/2/3,矿泉水,1,2.5',
        '不存在的店,SO-3,2026-02-04,矿泉水,1,2.5',
      ].join('\n')
      const columns = {
        customer: '客户',
        order: '单号',
        date: '日期',
        product: '商品',
        quantity: '数量',
        price: '单价',
      }
      const blocked = await api('sa', 'POST', '/api/import/orders?dryRun=0', { csv: file, columns })
      expect(blocked.json).toMatchObject({
        rows: 4,
        valid: 3,
        imported: 0,
        errors: [expect.objectContaining({ line: 5, field: 'customer' })],
      })
      const ok = await api('sa', 'POST', '/api/import/orders?dryRun=0&skipInvalid=1&source=crm', {
        csv: file,
        columns,
      })
      expect(ok.json.imported).toBe(3)
      // One saved mapping per source and kind: the customer mapping of `crm` survives.
      expect((await api('sa', 'GET', '/api/import/mappings/crm?kind=orders')).json.columns).toEqual(columns)
      expect((await api('sa', 'GET', '/api/import/mappings/crm?kind=customers')).json.kind).toBe('customers')
      expect((await api('sa', 'GET', '/api/import/mappings/crm')).json.kind).toBe('orders')
      const stored = await query(
        "SELECT customer_id, total::float AS total FROM orders WHERE doc->>'orderedAt' >= '2026-01-31' ORDER BY customer_id",
      )
      expect(stored).toEqual([
        { customer_id: 'c-a1-1', total: 45 },
        { customer_id: 'c-a2-1', total: 2.5 },
      ])
      const again = await api('sa', 'POST', '/api/import/orders?dryRun=0&skipInvalid=1', {
        csv: file,
        columns,
      })
      expect(again.json.imported).toBe(0)
      expect(again.json.duplicates.map((d: { line: number }) => d.line)).toEqual([2, 3, 4])
    })
  })

  describe('customer merge', () => {
    it('keeps every order, visit, task, contact and complaint of both customers under the survivor', async () => {
      await env.tdb.db.tx(async (client) => {
        await bulkInsert(
          client,
          tables.visits,
          [visitDoc('v-dup-2', 'c-a2-3', { authorId: 'a2', ownerRepId: 'a2' })],
          () => ({ owner_rep_id: 'a2', team_id: 'team-a' }),
        )
        await bulkInsert(
          client,
          tables.contacts,
          [
            {
              id: 'ct-dup',
              createdAt: T0,
              updatedAt: T0,
              clocks: {},
              customerId: 'c-a2-3',
              name: '李经理',
              phone: '13700001234',
              primary: true,
            },
          ],
          () => ({ owner_rep_id: 'a2', team_id: 'team-a' }),
        )
        await bulkInsert(
          client,
          tables.tasks,
          [
            {
              id: 't-dup',
              createdAt: T0,
              updatedAt: T0,
              clocks: {},
              customerId: 'c-a2-3',
              assigneeId: 'a2',
              kind: 'callback',
              title: '回访',
              due: '2026-02-01',
              status: 'open',
              doneAt: null,
              sourceVisitId: null,
            },
          ],
          () => ({ team_id: 'team-a' }),
        )
        await bulkInsert(
          client,
          tables.complaints,
          [
            {
              id: 'cmp-dup',
              createdAt: T0,
              updatedAt: T0,
              clocks: {},
              ...newComplaintFields({
                id: 'cmp-dup',
                stepId: 'cmp-dup-open',
                customerId: 'c-a2-3',
                visitId: null,
                category: 'price',
                severity: 'low',
                description: '价格偏高',
                by: 'a2',
                at: T0,
                dueAt: '2026-01-02T00:00:00.000Z',
              }),
            },
          ],
          () => ({ owner_rep_id: 'a2', team_id: 'team-a' }),
        )
      })
      expect(
        (await api('sb', 'POST', '/api/customers/merge', { survivorId: 'c-a1-3', duplicateId: 'c-a2-3' }))
          .status,
      ).toBe(403)
      expect(
        (await api('a1', 'POST', '/api/customers/merge', { survivorId: 'c-a1-3', duplicateId: 'c-a2-3' }))
          .status,
      ).toBe(403)
      expect(
        (await api('sa', 'POST', '/api/customers/merge', { survivorId: 'c-a1-3', duplicateId: 'nope' }))
          .status,
      ).toBe(404)
      const a1 = await device('a1', 'a1-merge')
      await a1.sync('visits')
      const res = await api('sa', 'POST', '/api/customers/merge', {
        survivorId: 'c-a1-3',
        duplicateId: 'c-a2-3',
      })
      expect(res.status).toBe(200)
      expect(res.json.moved).toMatchObject({ visits: 2, complaints: 1 })
      const [complaint] = await query(
        "SELECT customer_id, owner_rep_id, doc->>'customerId' AS doc_customer FROM complaints WHERE id = 'cmp-dup'",
      )
      expect(complaint).toEqual({ customer_id: 'c-a1-3', owner_rep_id: 'a1', doc_customer: 'c-a1-3' })
      const [dup] = await query(
        "SELECT deleted, doc->>'mergedInto' AS merged_into FROM customers WHERE id = 'c-a2-3'",
      )
      expect(dup).toEqual({ deleted: true, merged_into: 'c-a1-3' })
      // Old revisions stay; new revisions of both visits point at the survivor and reach its owner.
      const visits = await query(
        "SELECT revision_of, revision, customer_id FROM visits WHERE revision_of IN ('v-c-a2-3', 'v-dup-2') ORDER BY revision_of, revision",
      )
      expect(visits.map((v) => `${v.revision_of}#${v.revision}@${v.customer_id}`)).toEqual([
        'v-c-a2-3#1@c-a2-3',
        'v-c-a2-3#2@c-a1-3',
        'v-dup-2#1@c-a2-3',
        'v-dup-2#2@c-a1-3',
      ])
      const pulled = [...(await a1.sync('visits')).values()].filter((v) => v.customerId === 'c-a1-3')
      expect(pulled.map((v) => v.revisionOf).sort()).toEqual(['v-c-a1-3', 'v-c-a2-3', 'v-dup-2'])
      expect(await query("SELECT customer_id, owner_rep_id FROM contacts WHERE id = 'ct-dup'")).toEqual([
        { customer_id: 'c-a1-3', owner_rep_id: 'a1' },
      ])
      expect(await query("SELECT customer_id FROM tasks WHERE id = 't-dup'")).toEqual([
        { customer_id: 'c-a1-3' },
      ])
      a1.close()
    })
  })

  describe('CSV exports', () => {
    it('visits: BOM, CRLF, Chinese headers by default, the supervisor’s team only', async () => {
      const res = await api('sa', 'GET', '/api/export/visits.csv?from=2026-01-01&to=2026-01-31')
      expect(res.status).toBe(200)
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename=/)
      const bytes = new Uint8Array(
        await (
          await fetch(`${env.baseUrl}/api/export/visits.csv?from=2026-01-01&to=2026-01-31`, {
            headers: { authorization: `Bearer ${await tokenFor('sa')}` },
          })
        ).arrayBuffer(),
      )
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
      const lines = res.text.replace(/^\uFEFF/, '').split('\r\n')
      expect(lines[0]).toMatch(/^拜访日期,签到时间,/)
      expect(res.text).not.toMatch(/[^\r]\n/)
      expect(res.text).toContain('已通过')
      expect(res.text).not.toContain('c-b1')
      // The UI sends `lang=zh` / `lang=en` and may leave out the dates (everything up to today).
      const all = await api('sa', 'GET', '/api/export/visits.csv?lang=zh')
      expect([all.status, all.text.replace(/^\uFEFF/, '').startsWith('拜访日期,')]).toEqual([200, true])
      expect(all.text.split('\r\n').length).toBeGreaterThanOrEqual(lines.length)
      const en = await api('admin', 'GET', '/api/export/visits.csv?from=2026-01-01&to=2026-01-31&lang=en')
      expect(en.text.replace(/^\uFEFF/, '').startsWith('Date,Check-in,')).toBe(true)
      expect(en.text).toContain('客户 c-b1-1')
      expect((await api('a1', 'GET', '/api/export/visits.csv?from=2026-01-01&to=2026-01-31')).status).toBe(
        403,
      )
      expect((await api('sa', 'GET', '/api/export/visits.csv?from=2026-02-01&to=2026-01-01')).status).toBe(
        400,
      )
    })

    it('segments: one line per team customer with tier, segment and lifecycle', async () => {
      const res = await api('sa', 'GET', '/api/export/segments.csv')
      expect(res.status).toBe(200)
      const lines = res.text
        .replace(/^\uFEFF/, '')
        .trimEnd()
        .split('\r\n')
      expect(lines[0]).toBe(
        '客户编号,客户名称,负责人,价值等级,RFM 分群,生命周期,客户评分,最近购买（天前）,购买次数,消费金额,标签,分群代码,生命周期代码,标签代码',
      )
      // Without `lang`, the browser's language decides.
      const english = await fetch(`${env.baseUrl}/api/export/segments.csv`, {
        headers: {
          authorization: `Bearer ${await tokenFor('sa')}`,
          'accept-language': 'en-US,en;q=0.9,zh;q=0.8',
        },
      })
      expect((await english.text()).replace(/^\uFEFF/, '').startsWith('Customer ID,Customer,')).toBe(true)
      const ids = lines.slice(1).map((l) => l.split(',')[0])
      expect(ids).toContain('c-a1-1')
      expect(ids.some((id) => id?.startsWith('c-b1'))).toBe(false)
      expect(ids).not.toContain('c-a2-3') // merged away
      expect((await api('a1', 'GET', '/api/export/segments.csv')).status).toBe(403)
    })
  })
})

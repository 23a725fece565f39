import { describe, expect, it } from 'vitest'
import { stores } from '../testing/index.ts'
import { supervisorApi } from './supervisor-fixtures.ts'

describe.each(stores)('supervisor API on $name', ({ fresh }) => {
  const { env, device, api, query } = supervisorApi(fresh)

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
})

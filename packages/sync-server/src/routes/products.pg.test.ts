import { describe, expect, it } from 'vitest'
import { stores } from '../testing/index.ts'
import { tinyOrgApp } from '../testing/tiny-org-app.ts'

// biome-ignore lint/suspicious/noExplicitAny: responses are read loosely; the assertions check their shape
type Json = Record<string, any>

describe.each(stores)('product catalogue ($name)', ({ fresh }) => {
  const env = tinyOrgApp(fresh, { perRep: 1 })
  const as = env.as
  const tea = { sku: 'TEA-01', name: '龙井 250g', category: '茶叶', unit: '盒', price: 88, active: true }

  it('supervisors keep the catalogue, reps cannot; every device receives it; each change is audited', async () => {
    expect((await as('a1', 'GET', '/api/admin/products')).status).toBe(403)
    expect((await as('a1', 'POST', '/api/admin/products', tea)).status).toBe(403)
    const made = await as('sa', 'POST', '/api/admin/products', tea)
    expect(made.status).toBe(201)
    expect((await as('sb', 'POST', '/api/admin/products', { ...tea, name: '别的' })).json.error.code).toBe(
      'E_CONFLICT',
    )
    expect((await as('sa', 'POST', '/api/admin/products', { ...tea, sku: 'X', price: -1 })).status).toBe(400)
    const changed = await as('admin', 'PUT', `/api/admin/products/${made.json.id}`, { ...tea, price: 92 })
    expect(changed.json).toMatchObject({ id: made.json.id, price: 92 })

    const device = await env.device('b1')
    try {
      const products = await device.sync('products')
      expect(products.get(made.json.id)).toMatchObject({ sku: 'TEA-01', price: 92, unit: '盒' })
    } finally {
      device.close()
    }
    const audit = (await as('admin', 'GET', '/api/admin/audit?limit=10')).json as Json[]
    const update = audit.find((e) => e.action === 'product.update')
    expect(update).toMatchObject({ actorId: 'admin', before: { price: 88 }, after: { price: 92 } })
    expect(audit.find((e) => e.action === 'product.create')).toMatchObject({ actorId: 'sa' })
  })

  it('imports a catalogue file with the customers checks: bad lines block, repeats skip, a second run updates', async () => {
    const csv = [
      '产品编码,产品名称,类别,单位,单价,在售',
      'OIL-5L,花生油 5L,粮油,桶,"¥1,08.00",是',
      'RICE-10,东北大米 10kg,粮油,袋,65,',
      'RICE-10,东北大米 10kg,粮油,袋,65,',
      'SALT-1,,调味,包,abc,也许',
    ].join('\n')
    const columns = {
      sku: '产品编码',
      name: '产品名称',
      category: '类别',
      unit: '单位',
      price: '单价',
      active: '在售',
    }
    const preview = await as('sa', 'POST', '/api/import/products?dryRun=1', { csv, columns })
    expect(preview.json.counts).toEqual({ insert: 2, merge: 0, skip: 1, review: 0, invalid: 1 })
    expect(preview.json.errors.map((e: Json) => `${e.line}:${e.field}`)).toEqual([
      '5:name',
      '5:price',
      '5:active',
    ])
    expect(preview.json.duplicates).toMatchObject([{ line: 4, kind: 'exact', action: { action: 'skip' } }])

    const refused = await as('sa', 'POST', '/api/import/products', { csv, columns })
    expect([refused.json.blocked, refused.json.imported]).toEqual([true, 0])
    const done = await as('sa', 'POST', '/api/import/products?skipInvalid=1', { csv, columns })
    expect([done.json.imported, done.json.counts]).toEqual([2, preview.json.counts])
    const listed = (await as('sa', 'GET', '/api/admin/products')).json as Json[]
    expect(listed.find((p) => p.sku === 'OIL-5L')).toMatchObject({ price: 108, active: true, unit: '桶' })

    const again = await as('sa', 'POST', '/api/import/products?skipInvalid=1', { csv, columns })
    expect(again.json.counts).toMatchObject({ insert: 0, merge: 2 })
    expect((await as('sa', 'GET', '/api/admin/products')).json).toHaveLength(listed.length)
    const audit = (await as('admin', 'GET', '/api/admin/audit?action=import.products')).json as Json[]
    expect(audit).toHaveLength(2)
    expect(audit[0]).toMatchObject({ actorId: 'sa', after: { imported: 2 } })
  })
})

import { describe, expect, it } from 'vitest'
import { stores } from '../testing/index.ts'
import { tinyOrgApp } from '../testing/tiny-org-app.ts'

// biome-ignore lint/suspicious/noExplicitAny: responses are read loosely; the assertions check their shape
type Json = Record<string, any>

describe.each(stores)('custom fields ($name)', ({ fresh }) => {
  const env = tinyOrgApp(fresh, { perRep: 1 })
  const as = env.as
  const payment = {
    key: 'payment',
    label: { en: 'Payment terms', zh: '结算方式' },
    type: 'choice',
    options: ['月结', '现结'],
    required: false,
  }
  const credit = { key: 'credit', label: { en: 'Credit limit', zh: '信用额度' }, type: 'number' }
  const stampAt = (device: string) => `${Date.now()}-0000-${device}`

  it('only an admin defines fields; keys are unique, reserved ones refused; every device receives them', async () => {
    expect((await as('sa', 'POST', '/api/admin/custom-fields', payment)).status).toBe(403)
    expect((await as('a1', 'GET', '/api/admin/custom-fields')).status).toBe(403)
    const made = await as('admin', 'POST', '/api/admin/custom-fields', payment)
    expect(made.status).toBe(201)
    expect((await as('admin', 'POST', '/api/admin/custom-fields', credit)).status).toBe(201)
    expect((await as('admin', 'POST', '/api/admin/custom-fields', payment)).json.error.code).toBe(
      'E_CONFLICT',
    )
    for (const key of ['constructor', '__proto__', 'tier'])
      expect((await as('admin', 'POST', '/api/admin/custom-fields', { ...credit, key })).status, key).toBe(
        400,
      )
    const noOptions = await as('admin', 'POST', '/api/admin/custom-fields', {
      ...payment,
      key: 'x',
      options: [],
    })
    expect(noOptions.json.error.code).toBe('E_VALIDATION')
    const renamed = await as('admin', 'PUT', `/api/admin/custom-fields/${made.json.id}`, {
      ...payment,
      key: 'pay',
    })
    expect(renamed.json.error.code).toBe('E_CONFLICT')
    const changed = await as('admin', 'PUT', `/api/admin/custom-fields/${made.json.id}`, {
      ...payment,
      options: ['月结', '现结', '季结'],
    })
    expect(changed.json).toMatchObject({ key: 'payment', options: ['月结', '现结', '季结'] })

    const device = await env.device('b1')
    try {
      const fields = await device.sync('customFieldDefinitions')
      expect(fields.get(made.json.id)).toMatchObject({ key: 'payment', label: { zh: '结算方式' } })
    } finally {
      device.close()
    }
    const audit = (await as('admin', 'GET', '/api/admin/audit?limit=10')).json as Json[]
    expect(audit.find((e) => e.action === 'customField.update')).toMatchObject({
      before: { options: ['月结', '现结'] },
      after: { options: ['月结', '现结', '季结'] },
    })
  })

  it('a rep’s push with a value of the wrong type or an unknown key is refused; a right one is stored', async () => {
    const a1 = await env.device('a1')
    try {
      const stored = (await a1.sync('customers')).get('c-a1-1') as Json
      const push = (customFields: Json) =>
        a1.push('customers', [
          {
            newDocumentState: {
              ...stored,
              customFields,
              clocks: {
                ...stored.clocks,
                ...Object.fromEntries(
                  Object.keys(customFields).map((k) => [`customFields.${k}`, stampAt('dev-a1')]),
                ),
              },
            },
            assumedMasterState: stored,
          },
        ])
      expect(await push({ credit: '五千' })).toMatchObject({
        type: 'error',
        code: 'E_VALIDATION',
        message: 'invalid custom field value: customFields.credit: must be a number',
        details: [{ docId: 'c-a1-1', field: 'customFields.credit' }],
      })
      expect(await push({ payment: '年结' })).toMatchObject({
        code: 'E_VALIDATION',
        details: [{ field: 'customFields.payment', reason: expect.stringContaining('月结, 现结, 季结') }],
      })
      expect(await push({ mystery: 'x' })).toMatchObject({
        code: 'E_VALIDATION',
        details: [{ field: 'customFields.mystery', reason: 'customFields.mystery: no such custom field' }],
      })
      const { rows } = await env.tdb.db.pool.query(
        "SELECT doc->'customFields' AS f FROM customers WHERE id = 'c-a1-1'",
      )
      expect(rows).toEqual([{ f: {} }])

      expect(await push({ credit: 5000, payment: '现结' })).toMatchObject({ type: 'pushResult' })
      const after = await env.tdb.db.pool.query(
        "SELECT doc->'customFields' AS f FROM customers WHERE id = 'c-a1-1'",
      )
      expect(after.rows).toEqual([{ f: { credit: 5000, payment: '现结' } }])
    } finally {
      a1.close()
    }
  })

  it('a value stored before its field was defined does not block another edit', async () => {
    await env.tdb.db.pool.query(
      `UPDATE customers SET doc = jsonb_set(doc, '{customFields}', '{"旧列": "保留"}') WHERE id = 'c-b1-1'`,
    )
    const b1 = await env.device('b1')
    try {
      const stored = (await b1.sync('customers')).get('c-b1-1') as Json
      const res = await b1.push('customers', [
        {
          newDocumentState: {
            ...stored,
            customFields: { ...stored.customFields, credit: 100 },
            clocks: { ...stored.clocks, 'customFields.credit': stampAt('dev-b1') },
          },
          assumedMasterState: stored,
        },
      ])
      expect(res).toMatchObject({ type: 'pushResult' })
    } finally {
      b1.close()
    }
  })
})

import { DEFAULT_MAX_ORDER_QUANTITY, defaultServicePolicy } from '@outrider/domain'
import { describe, expect, it } from 'vitest'
import { freshPostgres } from '../testing/index.ts'
import { tinyOrder, tinyOrgApp } from '../testing/tiny-org-app.ts'

type Doc = Record<string, unknown> & { id: string }
type Reply = { type: string; code?: string; applied?: number; details?: { docId?: string; field?: string }[] }

describe('an order line’s quantity limit is the policy’s (postgres)', () => {
  const env = tinyOrgApp(freshPostgres, { perRep: 1 })
  const push = async (doc: Doc) => {
    const d = await env.device('a1')
    const res = (await d.push('orders', [{ newDocumentState: doc, assumedMasterState: null }])) as Reply
    d.close()
    return res
  }
  const order = (id: string, quantity: number): Doc => {
    const o = tinyOrder(id, 'c-a1-1', 'a1', '2026-01-05T03:00:00.000Z', 3)
    return { ...o, lines: [{ ...o.lines[0]!, quantity }] }
  }
  const savePolicy = async (maxOrderQuantity: number) => {
    const token = await env.tokenFor('admin')
    const res = await fetch(`${env.baseUrl}/api/policies/policy-default`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        ...structuredClone(defaultServicePolicy),
        id: 'policy-default',
        maxOrderQuantity,
      }),
    })
    return res.status
  }

  it('refuses a line above the default limit without a policy value, and the policy’s own limit once saved', async () => {
    expect(await push(order('o-big', DEFAULT_MAX_ORDER_QUANTITY + 1))).toMatchObject({
      type: 'error',
      code: 'E_VALIDATION',
      details: [{ docId: 'o-big', field: 'lines.0.quantity' }],
    })
    expect((await push(order('o-max', DEFAULT_MAX_ORDER_QUANTITY))).applied).toBe(1)
    expect(await savePolicy(50)).toBe(200)
    expect(await push(order('o-51', 51))).toMatchObject({ code: 'E_VALIDATION' })
    expect((await push(order('o-50', 50))).applied).toBe(1)
    // A limit the schema refuses is not stored.
    expect(await savePolicy(0)).toBe(400)
  })
})

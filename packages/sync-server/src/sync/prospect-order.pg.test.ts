import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { customerDoc, stores, type TestDevice } from '../testing/index.ts'
import { tinyOrder, tinyOrgApp } from '../testing/tiny-org-app.ts'

const phoneClock = '1767225700000-0000-dev-a1'
const created = { name: phoneClock, status: phoneClock, phone: phoneClock }

// A prospect becomes a customer with its first order: the server does it when the order arrives, so a
// device that never changed the status itself (an older app, an import) still sees it, and the change
// merges with edits made elsewhere instead of undoing them.
describe.each(stores)('a prospect’s first order, on $name', ({ fresh }) => {
  const env = tinyOrgApp(fresh, { perRep: 1 })
  let phone: TestDevice
  const prospect = (id: string, extra: Record<string, unknown> = {}) =>
    customerDoc(id, 'a1', 'team-a', {
      status: 'prospect',
      clocks: created,
      ...extra,
    })
  const stored = async (id: string) => {
    const res = await phone.push('customers', [{ newDocumentState: prospect(id), assumedMasterState: null }])
    expect(res).toMatchObject({ type: 'pushResult', applied: 1 })
  }
  const order = (id: string, customerId: string, status = 'placed') => ({
    ...tinyOrder(id, customerId, 'a1', '2026-01-02T02:00:00.000Z', 5),
    status,
  })
  const pushed = async (docs: Record<string, unknown>[]) =>
    phone.push(
      'orders',
      docs.map((d) => ({ newDocumentState: d, assumedMasterState: null })),
    )

  beforeAll(async () => {
    phone = await env.device('a1')
  })
  afterAll(() => phone?.close())

  it('makes the prospect a customer, which the rep’s next pull delivers', async () => {
    await stored('c-p-1')
    await phone.sync('customers')
    expect(await pushed([order('o-p-1', 'c-p-1')])).toMatchObject({ type: 'pushResult', applied: 1 })
    const customer = (await phone.sync('customers')).get('c-p-1')
    expect(customer?.status).toBe('customer')
    const clocks = customer?.clocks as Record<string, string> | undefined
    expect(String(clocks?.status) > phoneClock).toBe(true)
  })

  it('keeps it a customer when a phone that still had it as a prospect edits another field', async () => {
    const before = prospect('c-p-1')
    const res = await phone.push('customers', [
      {
        newDocumentState: {
          ...before,
          phone: '13900000000',
          clocks: { ...created, phone: '1767225800000-0000-dev-a1' },
        },
        assumedMasterState: before,
      },
    ])
    expect(res).toMatchObject({ type: 'pushResult' })
    const customer = (await phone.sync('customers')).get('c-p-1')
    expect(customer).toMatchObject({ status: 'customer', phone: '13900000000' })
  })

  it('leaves a prospect whose only order was cancelled, and an inactive customer, as they were', async () => {
    await stored('c-p-2')
    const inactive = prospect('c-p-3', { status: 'inactive' })
    await phone.push('customers', [{ newDocumentState: inactive, assumedMasterState: null }])
    await pushed([order('o-p-2', 'c-p-2', 'cancelled'), order('o-p-3', 'c-p-3')])
    const customers = await phone.sync('customers')
    expect(customers.get('c-p-2')?.status).toBe('prospect')
    expect(customers.get('c-p-3')?.status).toBe('inactive')
  })
})

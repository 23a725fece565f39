import { formatStamp } from '@outrider/domain'
import { describe, expect, it } from 'vitest'
import { stores, visitDoc } from '../testing/index.ts'
import { tinyOrgApp } from '../testing/tiny-org-app.ts'

type Doc = Record<string, unknown> & { id: string }

describe.each(stores)('sync guarantees on $name', ({ fresh }) => {
  const env = tinyOrgApp(fresh, { perRep: 8 })
  const { device, tokenFor } = env
  const query = async (sql: string, params: unknown[] = []) => (await env.tdb.db.pool.query(sql, params)).rows
  /** A test-only trigger that makes the database fail on one row, like a constraint or disk error would. */
  const failOn = async (table: string, column: string, value: string) => {
    await query(`CREATE OR REPLACE FUNCTION test_fail_${table}() RETURNS trigger AS $$
      BEGIN IF NEW.${column} = '${value}' THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END
      $$ LANGUAGE plpgsql`)
    await query(
      `CREATE TRIGGER zz_test_fail BEFORE INSERT OR UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION test_fail_${table}()`,
    )
    return () => query(`DROP TRIGGER zz_test_fail ON ${table}`)
  }
  const edit = (base: Doc, fields: Doc | Record<string, unknown>, stamp: string) => ({
    ...base,
    ...fields,
    clocks: {
      ...(base.clocks as Record<string, string>),
      ...Object.fromEntries(Object.keys(fields).map((k) => [k, stamp])),
    },
  })

  it('a re-sent customer push logs no second conflict and does not touch the stored row', async () => {
    const phone = await device('a1', 'idem-phone')
    const tablet = await device('a1', 'idem-tablet')
    const base = (await phone.sync('customers')).get('c-a1-1')!
    const fromPhone = edit(base, { phone: '13911110000' }, '1767312000000-0000-idem-phone')
    const fromTablet = edit(base, { phone: '13722220000' }, '1767312009000-0000-idem-tablet')
    const phoneRows = [{ newDocumentState: fromPhone, assumedMasterState: base }]
    const tabletRows = [{ newDocumentState: fromTablet, assumedMasterState: base }]
    expect(await phone.push('customers', phoneRows)).toMatchObject({ type: 'pushResult', applied: 1 })
    expect(await tablet.push('customers', tabletRows)).toMatchObject({ type: 'pushResult', applied: 1 })
    const logged = await query("SELECT id, txid::text FROM conflicts WHERE doc_id = 'c-a1-1'")
    expect(logged).toHaveLength(1)
    const [before] = await query("SELECT txid::text, doc FROM customers WHERE id = 'c-a1-1'")

    // Both devices lost their acknowledgement and send the same pushes again.
    expect(await tablet.push('customers', tabletRows)).toMatchObject({ type: 'pushResult', applied: 0 })
    expect(await phone.push('customers', phoneRows)).toMatchObject({ type: 'pushResult', applied: 0 })

    expect(await query("SELECT id, txid::text FROM conflicts WHERE doc_id = 'c-a1-1'")).toEqual(logged)
    const [after] = await query("SELECT txid::text, doc FROM customers WHERE id = 'c-a1-1'")
    expect(after).toEqual(before)
    expect(after.doc.phone).toBe('13722220000')
    phone.close()
    tablet.close()
  })

  it('a database failure in the middle of a batch rolls the whole batch back', async () => {
    const a1 = await device('a1', 'atomic-db')
    const undo = await failOn('visits', 'id', 'v-db-boom')
    const batch = ['v-db-ok-1', 'v-db-boom', 'v-db-ok-2'].map((id, i) => ({
      newDocumentState: visitDoc(id, `c-a1-${i + 2}`),
      assumedMasterState: null,
    }))
    try {
      expect(await a1.push('visits', batch)).toMatchObject({ type: 'error', code: 'E_INTERNAL' })
      expect(await query("SELECT id FROM visits WHERE id LIKE 'v-db-%'")).toEqual([])
    } finally {
      await undo()
    }
    // The socket survives, and the device's retry goes through once the database is healthy again.
    expect(await a1.request({ type: 'ping' })).toMatchObject({ type: 'pong' })
    expect(await a1.push('visits', batch)).toMatchObject({ type: 'pushResult', applied: 3 })
    a1.close()
  })

  it('a failure writing the conflict log also undoes the merged customer', async () => {
    const phone = await device('a1', 'atomic-phone')
    const tablet = await device('a1', 'atomic-tablet')
    const base = (await phone.sync('customers')).get('c-a1-6')!
    const fromPhone = edit(base, { notes: '电话备注' }, '1767312000000-0000-atomic-phone')
    const fromTablet = edit(
      base,
      { notes: '平板备注', phone: '13600001111' },
      '1767312005000-0000-atomic-tablet',
    )
    expect(
      await phone.push('customers', [{ newDocumentState: fromPhone, assumedMasterState: base }]),
    ).toMatchObject({ type: 'pushResult' })
    const [before] = await query("SELECT txid::text, doc FROM customers WHERE id = 'c-a1-6'")
    const undo = await failOn('conflicts', 'doc_id', 'c-a1-6')
    try {
      const res = await tablet.push('customers', [{ newDocumentState: fromTablet, assumedMasterState: base }])
      expect(res).toMatchObject({ type: 'error', code: 'E_INTERNAL' })
    } finally {
      await undo()
    }
    expect((await query("SELECT txid::text, doc FROM customers WHERE id = 'c-a1-6'"))[0]).toEqual(before)
    expect(await query("SELECT id FROM conflicts WHERE doc_id = 'c-a1-6'")).toEqual([])
    phone.close()
    tablet.close()
  })

  it('an edit stamped more than a day ahead of the server is refused, so a wrong clock cannot win forever', async () => {
    const a1 = await device('a1', 'skewed')
    const base = (await a1.sync('customers')).get('c-a1-7')!
    const [before] = await query("SELECT txid::text, doc FROM customers WHERE id = 'c-a1-7'")
    const farFuture = formatStamp(Date.now() + 3 * 86_400_000, 0, 'skewed')
    const res = await a1.push('customers', [
      { newDocumentState: edit(base, { notes: '来自未来' }, farFuture), assumedMasterState: base },
    ])
    expect(res).toMatchObject({
      type: 'error',
      code: 'E_VALIDATION',
      details: [expect.objectContaining({ docId: 'c-a1-7', field: 'clocks.notes' })],
    })
    expect((await query("SELECT txid::text, doc FROM customers WHERE id = 'c-a1-7'"))[0]).toEqual(before)
    // A device a few minutes fast is normal and still accepted.
    const slightlyAhead = formatStamp(Date.now() + 5 * 60_000, 0, 'skewed')
    const ok = await a1.push('customers', [
      { newDocumentState: edit(base, { notes: '快了几分钟' }, slightlyAhead), assumedMasterState: base },
    ])
    expect(ok).toMatchObject({ type: 'pushResult', applied: 1 })
    a1.close()
  })

  it('a customer moved to another team leaves supervisor A’s slice and reaches supervisor B’s with its history', async () => {
    const sa = await device('sa', 'sa-team-move')
    const sb = await device('sb', 'sb-team-move')
    for (const d of [sa, sb]) {
      await d.sync('customers', 500)
      await d.sync('visits', 500)
    }
    expect(sa.local.get('customers')!.has('c-a2-3')).toBe(true)
    expect(sb.local.get('customers')!.has('c-a2-3')).toBe(false)
    // Some history beyond the seeded visit, written before the move.
    const a2 = await device('a2', 'a2-team-move')
    await a2.push('visits', [
      { newDocumentState: visitDoc('v-before-move', 'c-a2-3'), assumedMasterState: null },
    ])
    a2.close()

    const res = await fetch(`${env.baseUrl}/api/customers/assign`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenFor('admin')}` },
      body: JSON.stringify({ customerIds: ['c-a2-3'], repId: 'b1' }),
    })
    expect(await res.json()).toEqual({ moved: 1 })

    await sa.sync('customers')
    await sa.sync('visits')
    expect(sa.local.get('customers')!.has('c-a2-3')).toBe(false)
    expect(sa.local.get('visits')!.has('v-c-a2-3')).toBe(false)
    expect(sa.local.get('visits')!.has('v-before-move')).toBe(false)
    await sb.sync('customers')
    await sb.sync('visits')
    expect(sb.local.get('customers')!.get('c-a2-3')).toMatchObject({ ownerRepId: 'b1', teamId: 'team-b' })
    expect(sb.local.get('visits')!.has('v-c-a2-3')).toBe(true)
    expect(sb.local.get('visits')!.has('v-before-move')).toBe(true)
    // Supervisor A may no longer change it; B may.
    const late = await sa.push('visits', [
      { newDocumentState: visitDoc('v-sa-late', 'c-a2-3'), assumedMasterState: null },
    ])
    expect(late).toMatchObject({ type: 'error', code: 'E_FORBIDDEN' })
    sa.close()
    sb.close()
  })
})

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Customer } from '../model/customer.ts'
import { conflictLogEntrySchema } from '../protocol/conflict-log-entry.ts'
import { applyEdit, latestStamp } from './edit.ts'
import { createClock, type HlcClock } from './hlc.ts'
import { type Doc, sameContent } from './record-fields.ts'
import { resolveConflict } from './resolve-conflict.ts'
import { makeConflictHandler } from './rxdb-conflict-handler.ts'
import { sampleCustomer } from './sample-records.test-helpers.ts'

/**
 * Several devices and one server, with RxDB's replication rules in miniature: a device edits its fork
 * offline, pushes with the master state it last saw, and pulls. Whatever the interleaving, once every
 * device has pushed and pulled, all hold the server's document, and each field holds its latest edit.
 */
const T0 = Date.parse('2026-03-05T10:00:00.000Z')
const DEVICES = 3
const fields = ['name', 'phone', 'notes', 'tags'] as const

const opArb = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('edit' as const),
      device: fc.nat(DEVICES - 1),
      field: fc.constantFrom(...fields),
      value: fc.oneof(fc.constantFrom('一', '二', '三'), fc.constant(undefined), fc.constant(['vip'])),
      elapseMs: fc.integer({ min: 0, max: 2 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('push' as const), device: fc.nat(DEVICES - 1) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('pull' as const), device: fc.nat(DEVICES - 1) }) },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('reassign' as const), owner: fc.constantFrom('rep-1', 'rep-2') }),
  },
)
type CustomerDoc = Customer & { _deleted: boolean }
type Op = typeof opArb extends fc.Arbitrary<infer O> ? O : never

interface Device {
  fork: CustomerDoc
  master: CustomerDoc
  clock: HlcClock
}

async function simulate(ops: readonly Op[], skews: readonly number[]) {
  let time = T0
  let serverTick = 0
  let stored: CustomerDoc = { ...sampleCustomer(), _deleted: false }
  const conflictLog = new Map<string, unknown>()
  const edits: { field: string; value: unknown; stamp: string }[] = []
  const handler = makeConflictHandler<CustomerDoc>('customers')
  const devices: Device[] = Array.from({ length: DEVICES }, (_, i) => ({
    fork: stored,
    master: stored,
    clock: createClock(`dev-${i}`, () => time + (skews[i] ?? 0)),
  }))

  const serverWrite = (doc: CustomerDoc): CustomerDoc => ({
    ...doc,
    serverUpdatedAt: new Date(T0 + ++serverTick * 1_000).toISOString(),
  })
  const push = async (d: Device) => {
    if (sameContent(d.fork, d.master)) return
    const result = resolveConflict('mergeable', {
      collection: 'customers',
      ancestor: d.master,
      local: d.fork,
      remote: stored,
    })
    for (const entry of result.conflicts) conflictLog.set(entry.id, entry)
    if (result.outcome === 'merged') stored = serverWrite(result.merged)
    // The device hears back the current master and settles its fork against it, as RxDB does.
    d.fork = await handler.resolve({
      newDocumentState: d.fork,
      realMasterState: stored,
      assumedMasterState: d.master,
    })
    d.master = stored
  }
  const pull = async (d: Device) => {
    d.clock.observe(latestStamp(stored))
    d.fork = sameContent(d.fork, d.master)
      ? stored
      : await handler.resolve({
          newDocumentState: d.fork,
          realMasterState: stored,
          assumedMasterState: d.master,
        })
    d.master = stored
  }

  for (const op of ops) {
    if (op.op === 'reassign') {
      stored = serverWrite({ ...stored, ownerRepId: op.owner })
      continue
    }
    const d = devices[op.device]!
    if (op.op === 'edit') {
      time += op.elapseMs
      d.clock.observe(latestStamp(d.fork))
      const stamp = d.clock.tick()
      const next = applyEdit(d.fork, { [op.field]: op.value }, stamp)
      if (next !== d.fork) edits.push({ field: op.field, value: op.value, stamp })
      d.fork = next
    } else if (op.op === 'push') await push(d)
    else await pull(d)
  }
  for (const d of devices) await push(d)
  for (const d of devices) await pull(d)
  return { stored, devices, edits, conflictLog }
}

const scenarioArb = fc.record({
  ops: fc.array(opArb, { maxLength: 60 }),
  skews: fc.array(fc.integer({ min: -20, max: 20 }), { minLength: DEVICES, maxLength: DEVICES }),
})

describe('devices syncing through one server', () => {
  it('converge on the server document with every field at its latest edit', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async ({ ops, skews }) => {
        const { stored, devices, edits } = await simulate(ops, skews)
        for (const d of devices) expect(d.fork).toEqual(stored)
        const base: Doc = sampleCustomer()
        for (const field of fields) {
          const latest = edits
            .filter((e) => e.field === field)
            .sort((a, b) => (a.stamp < b.stamp ? -1 : 1))
            .at(-1)
          expect(stored[field], field).toEqual(latest === undefined ? base[field] : latest.value)
        }
      }),
      { numRuns: 200 },
    )
  })

  it('keep the server’s owner and log only well-formed, never-repeated conflicts', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async ({ ops, skews }) => {
        const { stored, conflictLog } = await simulate(ops, skews)
        const lastOwner = ops.filter((o) => o.op === 'reassign').at(-1)
        expect(stored.ownerRepId).toBe(lastOwner === undefined ? 'rep-1' : lastOwner.owner)
        for (const entry of conflictLog.values())
          expect(conflictLogEntrySchema.safeParse(entry).success).toBe(true)
      }),
      { numRuns: 100 },
    )
  })

  it('logs the losing edit when two offline devices change the same field', async () => {
    const ops: Op[] = [
      { op: 'edit', device: 0, field: 'phone', value: '一', elapseMs: 1 },
      { op: 'edit', device: 1, field: 'phone', value: '二', elapseMs: 1 },
      { op: 'push', device: 0 },
      { op: 'push', device: 1 },
    ]
    const { stored, conflictLog } = await simulate(ops, [0, 0, 0])
    expect(stored.phone).toBe('二')
    expect([...conflictLog.values()]).toMatchObject([
      { field: 'phone', losingValue: '一', losingDeviceId: 'dev-0' },
    ])
  })
})

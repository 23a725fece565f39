import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { applyEdit } from './edit.ts'
import { createClock, type HlcClock } from './hlc.ts'
import { mergeRecords } from './merge-records.ts'
import type { Doc } from './record-fields.ts'
import { sampleCustomer } from './sample-records.test-helpers.ts'

const T0 = Date.parse('2026-03-05T10:00:00.000Z')
const devices = ['dev-a', 'dev-b', 'dev-c'] as const
const fields = ['name', 'phone', 'city', 'notes', 'tags'] as const
const valueArb = fc.oneof(
  fc.constantFrom('东', '南', '西', '北'),
  fc.constant(undefined),
  fc.array(fc.constantFrom('vip', 'new'), { maxLength: 2 }),
)

/** A device either edits one field of its replica or takes in another device's earlier state. */
const stepArb = fc.oneof(
  fc.record({
    kind: fc.constant('edit' as const),
    device: fc.nat(devices.length - 1),
    field: fc.constantFrom(...fields),
    value: valueArb,
    elapseMs: fc.integer({ min: 0, max: 3 }),
  }),
  fc.record({ kind: fc.constant('receive' as const), device: fc.nat(devices.length - 1), message: fc.nat() }),
)

type Step = typeof stepArb extends fc.Arbitrary<infer S> ? S : never
type Edit = { field: string; value: unknown; stamp: string }

/** Runs the steps; every state after an edit becomes a message, as sync would push it. */
function runDevices(steps: readonly Step[], skews: readonly number[]) {
  const base: Doc = sampleCustomer()
  let time = T0
  const clocks: HlcClock[] = devices.map((d, i) => createClock(d, () => time + (skews[i] ?? 0)))
  const replicas: Doc[] = devices.map(() => base)
  const messages: Doc[] = []
  const edits: Edit[] = []
  for (const step of steps) {
    const clock = clocks[step.device]!
    if (step.kind === 'edit') {
      time += step.elapseMs
      const stamp = clock.tick()
      const before = replicas[step.device]!
      const after = applyEdit(
        before as ReturnType<typeof sampleCustomer>,
        { [step.field]: step.value },
        stamp,
      )
      replicas[step.device] = after
      if (after !== before) {
        edits.push({ field: step.field, value: step.value, stamp })
        messages.push(after)
      }
    } else if (messages.length > 0) {
      const message = messages[step.message % messages.length]!
      for (const stamp of Object.values(message.clocks as Record<string, string>)) clock.observe(stamp)
      replicas[step.device] = mergeRecords('mergeable', replicas[step.device]!, message)
    }
  }
  return { base, messages, edits }
}

const runArb = fc.record({
  steps: fc.array(stepArb, { minLength: 1, maxLength: 40 }),
  skews: fc.array(fc.integer({ min: -50, max: 50 }), {
    minLength: devices.length,
    maxLength: devices.length,
  }),
})

function fold(base: Doc, messages: readonly Doc[]): Doc {
  return messages.reduce((acc, m) => mergeRecords('mergeable', acc, m), base)
}

describe('mergeRecords (mergeable)', () => {
  it('reaches the same state for any delivery order and any duplication of edits', () => {
    fc.assert(
      fc.property(
        runArb,
        fc.array(fc.nat()),
        fc.array(fc.nat()),
        ({ steps, skews }, orderKeys, duplicates) => {
          const { base, messages } = runDevices(steps, skews)
          const shuffled = messages
            .map((m, i) => ({ m, key: orderKeys[i] ?? i }))
            .sort((a, b) => a.key - b.key)
            .map((x) => x.m)
          const extra = messages.length === 0 ? [] : duplicates.map((d) => messages[d % messages.length]!)
          expect(fold(base, [...shuffled, ...extra])).toEqual(fold(base, messages))
        },
      ),
    )
  })

  it('ends with the value of the latest-stamped edit of every field', () => {
    fc.assert(
      fc.property(runArb, ({ steps, skews }) => {
        const { base, messages, edits } = runDevices(steps, skews)
        const final = fold(base, messages)
        for (const field of fields) {
          const latest = edits
            .filter((e) => e.field === field)
            .sort((a, b) => (a.stamp < b.stamp ? -1 : 1))
            .at(-1)
          expect(final[field], field).toEqual(latest === undefined ? base[field] : latest.value)
        }
      }),
    )
  })

  it('is commutative, associative and idempotent', () => {
    fc.assert(
      fc.property(runArb, fc.nat(), fc.nat(), fc.nat(), ({ steps, skews }, i, j, k) => {
        const { base, messages } = runDevices(steps, skews)
        const pool = [base, ...messages]
        const [a, b, c] = [pool[i % pool.length]!, pool[j % pool.length]!, pool[k % pool.length]!]
        const m = (x: Doc, y: Doc) => mergeRecords('mergeable', x, y)
        expect(m(a, b)).toEqual(m(b, a))
        expect(m(m(a, b), c)).toEqual(m(a, m(b, c)))
        expect(m(a, a)).toEqual(a)
      }),
    )
  })

  it('takes server-owned fields from the later server write, in either argument order', () => {
    const serverArb = fc.record({
      ownerRepId: fc.constantFrom('rep-1', 'rep-2', null),
      serverUpdatedAt: fc.integer({ min: 0, max: 5 }).map((d) => new Date(T0 + d * 1_000).toISOString()),
    })
    fc.assert(
      fc.property(serverArb, serverArb, (x, y) => {
        const a = sampleCustomer(x)
        const b = sampleCustomer(y)
        const later = Date.parse(x.serverUpdatedAt) >= Date.parse(y.serverUpdatedAt) ? x : y
        const merged = mergeRecords('mergeable', a, b)
        expect(merged).toEqual(mergeRecords('mergeable', b, a))
        if (x.serverUpdatedAt !== y.serverUpdatedAt) expect(merged).toMatchObject(later)
        expect(mergeRecords('mergeable', a, b, { serverSide: 'a' })).toMatchObject(x)
      }),
    )
  })

  it('keeps a deletion once any replica has seen it', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), (da, db) => {
        const merged = mergeRecords(
          'mergeable',
          { ...sampleCustomer(), _deleted: da },
          { ...sampleCustomer(), _deleted: db },
        )
        expect(merged._deleted).toBe(da || db)
      }),
    )
  })
})

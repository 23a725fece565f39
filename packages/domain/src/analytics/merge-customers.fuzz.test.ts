import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  type Contact,
  contactSchema,
  customerSchema,
  feedbackSchema,
  orderSchema,
  type Task,
  taskSchema,
  visitSchema,
} from '../model/index.ts'
import { latestRevisions } from './latest-revisions.ts'
import { mergeCustomers } from './merge-customers.ts'
import { normalizePhone } from './normalize-phone.ts'
import { contact, customer, feedback, order, TEST_HLC, task, visit } from './records.test-helpers.ts'

const owner = fc.constantFrom('s', 'd', 'x')
const phone = fc.option(
  fc.constantFrom('13812345678', '+86 138 1234 5678', '13900000000', '020-87654321', '(020) 8765 4321'),
  { nil: undefined },
)

/** Append-only records: some logical records get a second revision, possibly under another customer. */
function history<T extends { id: string; revisionOf: string; revision: number; customerId: string }>(
  make: (customerId: string, id: string) => T,
  prefix: string,
) {
  return fc.array(fc.tuple(owner, fc.option(owner, { nil: undefined })), { maxLength: 8 }).map((rows) =>
    rows.flatMap(([first, second], i) => {
      const id = `${prefix}${i}`
      const one = make(first, id)
      return second === undefined ? [one] : [one, { ...make(second, `${id}r2`), revisionOf: id, revision: 2 }]
    }),
  )
}

const scenario = fc.record({
  orders: history((c, id) => order(c, '2026-03-01', 10, { id }), 'o'),
  visits: history((c, id) => visit(c, '2026-03-01', { id }), 'v'),
  feedback: history((c, id) => feedback(c, '2026-03-01T10:00:00+08:00', { id }), 'f'),
  tasks: fc
    .array(owner, { maxLength: 6 })
    .map((os) => os.map((c, i) => task(c, '2026-04-01', { id: `t${i}` }))),
  contacts: fc
    .array(fc.tuple(owner, phone, fc.boolean()), { maxLength: 6 })
    .map((rows) =>
      rows.map(([c, p, primary], i) =>
        contact(c, `contact ${i}`, { id: `c${i}`, primary, ...(p === undefined ? {} : { phone: p }) }),
      ),
    ),
  survivorPhone: phone,
  duplicatePhone: phone,
})

/** Applies written records over the originals, by id. */
function apply<T extends { id: string }>(before: readonly T[], written: readonly T[]): T[] {
  const byId = new Map(before.map((r) => [r.id, r]))
  for (const r of written) byId.set(r.id, r)
  return [...byId.values()]
}

function logicalOwners(
  records: readonly { revisionOf: string; revision: number; customerId: string }[],
): Map<string, string> {
  return new Map(latestRevisions(records).map((r) => [r.revisionOf, r.customerId]))
}

/** Every logical record still exists once, the duplicate's now at the survivor, one revision up. */
function expectRepointed<T extends { id: string; revisionOf: string; revision: number; customerId: string }>(
  before: readonly T[],
  written: readonly T[],
): void {
  const was = logicalOwners(before)
  const now = logicalOwners(apply(before, written))
  expect(now.size).toBe(was.size)
  for (const [id, c] of was) expect(now.get(id)).toBe(c === 'x' ? 'x' : 's')
  for (const r of written) {
    const top = Math.max(...before.filter((b) => b.revisionOf === r.revisionOf).map((b) => b.revision))
    expect(r.revision).toBe(top + 1)
  }
}

describe('mergeCustomers properties', () => {
  it('loses nothing: every record of both customers ends up at the survivor, counts equal', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        let n = 0
        const survivor = customer('s', s.survivorPhone === undefined ? {} : { phone: s.survivorPhone })
        const duplicate = customer('d', s.duplicatePhone === undefined ? {} : { phone: s.duplicatePhone })
        const result = mergeCustomers(survivor, duplicate, s, {
          now: '2026-04-01T09:00:00+08:00',
          hlc: TEST_HLC,
          newId: () => `n${++n}`,
        })
        if (!result.ok) throw new Error(result.error.message)
        const m = result.value

        expectRepointed(s.orders, m.orders)
        expectRepointed(s.visits, m.visits)
        expectRepointed(s.feedback, m.feedback)

        const tasks: Task[] = apply(s.tasks, m.tasks)
        expect(tasks.filter((t) => t.customerId === 's')).toHaveLength(
          s.tasks.filter((t) => t.customerId !== 'x').length,
        )

        const contacts: Contact[] = apply(s.contacts, m.contacts)
        const live = contacts.filter((c) => c.customerId === 's' && c.deleted !== true)
        const livePhones = new Set(live.map((c) => normalizePhone(c.phone)))
        livePhones.add(normalizePhone(m.survivor.phone))
        const phonesBefore = s.contacts
          .filter((c) => c.customerId !== 'x')
          .map((c) => normalizePhone(c.phone))
        for (const p of [...phonesBefore, normalizePhone(duplicate.phone)])
          if (p !== null) expect(livePhones).toContain(p)
        expect(live.filter((c) => c.primary).length).toBeLessThanOrEqual(
          Math.max(1, s.contacts.filter((c) => c.customerId === 's' && c.primary).length),
        )
        expect(contacts.filter((c) => c.customerId === 'd' && c.deleted !== true)).toEqual([])

        expect(customerSchema.safeParse(m.survivor).success).toBe(true)
        expect(customerSchema.safeParse(m.duplicate).success).toBe(true)
        for (const r of m.orders) expect(orderSchema.safeParse(r).success).toBe(true)
        for (const r of m.visits) expect(visitSchema.safeParse(r).success).toBe(true)
        for (const r of m.feedback) expect(feedbackSchema.safeParse(r).success).toBe(true)
        for (const r of m.tasks) expect(taskSchema.safeParse(r).success).toBe(true)
        for (const r of m.contacts) expect(contactSchema.safeParse(r).success).toBe(true)
      }),
      { numRuns: 300 },
    )
  })
})

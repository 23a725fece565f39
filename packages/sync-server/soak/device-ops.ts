import type { Rng } from '@outrider/domain'
import { applyEdit } from '@outrider/domain'
import type { Ledger, Writable } from './ledger.ts'
import type { Doc, SimDevice } from './sim-device.ts'
import { appendDoc, contactDoc, dayPlanDoc, newCustomer, taskDoc } from './soak-docs.ts'

type Op = (d: SimDevice, ctx: OpContext) => boolean
export type OpContext = { prng: Rng; ledger: Ledger; seq: () => number }

const live = (d: SimDevice, c: Writable) => [...d.docs(c).values()].filter((x) => x.deleted !== true)

/** Edits fields of a mergeable record through the domain's `applyEdit`, recording each changed field. */
function edit(d: SimDevice, ctx: OpContext, c: Writable, doc: Doc, patch: Record<string, unknown>): boolean {
  const stamp = d.tick(doc)
  const next = applyEdit(doc as Doc & { clocks: Record<string, string>; updatedAt: string }, patch, stamp)
  if (next === doc) return false
  d.commit(c, next)
  for (const [field, value] of Object.entries(patch)) {
    if ((next.clocks as Record<string, string>)[field] !== stamp) continue
    if (field === 'deleted')
      ctx.ledger.record(d.id.deviceId, d.id.userId, { kind: 'delete', collection: c, id: doc.id, stamp })
    else
      ctx.ledger.record(d.id.deviceId, d.id.userId, {
        kind: 'field',
        collection: c,
        id: doc.id,
        field,
        stamp,
        value,
      })
  }
  return true
}

function create(d: SimDevice, ctx: OpContext, c: Writable, doc: Doc): boolean {
  d.commit(c, doc)
  ctx.ledger.record(d.id.deviceId, d.id.userId, { kind: 'create', collection: c, id: doc.id })
  return true
}

const tag = (d: SimDevice, ctx: OpContext) => `${d.id.deviceId}#${ctx.seq()}`
const nowIso = () => new Date().toISOString()
/** Every field a device stamps on a record it creates (see `createMergeable`). */
function stampAll(doc: Doc, stamp: string): Doc {
  const skip = new Set(['id', 'clocks', 'createdAt', 'updatedAt'])
  return {
    ...doc,
    clocks: Object.fromEntries(
      Object.keys(doc)
        .filter((k) => !skip.has(k))
        .map((k) => [k, stamp]),
    ),
  }
}

const editCustomer: Op = (d, ctx) => {
  const list = live(d, 'customers')
  if (list.length === 0) return false
  const doc = ctx.prng.pick(list)
  const field = ctx.prng.pick(['notes', 'phone', 'address', 'tags', 'name'] as const)
  const t = tag(d, ctx)
  const value =
    field === 'tags'
      ? [`标签${ctx.prng.int(1, 4)}`, t]
      : field === 'phone'
        ? `139${ctx.prng.int(10_000_000, 99_999_999)}`
        : `${field} ${t}`
  return edit(d, ctx, 'customers', doc, { [field]: value })
}

const deleteOne =
  (c: Writable): Op =>
  (d, ctx) => {
    const list = live(d, c)
    // Keep most records alive so later edits have something to work on.
    if (list.length < 3) return false
    return edit(d, ctx, c, ctx.prng.pick(list), { deleted: true })
  }

const createCustomer: Op = (d, ctx) => {
  const at = nowIso()
  const id = `c-${tag(d, ctx).replace('#', '-')}`
  return create(d, ctx, 'customers', newCustomer(id, at, d.tick({ id }), `新客户 ${id}`))
}

const customerFor = (d: SimDevice, ctx: OpContext) => {
  const list = live(d, 'customers')
  return list.length === 0 ? null : ctx.prng.pick(list)
}

const createContact: Op = (d, ctx) => {
  const customer = customerFor(d, ctx)
  if (!customer) return false
  const id = `ct-${tag(d, ctx).replace('#', '-')}`
  const at = nowIso()
  return create(d, ctx, 'contacts', stampAll(contactDoc(id, customer.id, at), d.tick({ id })))
}

const editContact: Op = (d, ctx) => {
  const list = live(d, 'contacts')
  if (list.length === 0) return false
  const field = ctx.prng.pick(['title', 'phone', 'wechat'] as const)
  return edit(d, ctx, 'contacts', ctx.prng.pick(list), { [field]: `${field} ${tag(d, ctx)}` })
}

const createTask: Op = (d, ctx) => {
  const customer = customerFor(d, ctx)
  if (!customer) return false
  const assignee = d.id.role === 'rep' ? d.id.userId : String(customer.ownerRepId ?? '')
  if (!assignee) return false
  const id = `t-${tag(d, ctx).replace('#', '-')}`
  return create(d, ctx, 'tasks', stampAll(taskDoc(id, customer.id, assignee, nowIso()), d.tick({ id })))
}

const editTask: Op = (d, ctx) => {
  const list = live(d, 'tasks')
  if (list.length === 0) return false
  const doc = ctx.prng.pick(list)
  const patch = ctx.prng.chance(0.3)
    ? { status: doc.status === 'open' ? 'done' : 'open', doneAt: doc.status === 'open' ? nowIso() : null }
    : { [ctx.prng.pick(['notes', 'title'] as const)]: `任务 ${tag(d, ctx)}` }
  return edit(d, ctx, 'tasks', doc, patch)
}

const editDayPlan: Op = (d, ctx) => {
  const plans = [...d.docs('dayPlans').values()]
  const customers = live(d, 'customers')
  if (plans.length === 0 || customers.length === 0) return false
  const stops = customers.slice(0, ctx.prng.int(1, Math.min(4, customers.length))).map((c, i) => ({
    customerId: c.id,
    arrive: 540 + i * 60 + ctx.prng.int(0, 20),
    start: 545 + i * 60 + 20,
    depart: 580 + i * 60 + 20,
    status: 'planned',
    visitId: null,
  }))
  const patch = ctx.prng.chance(0.5) ? { stops } : { startedAt: nowIso() }
  return edit(d, ctx, 'dayPlans', ctx.prng.pick(plans), patch)
}

const createDayPlan: Op = (d, ctx) => {
  const id = `dp-${tag(d, ctx).replace('#', '-')}`
  const date = `2026-02-${String(ctx.prng.int(1, 28)).padStart(2, '0')}`
  return create(d, ctx, 'dayPlans', stampAll(dayPlanDoc(id, d.id.userId, date, nowIso()), d.tick({ id })))
}

/** The records this device appended, by original id, with the latest revision it made. */
const revisions = new WeakMap<
  SimDevice,
  Map<string, { collection: 'visits' | 'orders' | 'feedback'; customerId: string; n: number }>
>()

const append =
  (c: 'visits' | 'orders' | 'feedback'): Op =>
  (d, ctx) => {
    const customer = customerFor(d, ctx)
    if (!customer) return false
    const id = `${c.slice(0, 1)}-${tag(d, ctx).replace('#', '-')}`
    d.commit(c, appendDoc(c, id, customer.id, nowIso(), `记录 ${id}`))
    ctx.ledger.record(d.id.deviceId, d.id.userId, {
      kind: 'append',
      collection: c,
      id,
      revisionOf: id,
      revision: 1,
    })
    const mine = revisions.get(d) ?? new Map()
    revisions.set(d, mine)
    mine.set(id, { collection: c, customerId: customer.id, n: 1 })
    return true
  }

/** A correction of an earlier visit, order or feedback: a new revision with a new id, never an edit. */
const correct: Op = (d, ctx) => {
  const mine = [...(revisions.get(d) ?? new Map()).entries()]
  if (mine.length === 0) return false
  const [of, r] = ctx.prng.pick(mine)
  if (!d.docs('customers').has(r.customerId)) return false
  const id = `${r.collection.slice(0, 1)}-${tag(d, ctx).replace('#', '-')}`
  r.n++
  d.commit(r.collection, appendDoc(r.collection, id, r.customerId, nowIso(), `更正 ${id}`, { of, n: r.n }))
  ctx.ledger.record(d.id.deviceId, d.id.userId, {
    kind: 'append',
    collection: r.collection,
    id,
    revisionOf: of,
    revision: r.n,
  })
  return true
}

const repOps: (readonly [Op, number])[] = [
  [editCustomer, 20],
  [deleteOne('customers'), 1],
  [createCustomer, 3],
  [createContact, 4],
  [editContact, 6],
  [deleteOne('contacts'), 2],
  [createTask, 4],
  [editTask, 6],
  [deleteOne('tasks'), 2],
  [editDayPlan, 4],
  [createDayPlan, 1],
  [append('visits'), 8],
  [append('orders'), 4],
  [append('feedback'), 4],
  [correct, 4],
]
const supervisorOps: (readonly [Op, number])[] = [
  [editCustomer, 20],
  [editContact, 4],
  [createTask, 6],
  [editTask, 6],
  [deleteOne('tasks'), 1],
]

/** One random local change (offline or not); false when the device had nothing to change. */
export function localOp(d: SimDevice, ctx: OpContext): boolean {
  return ctx.prng.weighted(d.id.role === 'rep' ? repOps : supervisorOps)(d, ctx)
}

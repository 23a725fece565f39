import type { ContactChannel, Task, Visit } from '@outrider/domain'
import type { OutriderDb } from './device-db.ts'
import { appendRecord, createMergeable, editMergeable, newId, notifyWrite, parseRecord } from './writes.ts'

export interface ContactLogInput {
  customerId: string
  channel: Exclude<ContactChannel, 'visit'>
  outcome: Visit['outcome']
  notes: string
  /** The next step, as a follow-up task on a date. */
  nextStep: { title: string; due: string } | null
  userId: string
}

/**
 * Logs a call, WeChat, SMS, e-mail or other contact without a check-in: a visit record with that
 * channel and no GPS, so it counts toward the cadence and appears in the timeline. A next step becomes
 * a follow-up task, as after a visit.
 */
export async function logContact(db: OutriderDb, input: ContactLogInput) {
  const now = new Date().toISOString()
  const id = newId('contact')
  const visit = await appendRecord(db, 'visits', {
    id,
    customerId: input.customerId,
    checkInAt: now,
    checkOutAt: now,
    checkInGps: null,
    purpose: 'care',
    notes: input.notes,
    outcome: input.outcome,
    orderLines: [],
    satisfaction: null,
    complaint: null,
    followUp: input.nextStep,
    photoIds: [],
    channel: input.channel,
  })
  if (input.nextStep !== null) {
    await createTask(db, {
      customerId: input.customerId,
      assigneeId: input.userId,
      kind: 'follow_up',
      title: input.nextStep.title,
      due: input.nextStep.due,
      sourceVisitId: id,
    })
  }
  return visit
}

export interface NewTaskInput {
  customerId: string | null
  assigneeId: string
  kind: Task['kind']
  title: string
  due: string
  notes?: string
  sourceVisitId?: string
  channel?: ContactChannel
}

export function createTask(db: OutriderDb, input: NewTaskInput) {
  const { sourceVisitId, ...rest } = input
  return createMergeable(db, 'tasks', {
    id: newId('task'),
    ...rest,
    status: 'open',
    doneAt: null,
    sourceVisitId: sourceVisitId ?? null,
  })
}

export const rescheduleTask = (db: OutriderDb, id: string, due: string) =>
  editMergeable(db, 'tasks', id, { due })

export const completeTask = (db: OutriderDb, id: string, note: string) =>
  editMergeable(db, 'tasks', id, {
    status: 'done',
    doneAt: new Date().toISOString(),
    ...(note.trim() === '' ? {} : { doneNote: note.trim() }),
  })

export const assignTask = (db: OutriderDb, id: string, assigneeId: string) =>
  editMergeable(db, 'tasks', id, { assigneeId })

/**
 * Stores the care tasks the policy generated that this device does not hold yet. They keep their
 * generated clocks (the earliest stamp), so a copy generated on another device, or an edit made there,
 * merges with them instead of making a second task.
 */
export async function storeGeneratedTasks(db: OutriderDb, tasks: readonly Task[]): Promise<number> {
  if (tasks.length === 0) return 0
  const held = await db.tasks.findByIds(tasks.map((t) => t.id)).exec()
  const fresh = tasks.filter((t) => !held.has(t.id)).map((t) => parseRecord('tasks', t))
  if (fresh.length === 0) return 0
  // The outbox hears of them first: RxDB pushes a new document at once and reports it sent, and a
  // sent report that comes before its outbox entry leaves the task "pending" until a reconnect.
  for (const doc of fresh) await notifyWrite({ collection: 'tasks', doc })
  await db.tasks.bulkInsert(fresh)
  return fresh.length
}

/** The task actions of the task rows, bound to this device's database. */
export function taskActions(db: OutriderDb) {
  return {
    done: (task: { id: string }, note: string) => completeTask(db, task.id, note),
    reschedule: (task: { id: string }, due: string) => rescheduleTask(db, task.id, due),
    assign: (task: { id: string }, repId: string) => assignTask(db, task.id, repId),
  }
}

import {
  type Complaint,
  type ComplaintAction,
  type ComplaintSeverity,
  type ComplaintState,
  type ComplaintStep,
  complaintActionTarget,
} from '../model/complaint.ts'
import type { ServicePolicy } from '../model/service-policy.ts'

/** The states each action may follow (the state it leads to is `complaintActionTarget`'s). */
const allowedFrom: Readonly<Record<Exclude<ComplaintAction, 'open' | 'assign'>, readonly ComplaintState[]>> =
  {
    start: ['open'],
    resolve: ['open', 'in_progress'],
    close: ['resolved'],
    reopen: ['resolved', 'closed'],
  }

export const defaultComplaintCategories = ['product', 'delivery', 'service', 'price', 'other'] as const

/** Hours to resolve a complaint when the policy does not say: a day for A, two for B, three for C. */
export const defaultComplaintResponseHours = { A: 24, B: 48, C: 72 } as const

export class ComplaintFlowError extends Error {
  readonly code = 'E_ILLEGAL_TRANSITION'
  constructor(
    readonly action: ComplaintAction,
    readonly from: ComplaintState,
    message: string,
  ) {
    super(message)
    this.name = 'ComplaintFlowError'
  }
}

/** Steps in the order every replica agrees on: by time, then id (as merges keep them). */
function ordered(steps: readonly ComplaintStep[]): ComplaintStep[] {
  return [...steps].sort(
    (a, b) => Date.parse(a.at) - Date.parse(b.at) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  )
}

/**
 * A complaint's state: that of its last step that changes state. Assignments are skipped: one made on
 * another device at the same time as a `start` recorded the state it saw, which the merge makes stale.
 */
export function complaintState(complaint: Pick<Complaint, 'steps'>): ComplaintState {
  return ordered(complaint.steps).findLast((s) => s.action !== 'assign')?.to ?? 'open'
}

/** The actions allowed from a state (what the phone offers). */
export function allowedActions(state: ComplaintState): ComplaintAction[] {
  const out: ComplaintAction[] = []
  for (const [action, from] of Object.entries(allowedFrom))
    if (from.includes(state)) out.push(action as ComplaintAction)
  if (state !== 'closed') out.push('assign')
  return out
}

export interface ComplaintStepInput {
  action: ComplaintAction
  by: string
  at: string
  note: string
  /** New step id, made by the caller (ids are made on the device). */
  stepId: string
  assigneeId?: string
}

/**
 * The fields a step changes: the grown step list, and the assignee for `assign`. Refuses an action the
 * current state does not allow, a resolution without a note, and an assignment without an assignee,
 * with a `ComplaintFlowError` naming what is allowed.
 */
export function complaintStep(
  complaint: Pick<Complaint, 'steps' | 'assigneeId'>,
  input: ComplaintStepInput,
): Pick<Complaint, 'steps' | 'assigneeId'> {
  const from = complaintState(complaint)
  const refuse = (why: string) => {
    throw new ComplaintFlowError(input.action, from, why)
  }
  let to: ComplaintState = from
  if (input.action === 'open') refuse('a complaint is opened once, when it is recorded')
  else if (input.action === 'assign') {
    if (from === 'closed') refuse('a closed complaint cannot be assigned; reopen it first')
    if (input.assigneeId === undefined) refuse('assign needs the rep to assign the complaint to')
  } else {
    if (!allowedFrom[input.action].includes(from)) {
      refuse(
        `cannot ${input.action} a complaint that is ${from}; allowed: ${allowedActions(from).join(', ') || 'none'}`,
      )
    }
    to = complaintActionTarget[input.action]
  }
  if (input.action === 'resolve' && input.note.trim() === '')
    refuse('a resolution needs a note saying what was done')
  const step: ComplaintStep = {
    id: input.stepId,
    action: input.action,
    to,
    by: input.by,
    at: input.at,
    note: input.note,
  }
  if (input.action === 'assign' && input.assigneeId !== undefined) step.assigneeId = input.assigneeId
  return {
    steps: ordered([...complaint.steps, step]),
    assigneeId: input.action === 'assign' ? (input.assigneeId ?? null) : complaint.assigneeId,
  }
}

/** Due date of a complaint opened at `openedAt` for a customer of `tier`. */
export function complaintDueAt(
  policy: ServicePolicy | undefined,
  tier: 'A' | 'B' | 'C',
  openedAt: string,
): string {
  const hours = policy?.tiers[tier].complaintResponseHours ?? defaultComplaintResponseHours[tier]
  return new Date(Date.parse(openedAt) + hours * 3_600_000).toISOString()
}

/** Not resolved and past its due date: escalated to the supervisor. */
export function isComplaintOverdue(complaint: Pick<Complaint, 'steps' | 'dueAt'>, now: string): boolean {
  const state = complaintState(complaint)
  return (state === 'open' || state === 'in_progress') && Date.parse(now) > Date.parse(complaint.dueAt)
}

/** When it was last resolved (a reopened one counts from its final resolution), or null. */
export function resolvedAt(complaint: Pick<Complaint, 'steps'>): string | null {
  const state = complaintState(complaint)
  if (state !== 'resolved' && state !== 'closed') return null
  return ordered(complaint.steps).findLast((s) => s.action === 'resolve')?.at ?? null
}

/** Hours from opening to resolution, or null while unresolved. */
export function resolutionHours(complaint: Pick<Complaint, 'steps' | 'openedAt'>): number | null {
  const at = resolvedAt(complaint)
  return at === null ? null : Math.max(0, (Date.parse(at) - Date.parse(complaint.openedAt)) / 3_600_000)
}

export interface NewComplaintInput {
  id: string
  stepId: string
  customerId: string
  visitId: string | null
  category: string
  severity: ComplaintSeverity
  description: string
  by: string
  at: string
  dueAt: string
}

/** The fields of a new complaint (the caller adds id, clocks and timestamps as for any mergeable record). */
export function newComplaintFields(input: NewComplaintInput) {
  return {
    customerId: input.customerId,
    visitId: input.visitId,
    category: input.category,
    severity: input.severity,
    description: input.description,
    openedAt: input.at,
    dueAt: input.dueAt,
    assigneeId: input.by,
    steps: [
      { id: input.stepId, action: 'open', to: 'open', by: input.by, at: input.at, note: input.description },
    ],
    satisfaction: null,
  } satisfies Omit<Complaint, 'id' | 'createdAt' | 'updatedAt' | 'clocks'>
}

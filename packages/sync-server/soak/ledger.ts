/** Collections a device writes; everything the soak checks at the end is one of these. */
export const writable = [
  'customers',
  'contacts',
  'tasks',
  'dayPlans',
  'visits',
  'orders',
  'feedback',
] as const
export type Writable = (typeof writable)[number]
export const mergeable: ReadonlySet<Writable> = new Set(['customers', 'contacts', 'tasks', 'dayPlans'])
export const kindOf = (c: Writable): 'mergeable' | 'appendOnly' =>
  mergeable.has(c) ? 'mergeable' : 'appendOnly'

/** One change a device committed to its local store: the soak proves each one reached the server once. */
export type Change =
  | { kind: 'field'; collection: Writable; id: string; field: string; stamp: string; value: unknown }
  | { kind: 'delete'; collection: Writable; id: string; stamp: string }
  | { kind: 'create'; collection: Writable; id: string }
  | { kind: 'append'; collection: Writable; id: string; revisionOf: string; revision: number }

export type LedgerEntry = Change & { deviceId: string; userId: string }

/** Every committed change, in commit order. */
export class Ledger {
  readonly entries: LedgerEntry[] = []
  record(deviceId: string, userId: string, change: Change) {
    this.entries.push({ ...change, deviceId, userId })
  }
}

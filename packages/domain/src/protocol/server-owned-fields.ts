import type { CollectionName } from './collection-name.ts'

/**
 * Fields only the server sets, per collection. A device's value for them is never trusted: the server
 * overwrites them on push, and a merge takes them from the server's side (see `mergeRecords`).
 * `tasks.assigneeId` is missing on purpose: supervisors may reassign, so the server enforces it by role.
 */
export const serverOwnedFields: Readonly<Record<CollectionName, readonly string[]>> = {
  customers: ['ownerRepId', 'teamId', 'serverUpdatedAt'],
  contacts: ['serverUpdatedAt'],
  tasks: ['serverUpdatedAt'],
  dayPlans: ['repId', 'serverUpdatedAt'],
  orders: ['ownerRepId', 'authorId', 'receivedAt', 'serverUpdatedAt'],
  visits: ['ownerRepId', 'authorId', 'receivedAt', 'review', 'serverUpdatedAt'],
  feedback: ['ownerRepId', 'authorId', 'receivedAt', 'serverUpdatedAt'],
  products: [],
  policies: [],
  tagRules: [],
  teams: [],
  users: [],
  conflicts: [],
}

/** Every server-owned field name of any collection; no collection uses one of these as a device field. */
export const allServerOwnedFields: ReadonlySet<string> = new Set(Object.values(serverOwnedFields).flat())

// The rows of the device store (store/device-store.ts), apart from it so the photo uploader can name
// them without importing the store that starts it.

export type Draft = { id: string; kind: string; data: unknown; updatedAt: string }
export type Rejection = {
  id: string
  collection: string
  docId: string
  code: string
  reason: string
  doc: Record<string, unknown>
  master: Record<string, unknown> | null
  at: string
  /** Set when the rep chose to drop a refused new record: it stays held so it is never pushed again. */
  discarded?: boolean
}
export type PhotoBlob = {
  id: string
  visitId: string
  customerId: string
  blob: Blob
  type: string
  uploaded: boolean
  createdAt: string
  /** Why the server refused it for good (too large, out of scope); such a photo is not retried. */
  error?: string
}
/** A document written on this device and not yet acknowledged by a push (`<collection>:<docId>`). */
export type OutboxEntry = { id: string; collection: string; docId: string; updatedAt: string; at: string }
/** A document the server sent that this device could not read (`<collection>:<docId>`), kept with why. */
export type Unreadable = {
  id: string
  collection: string
  docId: string
  reason: string
  doc: Readonly<Record<string, unknown>>
  at: string
}

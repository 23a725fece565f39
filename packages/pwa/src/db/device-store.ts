import Dexie, { type EntityTable } from 'dexie'

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
}
export type PhotoBlob = {
  id: string
  visitId: string
  customerId: string
  blob: Blob
  type: string
  uploaded: boolean
  createdAt: string
}

/**
 * What never syncs as documents: form drafts (autosaved, survive the app being killed), photos waiting
 * to upload, and pushes the server refused (kept with their reason until fixed, discarded or exported).
 */
export class DeviceStore extends Dexie {
  drafts!: EntityTable<Draft, 'id'>
  rejections!: EntityTable<Rejection, 'id'>
  photos!: EntityTable<PhotoBlob, 'id'>

  constructor(userId: string) {
    super(`outrider-device-${userId}`)
    this.version(1).stores({
      drafts: 'id, kind',
      rejections: 'id, collection, docId',
      photos: 'id, visitId, uploaded',
    })
  }
}

import Dexie, { type EntityTable } from 'dexie'
import { accessToken } from '../platform/session.ts'
import type { Draft, OutboxEntry, PhotoBlob, Rejection, Unreadable } from './device-records.ts'
import { type PhotoUploader, startPhotoUploader } from './photo-uploader.ts'
import { onLocalWrite } from './writes.ts'

export type { Draft, OutboxEntry, PhotoBlob, Rejection, Unreadable } from './device-records.ts'

/**
 * What never syncs as documents: form drafts (autosaved, survive the app being killed), photos waiting
 * to upload, pushes the server refused (kept with their reason until fixed, discarded or exported), and
 * the outbox of local writes not yet pushed (so "pending changes" survive a restart), and documents
 * the server sent that this device could not read (kept with the reason).
 */
export class DeviceStore extends Dexie {
  drafts!: EntityTable<Draft, 'id'>
  rejections!: EntityTable<Rejection, 'id'>
  photos!: EntityTable<PhotoBlob, 'id'>
  outbox!: EntityTable<OutboxEntry, 'id'>
  unreadable!: EntityTable<Unreadable, 'id'>
  /** Sends waiting photos whenever online; `kick()` after adding one. */
  readonly uploader: PhotoUploader
  private readonly stopOutbox: () => void

  constructor(userId: string) {
    super(`outrider-device-${userId}`)
    this.version(1).stores({
      drafts: 'id, kind',
      rejections: 'id, collection, docId',
      photos: 'id, visitId, uploaded',
    })
    this.version(2).stores({ outbox: 'id, collection, docId' })
    this.version(3).stores({ unreadable: 'id, collection' })
    // Every write through store/writes.ts lands in the outbox; the sync tracker clears it once pushed.
    this.stopOutbox = onLocalWrite(async ({ collection, doc }) => {
      const now = new Date().toISOString()
      await this.outbox.put({
        id: `${collection}:${doc.id}`,
        collection,
        docId: doc.id,
        updatedAt: typeof doc.updatedAt === 'string' ? doc.updatedAt : now,
        at: now,
      })
    })
    this.uploader = startPhotoUploader(this, accessToken)
  }

  override close(...args: Parameters<Dexie['close']>): void {
    this.stopOutbox()
    this.uploader.stop()
    super.close(...args)
  }
}

import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import { DeviceStore } from './device-store.ts'
import { buildUnsyncedExport } from './export-unsynced.ts'
import type { Outrider } from './outrider-context.ts'
import { discardRejection } from './resolve-rejection.ts'
import { countUnsynced } from './sync/sync-tracker.ts'
import { appendRecord, type NewAppended } from './writes.ts'

const T = '2026-03-02T03:00:00.000Z'
const opened: DeviceStore[] = []
afterEach(async () => {
  for (const d of opened.splice(0)) {
    d.close()
    await d.delete()
  }
})

/** Just enough of the RxDB collections for the write path and the export. */
function fakeApp() {
  const device = new DeviceStore(`u-${crypto.randomUUID()}`)
  opened.push(device)
  const docs = new Map<string, Record<string, unknown>>()
  const collection = {
    insert: async (d: Record<string, unknown>) => void docs.set(String(d.id), d),
    findOne: (id: string) => ({
      exec: async () => {
        const d = docs.get(id)
        return d ? { toJSON: () => d, remove: async () => void docs.delete(id) } : null
      },
    }),
  }
  const db = { visits: collection, customers: collection }
  const user = { id: 'rep1', role: 'rep', teamId: 't1', displayName: 'Rep', email: 'rep1@x' }
  return { app: { db, device, user } as unknown as Outrider, docs }
}

const visit: NewAppended<'visits'> = {
  id: 'visit-1',
  customerId: 'c-1',
  checkInAt: T,
  checkOutAt: T,
  checkInGps: null,
  purpose: 'routine',
  notes: '离线记录',
  outcome: 'interested',
  orderLines: [],
  satisfaction: null,
  complaint: null,
  followUp: null,
  photoIds: ['ph-1'],
}

describe('unsynced data on the device', () => {
  it('a local write waits in the outbox, and the export carries it with drafts, refusals and photos', async () => {
    const { app } = fakeApp()
    await appendRecord(app.db, 'visits', visit)
    await app.device.photos.add({
      id: 'ph-1',
      visitId: 'visit-1',
      customerId: 'c-1',
      blob: new Blob([new Uint8Array([1, 2, 3])], { type: 'image/jpeg' }),
      type: 'image/jpeg',
      uploaded: false,
      createdAt: T,
    })
    await app.device.drafts.put({ id: 'visit:c-2', kind: 'visit', data: { notes: '草稿' }, updatedAt: T })
    await app.device.rejections.put({
      id: 'customers:c-9',
      collection: 'customers',
      docId: 'c-9',
      code: 'E_FORBIDDEN',
      reason: 'customer is not assigned to you',
      doc: { id: 'c-9', name: '新客户' },
      master: null,
      at: T,
    })
    expect(await countUnsynced(app)).toEqual({ pending: 1, rejected: 1, drafts: 1, photos: 1 })

    const file = JSON.parse(JSON.stringify(await buildUnsyncedExport(app)))
    expect(file.pending).toMatchObject([
      { collection: 'visits', docId: 'visit-1', doc: { notes: '离线记录' } },
    ])
    expect(file.rejections[0].reason).toBe('customer is not assigned to you')
    expect(file.drafts[0].data).toEqual({ notes: '草稿' })
    expect(file.photos[0].dataUrl).toBe('data:image/jpeg;base64,AQID')
  })

  it('discarding a refused new record removes it here and keeps it from ever being pushed', async () => {
    const { app, docs } = fakeApp()
    docs.set('c-9', { id: 'c-9', name: '新客户' })
    const rejection = {
      id: 'customers:c-9',
      collection: 'customers',
      docId: 'c-9',
      code: 'E_FORBIDDEN',
      reason: 'no',
      doc: { id: 'c-9' },
      master: null,
      at: T,
    }
    await app.device.rejections.put(rejection)
    await discardRejection(app, rejection)
    expect(docs.has('c-9')).toBe(false)
    expect((await app.device.rejections.get('customers:c-9'))?.discarded).toBe(true)
    expect((await countUnsynced(app)).rejected).toBe(0)
  })
})

import { rowsOf } from './device-db.ts'
import type { Outrider } from './outrider-context.ts'
import { asRowCollection } from './schemas.ts'

/** Base64 by hand (no FileReader), so the export also builds outside a browser window. */
async function blobToDataUrl(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer())
  let bin = ''
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return `data:${blob.type || 'application/octet-stream'};base64,${btoa(bin)}`
}

/**
 * Everything this device holds that the server does not have yet: pending documents, refused
 * changes with their reasons, drafts, and photos not yet uploaded (as data URLs), in one JSON file.
 */
export async function buildUnsyncedExport(app: Outrider) {
  const { db, device, user } = app
  const outbox = await device.outbox.toArray()
  const pending = []
  for (const e of outbox) {
    const collection = asRowCollection(e.collection)
    const doc = collection ? await rowsOf(db, collection).findOne(e.docId).exec() : null
    pending.push({ collection: e.collection, docId: e.docId, at: e.at, doc: doc?.toJSON() ?? null })
  }
  const photos = []
  for (const p of await device.photos.filter((x) => !x.uploaded).toArray()) {
    const { blob, ...meta } = p
    photos.push({ ...meta, dataUrl: await blobToDataUrl(blob) })
  }
  return {
    format: 'outrider-unsynced/1',
    exportedAt: new Date().toISOString(),
    user: { id: user.id, email: user.email, displayName: user.displayName },
    pending,
    rejections: await device.rejections.toArray(),
    drafts: await device.drafts.toArray(),
    photos,
  }
}

/** Downloads the export as a file the rep can keep or send before a phone is replaced. */
export async function downloadUnsyncedExport(app: Outrider): Promise<string> {
  const data = await buildUnsyncedExport(app)
  const name = `outrider-unsynced-${app.user.id}-${data.exportedAt.slice(0, 19).replace(/[:T]/g, '-')}.json`
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }))
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
  return name
}

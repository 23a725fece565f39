import { httpApi, photoParamsSchema } from '@outrider/domain'
import type { FastifyInstance } from 'fastify'
import type { Principal } from '../auth/sessions.ts'
import { sendError } from '../http-errors.ts'
import { customersRepo } from '../repositories/customers-repo.ts'
import { type PhotoScope, photosRepo } from '../repositories/photos-repo.ts'
import { visitsRepo } from '../repositories/visits-repo.ts'
import { sniffImage } from './sniff-image.ts'

/** Photos are compressed on the phone (≤ 1280 px JPEG); anything bigger is a mistake or abuse. */
export const MAX_PHOTO_BYTES = 2 * 1024 * 1024
const imageTypes = ['image/jpeg', 'image/webp', 'image/png']
const idParam = photoParamsSchema
const putQuery = httpApi.uploadPhoto.query

type Scope = PhotoScope

/** Reps see their own customers' photos, supervisors their team's, admins all. */
function mayAccess(who: Principal, scope: Scope): boolean {
  if (who.role === 'admin') return true
  if (who.role === 'supervisor') return scope.team_id !== null && scope.team_id === who.teamId
  return scope.owner_rep_id === who.userId
}

export async function photoRoutes(app: FastifyInstance): Promise<void> {
  // Raw image bodies, for this plugin only; the limit is checked by Fastify before buffering it all.
  app.addContentTypeParser(
    imageTypes,
    { parseAs: 'buffer', bodyLimit: MAX_PHOTO_BYTES },
    (_req, body, done) => done(null, body),
  )
  app.setErrorHandler((err: { statusCode?: number; code?: string; message: string }, _req, reply) => {
    if (err.statusCode === 413)
      return sendError(reply, 413, 'E_TOO_LARGE', `photos are limited to ${MAX_PHOTO_BYTES} bytes`)
    if (err.statusCode === 415 || err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
      return sendError(reply, 415, 'E_VALIDATION', 'body must be image/jpeg, image/webp or image/png')
    if (err.statusCode && err.statusCode < 500)
      return sendError(reply, err.statusCode, 'E_VALIDATION', err.message)
    app.log.error(err)
    return sendError(reply, 500, 'E_INTERNAL', 'internal error')
  })

  /** Idempotent upload: the id is made on the phone, so a retried upload stores nothing twice. */
  app.put(httpApi.uploadPhoto.path, { onRequest: app.authenticate }, async (req, reply) => {
    const who = req.principal!
    const params = idParam.safeParse(req.params)
    const query = putQuery.safeParse(req.query)
    if (!params.success || !query.success)
      return sendError(reply, 400, 'E_VALIDATION', 'a photo id and a customerId are required')
    const contentType = String(req.headers['content-type'] ?? '')
      .split(';')[0]!
      .trim()
    const body = req.body
    if (!imageTypes.includes(contentType) || !Buffer.isBuffer(body) || body.length === 0)
      return sendError(
        reply,
        415,
        'E_VALIDATION',
        'body must be a non-empty image/jpeg, image/webp or image/png',
      )
    if (body.length > MAX_PHOTO_BYTES)
      return sendError(reply, 413, 'E_TOO_LARGE', `photos are limited to ${MAX_PHOTO_BYTES} bytes`)
    const realType = sniffImage(body)
    if (!realType) return sendError(reply, 415, 'E_VALIDATION', 'body is not a JPEG, WebP or PNG image')
    // Out of scope answers like absent (404), here as on reading: ids are no oracle for others' data.
    const notFound = () => sendError(reply, 404, 'E_NOT_FOUND', 'customer, visit or photo not found')
    const { customerId, visitId } = query.data
    const db = app.deps.db
    const customer = await customersRepo.scope(db.pool, customerId)
    if (!customer || !mayAccess(who, customer)) return notFound()
    if (visitId) {
      const visitCustomer = await visitsRepo.customerOf(db.pool, visitId)
      // The visit may not have synced yet (photos upload on their own); if it has, it must match.
      if (visitCustomer !== null && visitCustomer !== customerId) return notFound()
    }
    const existing = await photosRepo.scope(db.pool, params.data.id)
    if (existing) {
      if (!mayAccess(who, existing)) return notFound()
      return reply.code(200).send({ id: params.data.id, stored: false })
    }
    await photosRepo.insert(db.pool, {
      id: params.data.id,
      visitId: visitId ?? null,
      customerId,
      scope: customer,
      contentType: realType,
      bytes: body,
    })
    return reply.code(201).send({ id: params.data.id, stored: true })
  })

  app.get(httpApi.readPhoto.path, { onRequest: app.authenticate }, async (req, reply) => {
    const who = req.principal!
    const params = idParam.safeParse(req.params)
    if (!params.success) return sendError(reply, 400, 'E_VALIDATION', 'bad photo id')
    const photo = await photosRepo.read(app.deps.db.pool, params.data.id)
    // Out of scope looks the same as absent: ids are not an oracle for other teams' photos.
    if (!photo || !mayAccess(who, photo)) return sendError(reply, 404, 'E_NOT_FOUND', 'photo not found')
    return reply
      .type(photo.content_type)
      .header('cache-control', 'private, max-age=31536000, immutable')
      .send(Buffer.from(photo.bytes))
  })
}

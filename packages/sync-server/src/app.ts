import helmet from '@fastify/helmet'
import rateLimit from '@fastify/rate-limit'
import websocket from '@fastify/websocket'
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { Config } from './config.ts'
import type { Database } from './db/database.ts'
import { apiNotFound, sendError } from './http-errors.ts'
import { authPlugin } from './plugins/app/auth.ts'
import { staticApp } from './plugins/external/static-app.ts'
import { assignmentRoutes } from './routes/assignments.ts'
import { auditRoutes } from './routes/audit.ts'
import { authRoutes } from './routes/auth.ts'
import { clusterRoutes } from './routes/clusters.ts'
import { customFieldRoutes } from './routes/custom-fields.ts'
import { customerMergeRoutes } from './routes/customer-merge.ts'
import { exportRoutes } from './routes/exports.ts'
import { healthRoutes } from './routes/health.ts'
import { importRoutes } from './routes/imports.ts'
import { peopleRoutes } from './routes/people.ts'
import { photoRoutes } from './routes/photos.ts'
import { policyRoutes } from './routes/policies.ts'
import { productRoutes } from './routes/products.ts'
import { reviewRoutes } from './routes/review.ts'
import { setupRoutes } from './routes/setup.ts'
import { syncSocketRoute } from './routes/sync-socket.ts'
import { thresholdsRoutes } from './routes/thresholds.ts'
import { UNSTORABLE_MESSAGE, unstorableTextAt } from './security/storable-text.ts'
import { type ChangeBus, createChangeBus } from './sync/change-bus.ts'

export type AppDeps = { config: Config; db: Database; now?: () => number }

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps
    changeBus: ChangeBus
  }
}

/** Builds the whole server (tests import this); `server.ts` only listens. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.config.logLevel === 'silent' ? false : { level: deps.config.logLevel },
    trustProxy: deps.config.trustProxy,
    bodyLimit: 1024 * 1024,
    // A URL the router cannot decode (e.g. `%c0%ae`) gets the one error shape too.
    frameworkErrors: (err, _req, reply) =>
      sendError(reply, 400, 'E_BAD_MESSAGE', err.code === 'FST_ERR_BAD_URL' ? 'malformed URL' : err.message),
  })
  app.decorate('deps', deps)
  // One error shape for everything Fastify itself refuses (bad JSON, oversized bodies, rate limits).
  app.setErrorHandler((err: FastifyError & { error?: { code?: string; message?: string } }, req, reply) => {
    const status = err.statusCode ?? 500
    if (status === 429)
      return sendError(reply, 429, 'E_RATE_LIMITED', err.error?.message ?? 'too many requests')
    if (status === 413) return sendError(reply, 413, 'E_TOO_LARGE', 'request body too large')
    if (err.code?.startsWith('FST_ERR_CTP_') && status === 400)
      return sendError(reply, 400, 'E_BAD_JSON', err.message)
    if (status >= 400 && status < 500) return sendError(reply, status, 'E_BAD_MESSAGE', err.message)
    req.log.error(err)
    return sendError(reply, 500, 'E_INTERNAL', 'internal error')
  })
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        workerSrc: ["'self'", 'blob:'],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    // HSTS only means something behind TLS.
    strictTransportSecurity: deps.config.trustProxy ? { maxAge: 15552000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
  })
  // NUL and unpaired surrogates cannot be stored (Postgres refuses them): refuse them up front, everywhere.
  app.addHook('preValidation', async (req, reply) => {
    const at =
      unstorableTextAt(req.params, 'params') ??
      unstorableTextAt(req.query, 'query') ??
      unstorableTextAt(req.body, 'body')
    if (at !== null)
      return sendError(reply, 400, 'E_VALIDATION', UNSTORABLE_MESSAGE, [
        { field: at, reason: UNSTORABLE_MESSAGE },
      ])
  })
  await app.register(rateLimit, { global: false })
  await app.register(websocket, { options: { maxPayload: 4 * 1024 * 1024 } })
  const changeBus = await createChangeBus(deps.db)
  app.decorate('changeBus', changeBus)
  app.addHook('onClose', async () => changeBus.close())
  await app.register(authPlugin, deps.now ? { now: deps.now } : {})
  // Decorates `app.thresholds`, which imports and policy changes call: registered before them.
  await app.register(fp(thresholdsRoutes))
  await app.register(healthRoutes)
  await app.register(authRoutes)
  await app.register(syncSocketRoute)
  await app.register(assignmentRoutes)
  await app.register(reviewRoutes)
  await app.register(policyRoutes)
  await app.register(importRoutes)
  await app.register(exportRoutes)
  await app.register(customerMergeRoutes)
  await app.register(photoRoutes)
  await app.register(setupRoutes)
  await app.register(peopleRoutes)
  await app.register(auditRoutes)
  await app.register(productRoutes)
  await app.register(customFieldRoutes)
  await app.register(clusterRoutes)
  if (deps.config.staticDir) await app.register(staticApp, { root: deps.config.staticDir })
  else app.setNotFoundHandler(apiNotFound)
  return app
}

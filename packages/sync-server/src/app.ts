import helmet from '@fastify/helmet'
import rateLimit from '@fastify/rate-limit'
import websocket from '@fastify/websocket'
import Fastify, { type FastifyInstance } from 'fastify'
import type { Config } from './config.ts'
import type { Database } from './db/database.ts'
import { authPlugin } from './plugins/app/auth.ts'
import { staticApp } from './plugins/external/static-app.ts'
import { assignmentRoutes } from './routes/assignments.ts'
import { authRoutes } from './routes/auth.ts'
import { customerMergeRoutes } from './routes/customer-merge.ts'
import { exportRoutes } from './routes/exports.ts'
import { healthRoutes } from './routes/health.ts'
import { importRoutes } from './routes/imports.ts'
import { photoRoutes } from './routes/photos.ts'
import { policyRoutes } from './routes/policies.ts'
import { reviewRoutes } from './routes/review.ts'
import { syncSocketRoute } from './routes/sync-socket.ts'
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
  })
  app.decorate('deps', deps)
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
  await app.register(rateLimit, { global: false })
  await app.register(websocket, { options: { maxPayload: 4 * 1024 * 1024 } })
  const changeBus = await createChangeBus(deps.db)
  app.decorate('changeBus', changeBus)
  app.addHook('onClose', async () => changeBus.close())
  await app.register(authPlugin, deps.now ? { now: deps.now } : {})
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
  if (deps.config.staticDir) await app.register(staticApp, { root: deps.config.staticDir })
  return app
}

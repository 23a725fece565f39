import type { FastifyInstance } from 'fastify'
import { buildApp } from '../app.ts'
import { loadConfig } from '../config.ts'
import type { TestDb } from './test-db.ts'

/** Builds the app on a test database (no static files, quiet logs) and listens on a free port. */
export async function startTestApp(
  tdb: TestDb,
  opts: { now?: () => number; env?: Record<string, string> } = {},
) {
  const config = { ...loadConfig({ LOG_LEVEL: 'silent', ...opts.env }), staticDir: undefined }
  const app: FastifyInstance = await buildApp({ config, db: tdb.db, ...(opts.now ? { now: opts.now } : {}) })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return { app, port, baseUrl: `http://127.0.0.1:${port}`, wsUrl: `ws://127.0.0.1:${port}/sync` }
}

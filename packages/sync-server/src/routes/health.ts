import type { FastifyInstance } from 'fastify'

export async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get('/healthz', async (_req, reply) => {
    try {
      await app.deps.db.pool.query('SELECT 1')
      return { status: 'ok', db: app.deps.db.kind }
    } catch {
      return reply.code(503).send({ status: 'unavailable', db: app.deps.db.kind })
    }
  })
}

import type { FastifyInstance } from 'fastify'
import { recomputeThresholds, storedThresholds } from '../classification/population-thresholds.ts'
import { sendError } from '../http-errors.ts'
import { changeNoticesRepo } from '../repositories/change-notices-repo.ts'

/** How often the server recomputes on its own: the day moves recency, and pushed orders move the population. */
const EVERY_MS = 60 * 60_000

declare module 'fastify' {
  interface FastifyInstance {
    thresholds: {
      /** Recomputes now (after imports, policy changes, on demand); stores and syncs what changed. */
      recompute(): Promise<void>
      /** Recomputes at once and then every hour until the app closes (the running server only). */
      schedule(): void
    }
  }
}

/**
 * Population thresholds: `GET /api/thresholds` (what devices also pull), `POST /api/thresholds/recompute`
 * (supervisors and admins, on demand), and the recomputation the server runs by itself.
 */
export async function thresholdsRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.db
  const now = () => app.deps.now?.() ?? Date.now()
  let timer: ReturnType<typeof setInterval> | undefined
  const run = async () => {
    try {
      await recomputeThresholds(db, changeNoticesRepo.publish, now())
    } catch (err) {
      // Devices keep the thresholds they have (or compute their own); the next run tries again.
      app.log.error(err, 'population thresholds: recomputation failed')
    }
  }
  app.decorate('thresholds', {
    recompute: run,
    schedule() {
      if (timer) return
      void run()
      timer = setInterval(() => void run(), EVERY_MS)
      timer.unref()
    },
  })
  app.addHook('onClose', async () => clearInterval(timer))

  app.get('/api/thresholds', { preHandler: app.authenticate }, async () => storedThresholds(db.pool))
  app.post('/api/thresholds/recompute', { preHandler: app.authenticate }, async (req, reply) => {
    if (req.principal!.role === 'rep')
      return sendError(reply, 403, 'E_FORBIDDEN', 'only supervisors and admins can recompute thresholds')
    return recomputeThresholds(db, changeNoticesRepo.publish, now())
  })
}

import { httpApi, organisationSchema } from '@outrider/domain'
import type { FastifyInstance } from 'fastify'
import { sendError } from '../http-errors.ts'
import { PeopleError } from '../people/people-error.ts'
import { completeSetup, loadOrganisation, needsSetup, updateOrganisation } from '../people/setup.ts'
import { actorOf } from './people.ts'

/** First run (a one-time link creates the organisation and its first admin) and the organisation's settings. */
export async function setupRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.db
  const now = () => app.deps.now?.() ?? Date.now()
  // Public: the setup screen asks whether there is anything to set up.
  app.get(httpApi.setupStatus.path, async () => ({ needed: await needsSetup(db) }))

  app.post(
    httpApi.completeSetup.path,
    { config: { rateLimit: { max: 10, timeWindow: '1 minute' } } },
    async (req, reply) => {
      const body = httpApi.completeSetup.body.safeParse(req.body)
      if (!body.success) return sendError(reply, 400, 'E_VALIDATION', 'invalid setup', body.error.issues)
      try {
        const out = await completeSetup(db, body.data, now())
        // The thresholds are computed as of today in the organisation's zone.
        await app.thresholds.recompute()
        return reply.code(201).send(out)
      } catch (err) {
        if (err instanceof PeopleError) return sendError(reply, err.status, err.code, err.message)
        throw err
      }
    },
  )

  app.get(httpApi.loadOrganisation.path, { preHandler: app.authenticate }, async (_req, reply) => {
    const org = await loadOrganisation(db)
    return org ?? sendError(reply, 404, 'E_NOT_FOUND', 'the organisation has no settings yet')
  })

  app.put(httpApi.saveOrganisation.path, { preHandler: app.authenticate }, async (req, reply) => {
    if (req.principal!.role !== 'admin')
      return sendError(reply, 403, 'E_FORBIDDEN', 'only admins can change the organisation')
    const body = organisationSchema.safeParse(req.body)
    if (!body.success) return sendError(reply, 400, 'E_VALIDATION', 'invalid organisation', body.error.issues)
    const { org, zoneChanged } = await updateOrganisation(db, actorOf(req.principal!), body.data, now())
    // Another zone can move today's date, and with it every customer's recency.
    if (zoneChanged) await app.thresholds.recompute()
    return org
  })
}

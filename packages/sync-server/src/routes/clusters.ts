import { httpApi } from '@outrider/domain'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { sendError } from '../http-errors.ts'
import { PeopleError } from '../people/people-error.ts'
import { changeNoticesRepo } from '../repositories/change-notices-repo.ts'
import { loadClusterModel, saveClusterModel, teamExists } from '../repositories/cluster-models-repo.ts'
import { actorOf } from './people.ts'

type TeamParams = { Params: { teamId: string } }

/**
 * A team's clusters (k-means over its customers' R/F/M, run on the supervisor's device and named there):
 * read by the team's members, saved by a supervisor of that team or an admin; every device of the team
 * pulls the saved model and puts its customers in the nearest centre.
 */
export async function clusterRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.db
  const nowMs = () => app.deps.now?.() ?? Date.now()
  const auth = { preHandler: app.authenticate }
  /** Why the signed-in user may not save this team's clusters, or null. */
  const refusal = (req: FastifyRequest, teamId: string) => {
    const who = req.principal!
    if (who.role === 'admin') return null
    if (who.role === 'supervisor' && who.teamId === teamId) return null
    return who.role === 'supervisor'
      ? 'a supervisor saves the clusters of their own team only'
      : 'only a supervisor of the team or an admin saves its clusters'
  }

  app.get<TeamParams>(httpApi.loadClusterModel.path, auth, async (req, reply) => {
    const who = req.principal!
    if (who.role !== 'admin' && who.teamId !== req.params.teamId)
      return sendError(reply, 403, 'E_FORBIDDEN', 'a team’s clusters are read by its members only')
    return loadClusterModel(db.pool, req.params.teamId)
  })

  app.put<TeamParams>(httpApi.saveClusterModel.path, auth, async (req, reply) => {
    const { teamId } = req.params
    const why = refusal(req, teamId)
    if (why) return sendError(reply, 403, 'E_FORBIDDEN', why)
    const body = httpApi.saveClusterModel.body.safeParse(req.body)
    if (!body.success)
      return sendError(reply, 400, 'E_VALIDATION', 'invalid cluster model', body.error.issues)
    if (!(await teamExists(db.pool, teamId))) return sendError(reply, 404, 'E_NOT_FOUND', `no team ${teamId}`)
    try {
      const saved = await db.tx(async (client) => {
        const model = await saveClusterModel(client, actorOf(req.principal!), teamId, body.data, nowMs())
        // Broadcast: the team's reps pull it too (wake hints reach reps only by owner or broadcast);
        // the pull's scope still gives each device only its own team's model.
        await changeNoticesRepo.publish(client, {
          collections: ['clusterModels'],
          owners: [],
          teams: [teamId],
          broadcast: true,
        })
        return model
      })
      return saved
    } catch (err) {
      if (err instanceof PeopleError) return sendError(reply, err.status, err.code, err.message)
      throw err
    }
  })
}

import { httpApi } from '@outrider/domain'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { sendError } from '../http-errors.ts'
import { PeopleError } from '../people/people-error.ts'
import { changeNoticesRepo } from '../repositories/change-notices-repo.ts'
import { listCustomFields, saveCustomField } from '../repositories/custom-fields-repo.ts'
import { actorOf } from './people.ts'

const customFieldBody = httpApi.createCustomField.body

/** Custom fields for customers (reference data every device pulls): admins define them. */
export async function customFieldRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.db
  const nowMs = () => app.deps.now?.() ?? Date.now()
  const auth = { preHandler: app.authenticate }
  // Fields reach every team's forms, filters and exports, so only an admin defines them.
  const adminOnly = (req: FastifyRequest, reply: FastifyReply) => {
    if (req.principal!.role === 'admin') return false
    void sendError(reply, 403, 'E_FORBIDDEN', 'only an admin can define custom fields')
    return true
  }

  app.get(httpApi.listCustomFields.path, auth, async (req, reply) => {
    if (adminOnly(req, reply)) return reply
    return listCustomFields(db.pool)
  })

  const write = (id: string | null) => async (req: FastifyRequest, reply: FastifyReply) => {
    if (adminOnly(req, reply)) return reply
    const body = customFieldBody.safeParse(req.body)
    if (!body.success) return sendError(reply, 400, 'E_VALIDATION', 'invalid custom field', body.error.issues)
    try {
      const field = await db.tx(async (client) => {
        const saved = await saveCustomField(client, actorOf(req.principal!), id, body.data, nowMs())
        await changeNoticesRepo.publish(client, {
          collections: ['customFieldDefinitions'],
          owners: [],
          teams: [],
          broadcast: true,
        })
        return saved
      })
      return reply.code(id ? 200 : 201).send(field)
    } catch (err) {
      if (err instanceof PeopleError) return sendError(reply, err.status, err.code, err.message)
      throw err
    }
  }
  app.post(httpApi.createCustomField.path, auth, (req, reply) => write(null)(req, reply))
  app.put<{ Params: { id: string } }>(httpApi.updateCustomField.path, auth, (req, reply) =>
    write(req.params.id)(req, reply),
  )
}

import { httpApi } from '@outrider/domain'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { sendError } from '../http-errors.ts'
import { PeopleError } from '../people/people-error.ts'
import { listProducts, saveProduct } from '../products/products-repo.ts'
import { changeNoticesRepo } from '../repositories/change-notices-repo.ts'
import { actorOf } from './people.ts'

const productBody = httpApi.createProduct.body

/** The product catalogue (reference data every device pulls): supervisors and admins keep it. */
export async function productRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.db
  const nowMs = () => app.deps.now?.() ?? Date.now()
  const auth = { preHandler: app.authenticate }
  const noReps = (req: FastifyRequest, reply: FastifyReply) => {
    if (req.principal!.role !== 'rep') return false
    void sendError(reply, 403, 'E_FORBIDDEN', 'only supervisors and admins can manage products')
    return true
  }

  app.get(httpApi.listProducts.path, auth, async (req, reply) => {
    if (noReps(req, reply)) return reply
    return listProducts(db.pool)
  })

  const write = (id: string | null) => async (req: FastifyRequest, reply: FastifyReply) => {
    if (noReps(req, reply)) return reply
    const body = productBody.safeParse(req.body)
    if (!body.success) return sendError(reply, 400, 'E_VALIDATION', 'invalid product', body.error.issues)
    try {
      const product = await db.tx(async (client) => {
        const saved = await saveProduct(client, actorOf(req.principal!), id, body.data, nowMs())
        await changeNoticesRepo.publish(client, {
          collections: ['products'],
          owners: [],
          teams: [],
          broadcast: true,
        })
        return saved
      })
      return reply.code(id ? 200 : 201).send(product)
    } catch (err) {
      if (err instanceof PeopleError) return sendError(reply, err.status, err.code, err.message)
      throw err
    }
  }
  app.post(httpApi.createProduct.path, auth, (req, reply) => write(null)(req, reply))
  app.put<{ Params: { id: string } }>(httpApi.updateProduct.path, auth, (req, reply) =>
    write(req.params.id)(req, reply),
  )
}

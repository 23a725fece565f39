import {
  httpApi,
  parseTagRule,
  policyBodySchema,
  type ServicePolicy,
  servicePolicySchema,
  type TargetScope,
  tagRuleSchema,
  targetsSetFor,
  withTargets,
} from '@outrider/domain'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { sendError } from '../http-errors.ts'
import { writeAudit } from '../people/audit-log.ts'
import { loadOrganisation } from '../people/setup.ts'
import { teamExists } from '../people/teams-repo.ts'
import { findUser } from '../people/users-repo.ts'
import { changeNoticesRepo } from '../repositories/change-notices-repo.ts'
import { documentsRepo } from '../repositories/documents-repo.ts'
import { forgetOrderQuantityLimit } from '../sync/order-limit.ts'
import { actorOf } from './people.ts'

const policyBody = policyBodySchema
const newRuleBody = httpApi.createTagRule.body

type Doc = Record<string, unknown>

export async function policyRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.db
  const nowIso = () => new Date(app.deps.now?.() ?? Date.now()).toISOString()
  const supervisorOnly = (req: FastifyRequest, reply: FastifyReply) => {
    if (req.principal!.role !== 'rep') return false
    void sendError(reply, 403, 'E_FORBIDDEN', 'only supervisors and admins can change policies and tag rules')
    return true
  }
  // The service policy is the organisation's: a supervisor changing it would change the other
  // teams' service too, so only an admin may (supervisors keep tag rules, see docs/reliability.md).
  const adminOnly = (req: FastifyRequest, reply: FastifyReply) => {
    if (req.principal!.role === 'admin') return false
    void sendError(reply, 403, 'E_FORBIDDEN', 'only an admin can change the organisation’s service policy')
    return true
  }
  /** Stores reference data, records who changed what, and wakes every device: policies and rules apply to everyone. */
  const save = async (
    req: FastifyRequest,
    collection: 'policies' | 'tagRules',
    doc: Doc,
    before: Doc | null,
  ) => {
    const kind = collection === 'policies' ? 'policy' : 'tag_rule'
    const notice = {
      collections: [collection],
      owners: [],
      teams: [],
      broadcast: true,
    }
    await db.tx(async (client) => {
      await documentsRepo.upsert(client, collection, doc)
      await writeAudit(client, actorOf(req.principal!), {
        action: `${kind}.${before ? 'update' : 'create'}`,
        targetType: kind,
        targetId: String(doc.id),
        teamId: null,
        ...(before ? { before } : {}),
        after: doc,
      })
      await changeNoticesRepo.publish(client, notice)
    })
  }
  const load = (collection: 'policies' | 'tagRules', id: string) =>
    documentsRepo.find(db.pool, collection, id)
  const list = (collection: 'policies' | 'tagRules') => documentsRepo.list(db.pool, collection)

  app.get(httpApi.listPolicies.path, { preHandler: app.authenticate }, async () => list('policies'))
  app.get(httpApi.listTagRules.path, { preHandler: app.authenticate }, async () => list('tagRules'))

  app.put<{ Params: { id: string } }>(
    httpApi.savePolicy.path,
    { preHandler: app.authenticate },
    async (req, reply) => {
      if (adminOnly(req, reply)) return reply
      const body = typeof req.body === 'object' && req.body !== null ? (req.body as Doc) : {}
      const parsed = policyBody.safeParse({ ...body, id: body.id ?? req.params.id })
      if (!parsed.success)
        return sendError(reply, 400, 'E_VALIDATION', 'invalid service policy', parsed.error.issues)
      if (parsed.data.id !== req.params.id)
        return sendError(reply, 400, 'E_VALIDATION', 'the policy id in the body differs from the URL')
      const stored = await load('policies', req.params.id)
      const now = nowIso()
      // The time zone is the organisation's setting (see `policiesFollowZone`): a policy saved from a
      // device that has not yet pulled a new zone must not bring the old one back.
      const org = await loadOrganisation(db)
      const doc = {
        ...parsed.data,
        ...(org ? { timeZone: org.timeZone } : {}),
        createdAt: stored?.createdAt ?? parsed.data.createdAt,
        updatedAt: now,
        serverUpdatedAt: now,
      }
      await save(req, 'policies', doc, stored)
      // This instance's order pushes take a new quantity limit at once (others within seconds).
      forgetOrderQuantityLimit(db.pool)
      // Tier shares, the time zone and the population decide the thresholds.
      await app.thresholds.recompute()
      return doc
    },
  )

  /**
   * Why `req`'s user may not set `scope`'s targets, or null: the organisation's are an admin's; a
   * team's and a rep's, the team's supervisor's (or an admin's), for a team or rep that exists.
   */
  const targetsRefusal = async (
    req: FastifyRequest,
    scope: TargetScope,
  ): Promise<{ status: 403 | 404; message: string } | null> => {
    const who = req.principal!
    if (who.role === 'rep') return { status: 403, message: 'only supervisors and admins set targets' }
    if (scope.kind === 'organisation')
      return who.role === 'admin'
        ? null
        : { status: 403, message: 'only an admin sets the organisation’s targets' }
    const teamId =
      scope.kind === 'team'
        ? (await teamExists(db.pool, scope.id))
          ? scope.id
          : undefined
        : await findUser(db.pool, scope.id).then((u) =>
            u?.role === 'rep' ? (u.teamId ?? undefined) : undefined,
          )
    if (teamId === undefined) return { status: 404, message: `no ${scope.kind} ${scope.id}` }
    if (who.role === 'admin' || teamId === who.teamId) return null
    return { status: 403, message: 'a supervisor sets the targets of their own team and its reps only' }
  }

  app.put<{ Params: { id: string } }>(
    httpApi.saveTargets.path,
    { preHandler: app.authenticate },
    async (req, reply) => {
      const parsed = httpApi.saveTargets.body.safeParse(req.body)
      if (!parsed.success)
        return sendError(reply, 400, 'E_VALIDATION', 'invalid targets', parsed.error.issues)
      const { scope, targets } = parsed.data
      const refusal = await targetsRefusal(req, scope)
      if (refusal)
        return sendError(
          reply,
          refusal.status,
          refusal.status === 403 ? 'E_FORBIDDEN' : 'E_NOT_FOUND',
          refusal.message,
        )
      const saved = await db.tx(async (client) => {
        const stored = await documentsRepo.find(client, 'policies', req.params.id, { forUpdate: true })
        const policy = stored ? servicePolicySchema.safeParse(stored) : null
        if (!policy?.success) return null
        const now = nowIso()
        const doc: ServicePolicy = {
          ...withTargets(policy.data, scope, targets),
          updatedAt: now,
          serverUpdatedAt: now,
        }
        await documentsRepo.upsert(client, 'policies', doc)
        await writeAudit(client, actorOf(req.principal!), {
          action: 'policy.targets',
          targetType: 'policy',
          targetId: req.params.id,
          teamId:
            scope.kind === 'team'
              ? scope.id
              : scope.kind === 'rep'
                ? ((await findUser(client, scope.id))?.teamId ?? null)
                : null,
          before: { scope, targets: targetsSetFor(policy.data, scope) ?? null },
          after: { scope, targets },
        })
        await changeNoticesRepo.publish(client, {
          collections: ['policies'],
          owners: [],
          teams: [],
          broadcast: true,
        })
        return doc
      })
      if (!saved) return sendError(reply, 404, 'E_NOT_FOUND', `no service policy ${req.params.id}`)
      return saved
    },
  )

  app.post(httpApi.createTagRule.path, { preHandler: app.authenticate }, async (req, reply) => {
    if (supervisorOnly(req, reply)) return reply
    const parsed = newRuleBody.safeParse(req.body)
    if (!parsed.success) return sendError(reply, 400, 'E_VALIDATION', 'invalid tag rule', parsed.error.issues)
    const rule = parseTagRule(parsed.data.rule)
    if (!rule.ok) return sendError(reply, 400, 'E_VALIDATION', rule.error.message)
    const id = parsed.data.id ?? `tag-rule-${crypto.randomUUID()}`
    if (await load('tagRules', id))
      return sendError(reply, 409, 'E_VALIDATION', `tag rule ${id} already exists`)
    const now = nowIso()
    const doc = { ...parsed.data, id, createdAt: now, updatedAt: now, serverUpdatedAt: now }
    await save(req, 'tagRules', doc, null)
    return reply.code(201).send(doc)
  })

  app.put<{ Params: { id: string } }>(
    httpApi.updateTagRule.path,
    { preHandler: app.authenticate },
    async (req, reply) => {
      if (supervisorOnly(req, reply)) return reply
      const body = typeof req.body === 'object' && req.body !== null ? (req.body as Doc) : {}
      const stored = await load('tagRules', req.params.id)
      if (!stored) return sendError(reply, 404, 'E_NOT_FOUND', `no tag rule ${req.params.id}`)
      const parsed = tagRuleSchema.safeParse({
        createdAt: stored.createdAt,
        updatedAt: stored.updatedAt,
        ...body,
        id: req.params.id,
      })
      if (!parsed.success)
        return sendError(reply, 400, 'E_VALIDATION', 'invalid tag rule', parsed.error.issues)
      if (body.id !== undefined && body.id !== req.params.id)
        return sendError(reply, 400, 'E_VALIDATION', 'the tag rule id in the body differs from the URL')
      const rule = parseTagRule(parsed.data.rule)
      if (!rule.ok) return sendError(reply, 400, 'E_VALIDATION', rule.error.message)
      const now = nowIso()
      const doc = { ...parsed.data, createdAt: stored.createdAt, updatedAt: now, serverUpdatedAt: now }
      await save(req, 'tagRules', doc, stored)
      return doc
    },
  )

  app.delete<{ Params: { id: string } }>(
    httpApi.retireTagRule.path,
    { preHandler: app.authenticate },
    async (req, reply) => {
      if (supervisorOnly(req, reply)) return reply
      const stored = await load('tagRules', req.params.id)
      if (!stored) return sendError(reply, 404, 'E_NOT_FOUND', `no tag rule ${req.params.id}`)
      const now = nowIso()
      const doc = { ...stored, active: false, updatedAt: now, serverUpdatedAt: now }
      await save(req, 'tagRules', doc, stored)
      return doc
    },
  )
}

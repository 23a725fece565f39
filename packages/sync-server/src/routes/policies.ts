import {
  httpApi,
  type MonthTargets,
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
import type { Database } from '../db/database-handle.ts'
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

type Reference = 'policies' | 'tagRules'

export async function policyRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.db
  app.get(httpApi.listPolicies.path, { preHandler: app.authenticate }, async () =>
    documentsRepo.list(db.pool, 'policies'),
  )
  app.get(httpApi.listTagRules.path, { preHandler: app.authenticate }, async () =>
    documentsRepo.list(db.pool, 'tagRules'),
  )
  servicePolicyRoutes(app)
  targetsRoute(app)
  tagRuleRoutes(app)
}

const nowIso = (app: FastifyInstance) => new Date(app.deps.now?.() ?? Date.now()).toISOString()

function supervisorOnly(req: FastifyRequest, reply: FastifyReply): boolean {
  if (req.principal!.role !== 'rep') return false
  void sendError(reply, 403, 'E_FORBIDDEN', 'only supervisors and admins can change policies and tag rules')
  return true
}

// The service policy is the organisation's: a supervisor changing it would change the other
// teams' service too, so only an admin may (supervisors keep tag rules, see docs/reliability.md).
function adminOnly(req: FastifyRequest, reply: FastifyReply): boolean {
  if (req.principal!.role === 'admin') return false
  void sendError(reply, 403, 'E_FORBIDDEN', 'only an admin can change the organisation’s service policy')
  return true
}

const objectBody = (req: FastifyRequest): Doc =>
  typeof req.body === 'object' && req.body !== null ? (req.body as Doc) : {}

/** Stores reference data, records who changed what, and wakes every device: policies and rules apply to everyone. */
async function saveReference(
  app: FastifyInstance,
  req: FastifyRequest,
  collection: Reference,
  doc: Doc,
  before: Doc | null,
): Promise<void> {
  const kind = collection === 'policies' ? 'policy' : 'tag_rule'
  await app.deps.db.tx(async (client) => {
    await documentsRepo.upsert(client, collection, doc)
    await writeAudit(client, actorOf(req.principal!), {
      action: `${kind}.${before ? 'update' : 'create'}`,
      targetType: kind,
      targetId: String(doc.id),
      teamId: null,
      ...(before ? { before } : {}),
      after: doc,
    })
    await changeNoticesRepo.publish(client, {
      collections: [collection],
      owners: [],
      teams: [],
      broadcast: true,
    })
  })
}

function servicePolicyRoutes(app: FastifyInstance): void {
  const db = app.deps.db
  app.put<{ Params: { id: string } }>(
    httpApi.savePolicy.path,
    { preHandler: app.authenticate },
    async (req, reply) => {
      if (adminOnly(req, reply)) return reply
      const body = objectBody(req)
      const parsed = policyBody.safeParse({ ...body, id: body.id ?? req.params.id })
      if (!parsed.success)
        return sendError(reply, 400, 'E_VALIDATION', 'invalid service policy', parsed.error.issues)
      if (parsed.data.id !== req.params.id)
        return sendError(reply, 400, 'E_VALIDATION', 'the policy id in the body differs from the URL')
      const stored = await documentsRepo.find(db.pool, 'policies', req.params.id)
      const now = nowIso(app)
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
      await saveReference(app, req, 'policies', doc, stored)
      // This instance's order pushes take a new quantity limit at once (others within seconds).
      forgetOrderQuantityLimit(db.pool)
      // Tier shares, the time zone and the population decide the thresholds.
      await app.thresholds.recompute()
      return doc
    },
  )
}

/**
 * Why `req`'s user may not set `scope`'s targets, or null: the organisation's are an admin's; a
 * team's and a rep's, the team's supervisor's (or an admin's), for a team or rep that exists.
 */
async function targetsRefusal(
  db: Database,
  req: FastifyRequest,
  scope: TargetScope,
): Promise<{ status: 403 | 404; message: string } | null> {
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

function targetsRoute(app: FastifyInstance): void {
  app.put<{ Params: { id: string } }>(
    httpApi.saveTargets.path,
    { preHandler: app.authenticate },
    async (req, reply) => {
      const parsed = httpApi.saveTargets.body.safeParse(req.body)
      if (!parsed.success)
        return sendError(reply, 400, 'E_VALIDATION', 'invalid targets', parsed.error.issues)
      const { scope, targets } = parsed.data
      const refusal = await targetsRefusal(app.deps.db, req, scope)
      if (refusal)
        return sendError(
          reply,
          refusal.status,
          refusal.status === 403 ? 'E_FORBIDDEN' : 'E_NOT_FOUND',
          refusal.message,
        )
      const saved = await storeTargets(app, req, scope, targets)
      if (!saved) return sendError(reply, 404, 'E_NOT_FOUND', `no service policy ${req.params.id}`)
      return saved
    },
  )
}

/** Sets `scope`'s targets in the policy of the URL, audited, waking every device; null when there is no such policy. */
function storeTargets(
  app: FastifyInstance,
  req: FastifyRequest<{ Params: { id: string } }>,
  scope: TargetScope,
  targets: MonthTargets | null,
): Promise<ServicePolicy | null> {
  return app.deps.db.tx(async (client) => {
    const stored = await documentsRepo.find(client, 'policies', req.params.id, { forUpdate: true })
    const policy = stored ? servicePolicySchema.safeParse(stored) : null
    if (!policy?.success) return null
    const now = nowIso(app)
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
}

function tagRuleRoutes(app: FastifyInstance): void {
  const db = app.deps.db
  app.post(httpApi.createTagRule.path, { preHandler: app.authenticate }, async (req, reply) => {
    if (supervisorOnly(req, reply)) return reply
    const parsed = newRuleBody.safeParse(req.body)
    if (!parsed.success) return sendError(reply, 400, 'E_VALIDATION', 'invalid tag rule', parsed.error.issues)
    const rule = parseTagRule(parsed.data.rule)
    if (!rule.ok) return sendError(reply, 400, 'E_VALIDATION', rule.error.message)
    const id = parsed.data.id ?? `tag-rule-${crypto.randomUUID()}`
    if (await documentsRepo.find(db.pool, 'tagRules', id))
      return sendError(reply, 409, 'E_VALIDATION', `tag rule ${id} already exists`)
    const now = nowIso(app)
    const doc = { ...parsed.data, id, createdAt: now, updatedAt: now, serverUpdatedAt: now }
    await saveReference(app, req, 'tagRules', doc, null)
    return reply.code(201).send(doc)
  })

  app.put<{ Params: { id: string } }>(
    httpApi.updateTagRule.path,
    { preHandler: app.authenticate },
    async (req, reply) => {
      if (supervisorOnly(req, reply)) return reply
      const body = objectBody(req)
      const stored = await documentsRepo.find(db.pool, 'tagRules', req.params.id)
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
      const now = nowIso(app)
      const doc = { ...parsed.data, createdAt: stored.createdAt, updatedAt: now, serverUpdatedAt: now }
      await saveReference(app, req, 'tagRules', doc, stored)
      return doc
    },
  )

  app.delete<{ Params: { id: string } }>(
    httpApi.retireTagRule.path,
    { preHandler: app.authenticate },
    async (req, reply) => {
      if (supervisorOnly(req, reply)) return reply
      const stored = await documentsRepo.find(db.pool, 'tagRules', req.params.id)
      if (!stored) return sendError(reply, 404, 'E_NOT_FOUND', `no tag rule ${req.params.id}`)
      const now = nowIso(app)
      const doc = { ...stored, active: false, updatedAt: now, serverUpdatedAt: now }
      await saveReference(app, req, 'tagRules', doc, stored)
      return doc
    },
  )
}

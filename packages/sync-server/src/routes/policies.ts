import {
  idSchema,
  isoDateTimeSchema,
  parseTagRule,
  servicePolicySchema,
  tagRuleSchema,
} from '@outrider/domain'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { sendError } from '../http-errors.ts'
import { upsertDoc } from '../import/upsert-doc.ts'
import { writeAudit } from '../people/audit-log.ts'
import { type TableDef, tables } from '../sync/tables.ts'
import { actorOf } from './people.ts'

// A covers share `a` of spend and B the next share `b`, so together they cannot exceed all of it.
const policyBody = servicePolicySchema.refine((p) => p.tierShares.a + p.tierShares.b <= 1, {
  message: 'tierShares.a + tierShares.b must not exceed 1',
  path: ['tierShares'],
})
const newRuleBody = tagRuleSchema.extend({
  id: idSchema.optional(),
  createdAt: isoDateTimeSchema.optional(),
  updatedAt: isoDateTimeSchema.optional(),
})

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
  const save = async (req: FastifyRequest, def: TableDef, doc: Doc, before: Doc | null) => {
    const kind = def === tables.policies ? 'policy' : 'tag_rule'
    const notice = {
      collections: [def === tables.policies ? 'policies' : 'tagRules'],
      owners: [],
      teams: [],
      broadcast: true,
    }
    await db.tx(async (client) => {
      await upsertDoc(client, def, doc)
      await writeAudit(client, actorOf(req.principal!), {
        action: `${kind}.${before ? 'update' : 'create'}`,
        targetType: kind,
        targetId: String(doc.id),
        teamId: null,
        ...(before ? { before } : {}),
        after: doc,
      })
      const sql = app.changeBus.publishSql(notice)
      await client.query(sql.sql, sql.params)
    })
  }
  const load = async (table: string, id: string) =>
    (await db.pool.query<{ doc: Doc }>(`SELECT doc FROM ${table} WHERE id = $1`, [id])).rows[0]?.doc ?? null
  const list = async (table: string) =>
    (await db.pool.query<{ doc: Doc }>(`SELECT doc FROM ${table} ORDER BY id`)).rows.map((r) => r.doc)

  app.get('/api/policies', { preHandler: app.authenticate }, async () => list('policies'))
  app.get('/api/tag-rules', { preHandler: app.authenticate }, async () => list('tag_rules'))

  app.put<{ Params: { id: string } }>(
    '/api/policies/:id',
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
      const doc = {
        ...parsed.data,
        createdAt: stored?.createdAt ?? parsed.data.createdAt,
        updatedAt: now,
        serverUpdatedAt: now,
      }
      await save(req, tables.policies, doc, stored)
      // Tier shares, the time zone and the population decide the thresholds.
      await app.thresholds.recompute()
      return doc
    },
  )

  app.post('/api/tag-rules', { preHandler: app.authenticate }, async (req, reply) => {
    if (supervisorOnly(req, reply)) return reply
    const parsed = newRuleBody.safeParse(req.body)
    if (!parsed.success) return sendError(reply, 400, 'E_VALIDATION', 'invalid tag rule', parsed.error.issues)
    const rule = parseTagRule(parsed.data.rule)
    if (!rule.ok) return sendError(reply, 400, 'E_VALIDATION', rule.error.message)
    const id = parsed.data.id ?? `tag-rule-${crypto.randomUUID()}`
    if (await load('tag_rules', id))
      return sendError(reply, 409, 'E_VALIDATION', `tag rule ${id} already exists`)
    const now = nowIso()
    const doc = { ...parsed.data, id, createdAt: now, updatedAt: now, serverUpdatedAt: now }
    await save(req, tables.tagRules, doc, null)
    return reply.code(201).send(doc)
  })

  app.put<{ Params: { id: string } }>(
    '/api/tag-rules/:id',
    { preHandler: app.authenticate },
    async (req, reply) => {
      if (supervisorOnly(req, reply)) return reply
      const body = typeof req.body === 'object' && req.body !== null ? (req.body as Doc) : {}
      const stored = await load('tag_rules', req.params.id)
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
      await save(req, tables.tagRules, doc, stored)
      return doc
    },
  )

  app.delete<{ Params: { id: string } }>(
    '/api/tag-rules/:id',
    { preHandler: app.authenticate },
    async (req, reply) => {
      if (supervisorOnly(req, reply)) return reply
      const stored = await load('tag_rules', req.params.id)
      if (!stored) return sendError(reply, 404, 'E_NOT_FOUND', `no tag rule ${req.params.id}`)
      const now = nowIso()
      const doc = { ...stored, active: false, updatedAt: now, serverUpdatedAt: now }
      await save(req, tables.tagRules, doc, stored)
      return doc
    },
  )
}

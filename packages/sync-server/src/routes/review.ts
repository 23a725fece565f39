import { type EndpointReply, type HttpApi, httpApi, type Review } from '@outrider/domain'
import type { FastifyInstance } from 'fastify'
import { sendError } from '../http-errors.ts'
import { changeNoticesRepo } from '../repositories/change-notices-repo.ts'
import { type StoredVisit, visitsRepo } from '../repositories/visits-repo.ts'

const body = httpApi.reviewVisit.body
const replyBody = httpApi.replyToReview.body
type ReviewReply = EndpointReply<HttpApi['reviewVisit']>

type Refusal = { refuse: [number, string, string] }

export async function reviewRoutes(app: FastifyInstance): Promise<void> {
  reviewRoute(app)
  replyRoute(app)
}

const nowIso = (app: FastifyInstance) => new Date(app.deps.now?.() ?? Date.now()).toISOString()

/** Writes a visit's review (server-owned) and wakes its owner and team: their next pull delivers it. */
function writeReview(app: FastifyInstance, id: string, decide: (visit: StoredVisit) => Review | Refusal) {
  return app.deps.db.tx(async (client) => {
    const visit = await visitsRepo.lockForReview(client, id)
    if (!visit) {
      const missing: Refusal = { refuse: [404, 'E_NOT_FOUND', `no visit ${id}`] }
      return missing
    }
    const review = decide(visit)
    if ('refuse' in review) return review
    const at = nowIso(app)
    await visitsRepo.writeReview(client, id, review, at)
    const notice = {
      collections: ['visits'],
      owners: visit.owner_rep_id ? [visit.owner_rep_id] : [],
      teams: visit.team_id ? [visit.team_id] : [],
      broadcast: false,
    }
    await changeNoticesRepo.publish(client, notice)
    return { review, notice }
  })
}

/**
 * A supervisor approves or comments on a visit of their team. Comments and approval are kept together:
 * approving without a new comment keeps the earlier one, and the rep's reply stays.
 */
function reviewRoute(app: FastifyInstance): void {
  app.post<{ Params: { id: string } }>(
    httpApi.reviewVisit.path,
    { preHandler: app.authenticate },
    async (req, reply) => {
      const who = req.principal!
      if (who.role === 'rep')
        return sendError(reply, 403, 'E_FORBIDDEN', 'only supervisors can review visits')
      const parsed = body.safeParse(req.body)
      if (!parsed.success)
        return sendError(
          reply,
          400,
          'E_VALIDATION',
          'status must be approved or commented',
          parsed.error.issues,
        )
      const { status, comment } = parsed.data
      const result = await writeReview(app, req.params.id, (visit) => {
        if (who.role === 'supervisor' && (visit.team_id === null || visit.team_id !== who.teamId))
          return { refuse: [403, 'E_FORBIDDEN', 'this visit belongs to another team'] }
        const before = visit.doc.review
        const kept = comment === undefined || comment.trim() === '' ? before?.comment : comment
        return {
          status,
          by: who.userId,
          at: nowIso(app),
          ...(kept === undefined ? {} : { comment: kept }),
          ...(before?.reply === undefined ? {} : { reply: before.reply }),
        }
      })
      if ('refuse' in result) return sendError(reply, ...result.refuse)
      return { id: req.params.id, review: result.review } satisfies ReviewReply
    },
  )
}

/** The rep who owns a reviewed visit replies to the review, once. */
function replyRoute(app: FastifyInstance): void {
  app.post<{ Params: { id: string } }>(
    httpApi.replyToReview.path,
    { preHandler: app.authenticate },
    async (req, reply) => {
      const who = req.principal!
      const parsed = replyBody.safeParse(req.body)
      if (!parsed.success)
        return sendError(
          reply,
          400,
          'E_VALIDATION',
          'a reply needs text (at most 2000 characters)',
          parsed.error.issues,
        )
      const result = await writeReview(app, req.params.id, (visit) => {
        if (visit.owner_rep_id !== who.userId && visit.doc.authorId !== who.userId)
          return { refuse: [403, 'E_FORBIDDEN', 'only the rep of this visit can reply to its review'] }
        const before = visit.doc.review
        if (before === undefined || before.status === 'pending')
          return { refuse: [400, 'E_VALIDATION', 'this visit has not been reviewed yet'] }
        if (before.reply !== undefined)
          return { refuse: [400, 'E_VALIDATION', 'this review has already been replied to'] }
        return { ...before, reply: { by: who.userId, at: nowIso(app), text: parsed.data.text } }
      })
      if ('refuse' in result) return sendError(reply, ...result.refuse)
      return { id: req.params.id, review: result.review } satisfies ReviewReply
    },
  )
}

import { httpApi } from '@outrider/domain'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type pg from 'pg'
import type { z } from 'zod'
import type { Principal } from '../auth/sessions.ts'
import { sendError } from '../http-errors.ts'
import { type Actor, writeAudit } from '../people/audit-log.ts'
import { createUsersFromCsv } from '../people/bulk-users.ts'
import { PeopleError } from '../people/people-error.ts'
import { canManage } from '../people/people-rules.ts'
import { listTeams, saveTeam } from '../people/teams-repo.ts'
import {
  type Credential,
  createUser,
  endSessionsOf,
  findUser,
  listUsers,
  setCredential,
  updateUser,
} from '../people/users-repo.ts'
import { changeNoticesRepo } from '../repositories/change-notices-repo.ts'
import type { ChangeNotice } from '../sync/change-bus.ts'

const newUserBody = httpApi.createUser.body
const changeBody = httpApi.changeUser.body
const teamBody = httpApi.createTeam.body
const bulkBody = httpApi.bulkCreateUsers.body
const resetBody = httpApi.resetPassword.body

export const actorOf = (p: Principal): Actor => ({ userId: p.userId, role: p.role })

/** People and teams: admins manage everyone, supervisors the reps of their own team, reps nothing. */
export async function peopleRoutes(app: FastifyInstance): Promise<void> {
  userRoutes(app)
  userChangeRoutes(app)
  teamRoutes(app)
}

const nowMs = (app: FastifyInstance) => app.deps.now?.() ?? Date.now()
const auth = (app: FastifyInstance) => ({ preHandler: app.authenticate })

/** Runs a change in one transaction with its wake-up notice; ended sessions' sockets close at once. */
async function write<T>(
  app: FastifyInstance,
  reply: FastifyReply,
  fn: (client: pg.PoolClient) => Promise<{ result: T; ended?: string[] }>,
): Promise<T | FastifyReply> {
  try {
    const { result } = await app.deps.db.tx(async (client) => {
      const out = await fn(client)
      const notice: ChangeNotice = {
        collections: ['users', 'teams'],
        owners: [],
        teams: [],
        broadcast: true,
        ...(out.ended && out.ended.length > 0 ? { endedSessions: out.ended } : {}),
      }
      await changeNoticesRepo.publish(client, notice)
      return { result: out.result, notice }
    })
    return result
  } catch (err) {
    if (err instanceof PeopleError) return sendError(reply, err.status, err.code, err.message)
    throw err
  }
}

const forbidden = (reply: FastifyReply, what = 'you cannot manage this user') =>
  sendError(reply, 403, 'E_FORBIDDEN', what)

function noReps(req: FastifyRequest, reply: FastifyReply): boolean {
  if (req.principal!.role !== 'rep') return false
  void forbidden(reply, 'only admins and supervisors can manage people')
  return true
}

/** Listing people and creating them, one at a time or from a CSV. */
function userRoutes(app: FastifyInstance): void {
  app.get(httpApi.listUsers.path, auth(app), async (req, reply) => {
    if (noReps(req, reply)) return reply
    const p = req.principal!
    return listUsers(app.deps.db.pool, p.role === 'admin' ? undefined : (p.teamId ?? '-'))
  })

  app.post(httpApi.createUser.path, auth(app), async (req, reply) => {
    if (noReps(req, reply)) return reply
    const body = newUserBody.safeParse(req.body)
    if (!body.success) return sendError(reply, 400, 'E_VALIDATION', 'invalid user', body.error.issues)
    const { credential: cred, ...input } = body.data
    if (!canManage(req.principal!, null, input)) return forbidden(reply)
    const out = await write(app, reply, async (client) => ({
      result: await createUser(client, actorOf(req.principal!), input, cred as Credential, nowMs(app)),
    }))
    return reply.sent ? reply : reply.code(201).send(out)
  })

  app.post(httpApi.bulkCreateUsers.path, auth(app), async (req, reply) => {
    if (noReps(req, reply)) return reply
    const body = bulkBody.safeParse(req.body)
    if (!body.success)
      return sendError(reply, 400, 'E_VALIDATION', 'body needs csv and credential', body.error.issues)
    return write(app, reply, async (client) => ({
      result: await createUsersFromCsv(
        client,
        req.principal!,
        actorOf(req.principal!),
        body.data.csv,
        body.data.credential,
        nowMs(app),
      ),
    }))
  })
}

/**
 * Changes a user for `p`; disabled, or given another role or team, every session of theirs ends now
 * (they sign in again).
 */
async function changeUser(
  client: pg.PoolClient,
  p: Principal,
  id: string,
  change: z.infer<typeof changeBody>,
  now: number,
) {
  const before = await findUser(client, id, true)
  if (!before) throw new PeopleError(404, 'E_NOT_FOUND', `no user ${id}`)
  const after = {
    role: change.role ?? before.role,
    teamId: change.teamId !== undefined ? change.teamId : before.teamId,
  }
  if (!canManage(p, before, after)) throw new PeopleError(403, 'E_FORBIDDEN', 'you cannot manage this user')
  if (before.id === p.userId && (change.disabled === true || (change.role && change.role !== before.role)))
    throw new PeopleError(422, 'E_VALIDATION', 'you cannot disable yourself or change your own role')
  const user = await updateUser(client, actorOf(p), before, change, now)
  const access =
    user.disabled !== before.disabled || user.role !== before.role || user.teamId !== before.teamId
  const ended = access ? await endSessionsOf(client, user.id, now) : []
  return { result: user, ended }
}

/** A new password or sign-in code for a user; their sessions end. */
async function resetCredential(
  client: pg.PoolClient,
  p: Principal,
  id: string,
  credential: z.infer<typeof resetBody>['credential'],
  now: number,
) {
  const user = await findUser(client, id, true)
  if (!user) throw new PeopleError(404, 'E_NOT_FOUND', `no user ${id}`)
  if (!canManage(p, user, user)) throw new PeopleError(403, 'E_FORBIDDEN', 'you cannot manage this user')
  const issued = await setCredential(client, user.id, credential as Credential, now)
  const ended = await endSessionsOf(client, user.id, now)
  await writeAudit(client, actorOf(p), {
    action: 'user.reset_password',
    targetType: 'user',
    targetId: user.id,
    teamId: user.teamId,
    after: { credential: credential.kind },
  })
  return { result: issued, ended }
}

function userChangeRoutes(app: FastifyInstance): void {
  app.patch<{ Params: { id: string } }>(httpApi.changeUser.path, auth(app), async (req, reply) => {
    if (noReps(req, reply)) return reply
    const body = changeBody.safeParse(req.body)
    if (!body.success) return sendError(reply, 400, 'E_VALIDATION', 'invalid change', body.error.issues)
    return write(app, reply, (client) =>
      changeUser(client, req.principal!, req.params.id, body.data, nowMs(app)),
    )
  })

  app.post<{ Params: { id: string } }>(httpApi.resetPassword.path, auth(app), async (req, reply) => {
    if (noReps(req, reply)) return reply
    const body = resetBody.safeParse(req.body)
    if (!body.success)
      return sendError(reply, 400, 'E_VALIDATION', 'body needs credential', body.error.issues)
    return write(app, reply, (client) =>
      resetCredential(client, req.principal!, req.params.id, body.data.credential, nowMs(app)),
    )
  })
}

function teamRoutes(app: FastifyInstance): void {
  app.get(httpApi.listTeams.path, auth(app), async (req, reply) => {
    if (noReps(req, reply)) return reply
    return listTeams(app.deps.db.pool)
  })

  const teamWrite = (teamId: string | null) => async (req: FastifyRequest, reply: FastifyReply) => {
    if (req.principal!.role !== 'admin') return forbidden(reply, 'only admins can manage teams')
    const body = teamBody.safeParse(req.body)
    if (!body.success) return sendError(reply, 400, 'E_VALIDATION', 'invalid team', body.error.issues)
    const team = await write(app, reply, async (client) => ({
      result: await saveTeam(client, actorOf(req.principal!), teamId, body.data, nowMs(app)),
    }))
    return reply.sent ? reply : reply.code(teamId ? 200 : 201).send(team)
  }
  app.post(httpApi.createTeam.path, auth(app), (req, reply) => teamWrite(null)(req, reply))
  app.put<{ Params: { id: string } }>(httpApi.updateTeam.path, auth(app), (req, reply) =>
    teamWrite(req.params.id)(req, reply),
  )
}

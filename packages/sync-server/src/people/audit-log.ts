import type { AuditRow } from '@outrider/domain'
import type pg from 'pg'

type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient

/** Who did something: a signed-in admin or supervisor, or the command line (no user). */
export type Actor = { userId: string | null; role: 'admin' | 'supervisor' | 'rep' | 'cli' }

export type AuditEntry = {
  action: string
  targetType: string
  targetId: string | null
  /** The team the change concerns, so a supervisor's and an admin's views can be filtered. */
  teamId: string | null
  before?: unknown
  after?: unknown
}

export type { AuditRow }

/** Records one admin or supervisor action, inside the caller's transaction so it stands or falls with it. */
export async function writeAudit(client: Queryable, actor: Actor, e: AuditEntry): Promise<void> {
  await client.query(
    `INSERT INTO audit_log (actor_id, actor_role, action, target_type, target_id, team_id, before, after)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      actor.userId,
      actor.role,
      e.action,
      e.targetType,
      e.targetId,
      e.teamId,
      e.before === undefined ? null : JSON.stringify(e.before),
      e.after === undefined ? null : JSON.stringify(e.after),
    ],
  )
}

/** Newest first; `beforeId` pages back. */
export async function listAudit(
  db: Queryable,
  opts: { limit: number; beforeId?: string; action?: string },
): Promise<AuditRow[]> {
  const params: unknown[] = [opts.limit]
  const where: string[] = []
  if (opts.beforeId) where.push(`id < $${params.push(opts.beforeId)}::bigint`)
  if (opts.action) where.push(`action = $${params.push(opts.action)}`)
  const { rows } = await db.query(
    `SELECT id::text, at, actor_id, actor_role, action, target_type, target_id, team_id, before, after
       FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY id DESC LIMIT $1`,
    params,
  )
  return rows.map((r) => ({
    id: r.id,
    at: new Date(r.at).toISOString(),
    actorId: r.actor_id,
    actorRole: r.actor_role,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    teamId: r.team_id,
    before: r.before ?? undefined,
    after: r.after ?? undefined,
  }))
}

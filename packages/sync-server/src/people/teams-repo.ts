import { randomUUID } from 'node:crypto'
import { type Team, teamSchema } from '@outrider/domain'
import type pg from 'pg'
import { documentsRepo } from '../repositories/documents-repo.ts'
import { type Actor, writeAudit } from './audit-log.ts'
import { PeopleError } from './people-error.ts'

type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient
export type TeamInput = { name: string; region: string; supervisorIds: string[] }

/** Whether a team of this id exists. */
export async function teamExists(db: Queryable, id: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM teams WHERE id = $1', [id])
  return rows.length > 0
}

export async function listTeams(db: Queryable): Promise<Team[]> {
  const { rows } = await db.query<{ doc: Team }>("SELECT doc FROM teams ORDER BY doc->>'name', id")
  return rows.map((r) => r.doc)
}

/**
 * Creates or changes a team. Its supervisors must be supervisors; each is filed under the team
 * (a supervisor leads one team: their sessions see that team's slice).
 */
export async function saveTeam(
  client: pg.PoolClient,
  actor: Actor,
  id: string | null,
  input: TeamInput,
  nowMs = Date.now(),
): Promise<Team> {
  const before = id
    ? (await client.query<{ doc: Team }>('SELECT doc FROM teams WHERE id = $1 FOR UPDATE', [id])).rows[0]?.doc
    : undefined
  if (id && !before) throw new PeopleError(404, 'E_NOT_FOUND', `no team ${id}`)
  const supervisors = await client.query<{ id: string; role: string }>(
    'SELECT id, role FROM users WHERE id = ANY($1::text[])',
    [input.supervisorIds],
  )
  const found = new Map(supervisors.rows.map((r) => [r.id, r.role]))
  for (const s of input.supervisorIds)
    if (found.get(s) !== 'supervisor') throw new PeopleError(422, 'E_VALIDATION', `${s} is not a supervisor`)
  const now = new Date(nowMs).toISOString()
  const parsed = teamSchema.safeParse({
    id: id ?? `team-${randomUUID()}`,
    createdAt: before?.createdAt ?? now,
    updatedAt: now,
    name: input.name,
    region: input.region,
    supervisorIds: [...new Set(input.supervisorIds)],
  })
  if (!parsed.success)
    throw new PeopleError(422, 'E_VALIDATION', parsed.error.issues[0]?.message ?? 'invalid team')
  const team = parsed.data
  await documentsRepo.upsert(client, 'teams', team)
  if (team.supervisorIds.length > 0)
    await client.query(
      `UPDATE users SET team_id = $1, doc = jsonb_set(doc, '{teamId}', to_jsonb($1::text)) WHERE id = ANY($2::text[])`,
      [team.id, team.supervisorIds],
    )
  await writeAudit(client, actor, {
    action: before ? 'team.update' : 'team.create',
    targetType: 'team',
    targetId: team.id,
    teamId: team.id,
    ...(before ? { before } : {}),
    after: team,
  })
  return team
}

import { randomUUID } from 'node:crypto'
import {
  type ClusterModel,
  type ClusterModelBody,
  carryClusterIds,
  clusterModelId,
  clusterModelSchema,
} from '@outrider/domain'
import type pg from 'pg'
import { type Actor, writeAudit } from '../people/audit-log.ts'
import { PeopleError } from '../people/people-error.ts'
import { documentsRepo } from './documents-repo.ts'
import type { Queryable } from './queryable.ts'

/** A team's saved cluster model, or null before its supervisor saved one. */
export async function loadClusterModel(db: Queryable, teamId: string): Promise<ClusterModel | null> {
  const { rows } = await db.query<{ doc: ClusterModel }>(
    'SELECT doc FROM cluster_models WHERE id = $1 AND team_id = $2',
    [clusterModelId(teamId), teamId],
  )
  return rows[0]?.doc ?? null
}

export async function teamExists(db: Queryable, teamId: string): Promise<boolean> {
  const { rowCount } = await db.query('SELECT 1 FROM teams WHERE id = $1', [teamId])
  return (rowCount ?? 0) > 0
}

/** A new cluster's id: short, and never mistaken for a model's index from before ids existed. */
const newClusterId = () => `cl-${randomUUID().slice(0, 8)}`

/**
 * Replaces a team's cluster model (one per team) and records who saved which clusters. Each new cluster
 * matched to a saved one (nearest centres) keeps its id and, when given no name, its name; so tag rules
 * and list filters naming a cluster keep meaning the same group after a re-clustering.
 */
export async function saveClusterModel(
  client: pg.PoolClient,
  actor: Actor,
  teamId: string,
  input: ClusterModelBody,
  nowMs: number,
): Promise<ClusterModel> {
  const id = clusterModelId(teamId)
  const before = await documentsRepo.find<ClusterModel>(client, 'clusterModels', id, { forUpdate: true })
  const now = new Date(nowMs).toISOString()
  const { ids, names } = carryClusterIds(before, input, newClusterId)
  const parsed = clusterModelSchema.safeParse({
    ...input,
    ids,
    names,
    id,
    teamId,
    createdAt: before?.createdAt ?? now,
    updatedAt: now,
    serverUpdatedAt: now,
  })
  if (!parsed.success)
    throw new PeopleError(422, 'E_VALIDATION', parsed.error.issues[0]?.message ?? 'invalid cluster model')
  await documentsRepo.upsert(client, 'clusterModels', parsed.data)
  await writeAudit(client, actor, {
    action: before ? 'clusters.update' : 'clusters.create',
    targetType: 'clusters',
    targetId: id,
    teamId,
    ...(before ? { before } : {}),
    after: parsed.data,
  })
  return parsed.data
}

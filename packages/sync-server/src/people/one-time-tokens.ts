import { createHash, randomBytes } from 'node:crypto'
import type pg from 'pg'

type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient
export type TokenPurpose = 'setup' | 'invite'

const sha256 = (s: string) => createHash('sha256').update(s).digest('base64url')

/**
 * A new one-time token (only its hash is stored). Issuing one drops the unused tokens of the same
 * purpose and user, so only the newest setup link or invitation works.
 */
export async function issueToken(
  db: Queryable,
  purpose: TokenPurpose,
  userId: string | null,
  ttlMs: number,
  nowMs = Date.now(),
): Promise<string> {
  const token = randomBytes(24).toString('base64url')
  await db.query(
    `DELETE FROM one_time_tokens WHERE purpose = $1 AND user_id IS NOT DISTINCT FROM $2 AND used_at IS NULL`,
    [purpose, userId],
  )
  await db.query(
    'INSERT INTO one_time_tokens (token_hash, purpose, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)',
    [sha256(token), purpose, userId, new Date(nowMs), new Date(nowMs + ttlMs)],
  )
  return token
}

/** Uses a token up: its user (or null for setup), or undefined when it is unknown, used or expired. */
export async function consumeToken(
  db: Queryable,
  purpose: TokenPurpose,
  token: string,
  nowMs = Date.now(),
): Promise<{ userId: string | null } | undefined> {
  const { rows } = await db.query<{ user_id: string | null }>(
    `UPDATE one_time_tokens SET used_at = $3
      WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3
      RETURNING user_id`,
    [sha256(token), purpose, new Date(nowMs)],
  )
  const row = rows[0]
  return row ? { userId: row.user_id } : undefined
}

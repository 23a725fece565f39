import type { Database } from '../db/database.ts'
import { consumeToken } from '../people/one-time-tokens.ts'
import type { Queryable } from '../repositories/queryable.ts'

/** A user as sign-in sees them: what a session is issued for and what the app is told after sign-in. */
export type Account = {
  id: string
  email: string
  role: string
  team_id: string | null
  disabled: boolean
  must_change_password: boolean
  doc: { displayName?: string }
}
/** An account with its stored password hash, for the steps that check a password. */
export type AccountWithHash = Account & { password_hash: string }

const COLUMNS = 'id, email, role, team_id, disabled, must_change_password, doc'

/** The SQL of signing in and of one's own password (users' other fields: people/users-repo.ts). */
export const accountsRepo = {
  async byEmail(db: Queryable, email: string): Promise<AccountWithHash | undefined> {
    const { rows } = await db.query<AccountWithHash>(
      `SELECT ${COLUMNS}, password_hash FROM users WHERE email = $1`,
      [email],
    )
    return rows[0]
  },

  async byId(db: Queryable, id: string): Promise<AccountWithHash | undefined> {
    const { rows } = await db.query<AccountWithHash>(
      `SELECT ${COLUMNS}, password_hash FROM users WHERE id = $1`,
      [id],
    )
    return rows[0]
  },

  /** A password the user chose: a temporary one no longer needs changing, older sessions may end. */
  /** Replaces a hash with one of the same password (no session ends), unless it changed meanwhile. */
  async upgradeHash(db: Queryable, id: string, from: string, to: string): Promise<void> {
    await db.query('UPDATE users SET password_hash = $3 WHERE id = $1 AND password_hash = $2', [id, from, to])
  },

  async setPassword(db: Queryable, id: string, hash: string): Promise<void> {
    await db.query(
      'UPDATE users SET password_hash = $2, must_change_password = false, password_changed_at = now() WHERE id = $1',
      [id, hash],
    )
  },

  /**
   * Uses up an invitation and sets the invited user's first password, in one transaction: the
   * account, or null when the invitation is unknown, used or expired, or the user was disabled.
   */
  async acceptInvite(db: Database, token: string, hash: string): Promise<Account | null> {
    return db.tx(async (client) => {
      const used = await consumeToken(client, 'invite', token)
      if (!used?.userId) return null
      const { rows } = await client.query<Account>(
        `UPDATE users SET password_hash = $2, must_change_password = false, password_changed_at = now()
          WHERE id = $1 AND NOT disabled RETURNING ${COLUMNS}`,
        [used.userId, hash],
      )
      return rows[0] ?? null
    })
  },
}

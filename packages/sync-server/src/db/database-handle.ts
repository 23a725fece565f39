import type pg from 'pg'

/** `postgres`: an external server (DATABASE_URL); `embedded`: the one this server runs in DATA_DIR. */
export type DbKind = 'postgres' | 'embedded'

export type Database = {
  kind: DbKind
  /** Embedded only: another live process (a running server) owns the database; this one only uses it. */
  guest: boolean
  pool: pg.Pool
  /** Run `fn` in one transaction on one client; rolls back on throw. */
  tx<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T>
  close(): Promise<void>
}

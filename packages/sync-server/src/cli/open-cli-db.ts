import { loadConfig } from '../config.ts'
import { type Database, openDatabase } from '../db/database.ts'
import { migrate } from '../db/migrate.ts'
import { linkOrigin } from '../people/setup.ts'

/** The database `pnpm start` would use (DATABASE_URL or PGlite in DATA_DIR), migrated. */
export async function openCliDatabase(env: NodeJS.ProcessEnv): Promise<{ db: Database; baseUrl: string }> {
  const config = loadConfig({ LOG_LEVEL: 'silent', ...env })
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  await migrate(db)
  return { db, baseUrl: linkOrigin(config) }
}

/** Where output goes; tests pass collectors, the CLI passes the process streams. */
export interface CliIo {
  out(text: string): void
  err(text: string): void
}

export const processIo: CliIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
}

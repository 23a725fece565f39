import { createReadStream, existsSync } from 'node:fs'
import { createGunzip } from 'node:zlib'
import { loadConfig } from '../config.ts'
import { RestoreError, restoreBackup } from '../db/backup.ts'
import { openDatabase } from '../db/database.ts'

const USAGE =
  'usage: pnpm cli restore <file>   (into an empty database: a new DATA_DIR, or an empty DATABASE_URL)'

/**
 * `pnpm cli restore <file>`: loads a `pnpm cli backup` file into an empty database. Refused while a
 * server runs on the same DATA_DIR, and when the database holds data; a damaged file loads nothing.
 */
export async function run(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [file, ...rest] = args
  if (!file || rest.length > 0) {
    process.stderr.write(`${USAGE}\n`)
    return 2
  }
  if (!existsSync(file)) {
    process.stderr.write(`error: no such file: ${file}\n`)
    return 2
  }
  const config = loadConfig({ LOG_LEVEL: 'silent', ...env })
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  try {
    if (db.guest) throw new RestoreError(`a server is running on ${config.dataDir}: stop it first`)
    const input = createReadStream(file).pipe(createGunzip())
    const failed = new Promise<never>((_, reject) =>
      input.on('error', (err) => reject(new RestoreError(`cannot read ${file}: ${err.message}`))),
    )
    const header = await Promise.race([
      restoreBackup(db, input, (m) => process.stderr.write(`${m}\n`)),
      failed,
    ])
    process.stdout.write(
      `restored ${header.tables.length} tables from ${file} (backup of ${header.createdAt})\n`,
    )
    return 0
  } catch (err) {
    process.stderr.write(`error: restore failed: ${(err as Error).message}\n`)
    return err instanceof RestoreError ? 2 : 1
  } finally {
    await db.close()
  }
}

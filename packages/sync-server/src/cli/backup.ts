import { createWriteStream, renameSync, rmSync } from 'node:fs'
import { pipeline } from 'node:stream/promises'
import { createGzip } from 'node:zlib'
import { loadConfig } from '../config.ts'
import { backupDatabase } from '../db/backup.ts'
import { openDatabase } from '../db/database.ts'

const USAGE = 'usage: pnpm cli backup <file>'

/**
 * `pnpm cli backup <file>`: the whole database (embedded or DATABASE_URL) in one consistent snapshot,
 * gzipped, while the server may keep running. Written beside the target and renamed when complete,
 * so a failed backup never leaves a truncated file under the given name.
 */
export async function run(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [file, ...rest] = args
  if (!file || rest.length > 0) {
    process.stderr.write(`${USAGE}\n`)
    return 2
  }
  const config = loadConfig({ LOG_LEVEL: 'silent', ...env })
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  const partial = `${file}.partial`
  try {
    const gzip = createGzip()
    const written = pipeline(gzip, createWriteStream(partial))
    const header = await backupDatabase(db, gzip)
    gzip.end()
    await written
    renameSync(partial, file)
    process.stdout.write(
      `backed up ${header.tables.length} tables (schema ${header.migrations.at(-1)}) to ${file}\n`,
    )
    return 0
  } catch (err) {
    rmSync(partial, { force: true })
    process.stderr.write(`error: backup failed: ${(err as Error).message}\n`)
    return 1
  } finally {
    await db.close()
  }
}

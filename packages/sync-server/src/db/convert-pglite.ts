import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import { createGunzip, createGzip } from 'node:zlib'
import pg from 'pg'
import { logFailure } from '../log-failure.ts'
import { type BackupSource, restoreBackup, writeBackup } from './backup.ts'
import type { Database } from './database-handle.ts'
import { clusterDir } from './embedded-postgres.ts'
import { migrate } from './migrate.ts'

/**
 * Earlier versions kept a PGlite database directly in DATA_DIR. PGlite stays a dependency only to
 * read such a directory once: its files are moved aside into `DATA_DIR/pglite-<time>` (kept, and
 * named in the log), its data is copied out through the backup format and restored into the new
 * embedded Postgres. A marker file makes an interrupted conversion start over from the kept copy.
 */
const MARKER = 'pglite-conversion.json'
const DUMP = 'pglite-conversion.backup.gz'

/** True when `dataDir` holds a PGlite database, or a conversion of one that did not finish. */
export const needsConversion = (dataDir: string) =>
  existsSync(path.join(dataDir, 'PG_VERSION')) || existsSync(path.join(dataDir, MARKER))

type Log = (msg: string) => void

/** Step one, before the embedded Postgres starts: checks the PGlite database opens, moves it aside. */
export async function setAsidePglite(dataDir: string, log: Log): Promise<string> {
  const marker = path.join(dataDir, MARKER)
  if (existsSync(marker)) {
    const { aside } = JSON.parse(readFileSync(marker, 'utf8')) as { aside: string }
    log(`a conversion from PGlite did not finish; starting it again from ${aside}`)
    rmSync(clusterDir(dataDir), { recursive: true, force: true })
    rmSync(path.join(dataDir, DUMP), { force: true })
    return aside
  }
  // Unreadable (e.g. PGlite's own crash left it so): refuse, and touch nothing.
  await withPglite(dataDir, async () => {})
  const aside = path.join(dataDir, `pglite-${new Date().toISOString().replace(/[:.]/g, '-')}`)
  mkdirSync(aside)
  writeFileSync(marker, JSON.stringify({ aside }))
  for (const entry of readdirSync(dataDir)) {
    if (entry === MARKER || path.join(dataDir, entry) === aside) continue
    renameSync(path.join(dataDir, entry), path.join(aside, entry))
  }
  return aside
}

/** Step two, once the embedded Postgres runs: copies the PGlite data into it. */
export async function convertPglite(dataDir: string, aside: string, db: Database, log: Log): Promise<void> {
  const dump = path.join(dataDir, DUMP)
  await withPglite(aside, async (source, pool) => {
    // The old server migrated on every start; bring the old database to this version's schema first.
    await migrate({ kind: 'postgres', guest: false, pool, tx: () => Promise.reject(), close: async () => {} })
    const gzip = createGzip()
    const written = pipeline(gzip, createWriteStream(dump))
    await writeBackup(source, gzip)
    gzip.end()
    await written
  })
  await restoreBackup(db, createReadStream(dump).pipe(createGunzip()), () => {})
  rmSync(dump, { force: true })
  rmSync(path.join(dataDir, MARKER), { force: true })
  log(
    `converted the PGlite database of ${dataDir} to the embedded Postgres; the old files are kept in ${aside}`,
  )
}

async function withPglite(
  dir: string,
  fn: (src: BackupSource, pool: pg.Pool) => Promise<void>,
): Promise<void> {
  const { PGlite } = await import('@electric-sql/pglite')
  const { createPgConfig } = await import('@electric-sql/pglite/node-postgres')
  let db: InstanceType<typeof PGlite>
  try {
    db = await PGlite.create(dir)
    await db.query('SELECT 1')
  } catch (err) {
    throw new Error(
      `${dir} holds a PGlite database (from an earlier Outrider) that cannot be opened ` +
        `(${(err as Error).message || String(err)}); it was left as it is. Restore a backup into a new ` +
        'DATA_DIR (pnpm cli restore), or move the directory away to start empty.',
    )
  }
  const pool = new pg.Pool({ ...createPgConfig(db), max: 1 })
  const source: BackupSource = {
    rows: async <T>(sql: string) => (await db.query<T>(sql)).rows,
    async *copyOut(sql: string) {
      // PGlite copies to a blob in memory rather than to a client stream.
      const res = await db.query(sql.replace(/TO STDOUT$/, "TO '/dev/blob'"))
      if (res.blob) yield Buffer.from(await res.blob.arrayBuffer())
    },
  }
  try {
    await fn(source, pool)
  } finally {
    await pool.end().catch(logFailure('closing the conversion pool failed; the conversion result stands'))
    await db.close().catch(logFailure('closing the old PGlite store failed; the conversion result stands'))
  }
}

import { createInterface } from 'node:readline'
import type { Readable, Writable } from 'node:stream'
import type pg from 'pg'
import { from as copyFrom, to as copyTo } from 'pg-copy-streams'
import { logFailure } from '../log-failure.ts'
import type { Database } from './database-handle.ts'
import { migrate, migrationNames } from './migrate.ts'

/**
 * Outrider's backup format, the same for the embedded and an external Postgres and needing no
 * `pg_dump` (the embedded package ships none): a JSON header line (format, the migrations the
 * schema was at, the source's next transaction id, the tables in load order with their columns),
 * then each table's rows in COPY text format (one line a row: newlines and backslashes inside
 * values are escaped) ended by a `\.` line, which no data line can be. The caller gzips it.
 */
export type BackupHeader = {
  format: 'outrider-backup'
  version: 1
  createdAt: string
  migrations: string[]
  /** The source's next transaction id: a restore moves past it, so pull checkpoints stay behind. */
  xmax: string
  tables: { name: string; columns: string[] }[]
}

/** What a backup reads: an external or embedded Postgres, or a PGlite being converted. */
export type BackupSource = {
  rows<T>(sql: string): Promise<T[]>
  copyOut(sql: string): AsyncIterable<Buffer | string>
}

const END = '\\.'

/** The tables of the current schema (but the migrations' own), parents before children. */
async function tablesInLoadOrder(src: BackupSource): Promise<BackupHeader['tables']> {
  const rows = await src.rows<{ name: string; columns: string[]; refs: string[] }>(
    `SELECT c.relname::text AS name,
            array(SELECT a.attname::text FROM pg_attribute a
                   WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
                   ORDER BY a.attnum) AS columns,
            array(SELECT DISTINCT f.relname::text FROM pg_constraint k JOIN pg_class f ON f.oid = k.confrelid
                   WHERE k.conrelid = c.oid AND k.contype = 'f' AND k.confrelid <> c.oid) AS refs
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND c.relname <> 'pgmigrations'
      ORDER BY c.relname`,
  )
  const byName = new Map(rows.map((r) => [r.name, r]))
  const ordered: BackupHeader['tables'] = []
  const placed = new Set<string>()
  const place = (name: string) => {
    if (placed.has(name)) return
    placed.add(name)
    const t = byName.get(name)
    if (!t) return
    for (const ref of t.refs) place(ref)
    ordered.push({ name, columns: t.columns })
  }
  for (const r of rows) place(r.name)
  return ordered
}

const ident = (s: string) => `"${s.replaceAll('"', '""')}"`

/** Writes a backup of `src` to `out` (which the caller gzips); resolves with the header. */
export async function writeBackup(src: BackupSource, out: Writable): Promise<BackupHeader> {
  const write = (chunk: Buffer | string) =>
    new Promise<void>((resolve, reject) => {
      if (out.write(chunk)) resolve()
      else {
        out.once('drain', resolve)
        out.once('error', reject)
      }
    })
  const migrations = (
    await src.rows<{ name: string }>('SELECT name FROM pgmigrations ORDER BY run_on, id')
  ).map((r) => r.name)
  const [snap] = await src.rows<{ xmax: string }>(
    'SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS xmax',
  )
  const header: BackupHeader = {
    format: 'outrider-backup',
    version: 1,
    createdAt: new Date().toISOString(),
    migrations,
    xmax: snap!.xmax,
    tables: await tablesInLoadOrder(src),
  }
  await write(`${JSON.stringify(header)}\n`)
  for (const t of header.tables) {
    let last = '\n'
    for await (const chunk of src.copyOut(
      `COPY ${ident(t.name)} (${t.columns.map(ident).join(', ')}) TO STDOUT`,
    )) {
      if (chunk.length === 0) continue
      await write(chunk)
      last = typeof chunk === 'string' ? chunk.slice(-1) : String.fromCharCode(chunk[chunk.length - 1]!)
    }
    await write(`${last === '\n' ? '' : '\n'}${END}\n`)
  }
  return header
}

/** A backup source on a `pg` client; the caller holds one snapshot (REPEATABLE READ) around it. */
export function pgSource(client: pg.PoolClient | pg.Client): BackupSource {
  return {
    rows: async (sql) => (await client.query(sql)).rows,
    copyOut: (sql) => client.query(copyTo(sql)),
  }
}

/** Backs up `db` in one consistent snapshot (the server may keep running meanwhile). */
export async function backupDatabase(db: Database, out: Writable): Promise<BackupHeader> {
  const client = await db.pool.connect()
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
    const header = await writeBackup(pgSource(client), out)
    await client.query('COMMIT')
    return header
  } finally {
    client.release()
  }
}

export class RestoreError extends Error {}

/**
 * Restores a backup into `db`, which must hold no data (a fresh DATA_DIR, or an empty database):
 * its schema is brought to the backup's migrations, every table is loaded in one transaction (so a
 * broken file leaves the database as empty as it was), transaction ids are moved past the source's
 * (devices' pull checkpoints refer to those), and the remaining migrations run.
 */
export async function restoreBackup(
  db: Database,
  input: Readable,
  log: (m: string) => void,
): Promise<BackupHeader> {
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })[Symbol.asyncIterator]()
  const first = await lines.next()
  const header = parseHeader(first.done ? '' : first.value)
  const known = migrationNames()
  const unknown = header.migrations.find((m, i) => known[i] !== m)
  if (unknown)
    throw new RestoreError(`the backup's schema (migration ${unknown}) is not one this version knows`)
  await ensureEmpty(db)
  await resetSchemaTo(db, header.migrations.length)

  await db.tx(async (client) => {
    for (const t of header.tables) {
      const cols = await client.query<{ c: string }>(
        `SELECT attname::text AS c FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0
            AND NOT attisdropped AND attgenerated = '' ORDER BY attnum`,
        [ident(t.name)],
      )
      if (cols.rows.map((r) => r.c).join() !== t.columns.join())
        throw new RestoreError(`table ${t.name}: the backup's columns differ from the schema's`)
      // The rows keep the transaction ids and times they were written with: no trigger restamps them.
      await client.query(`ALTER TABLE ${ident(t.name)} DISABLE TRIGGER USER`)
      const sink = client.query(
        copyFrom(`COPY ${ident(t.name)} (${t.columns.map(ident).join(', ')}) FROM STDIN`),
      )
      const done = new Promise<void>((resolve, reject) => {
        sink.on('finish', resolve)
        sink.on('error', reject)
      })
      // A refused row fails `done` while lines are still being read: handled where it is awaited.
      done.catch(logFailure('a restore stream failed; the failure is raised where it is awaited'))
      for (;;) {
        const next = await lines.next()
        if (next.done) throw new RestoreError(`the backup ends inside table ${t.name}`)
        if (next.value === END) break
        // A failed COPY never drains: then `done` rejects and ends the wait.
        if (!sink.write(`${next.value}\n`))
          await Promise.race([new Promise((r) => sink.once('drain', r)), done])
      }
      sink.end()
      await done
      await client.query(`ALTER TABLE ${ident(t.name)} ENABLE TRIGGER USER`)
      log(`restored ${t.name}: ${sink.rowCount} rows`)
    }
  })
  await advanceTransactionIds(db, BigInt(header.xmax), log)
  await migrate(db)
  return header
}

function parseHeader(line: string): BackupHeader {
  let h: Partial<BackupHeader>
  try {
    h = JSON.parse(line) as Partial<BackupHeader>
  } catch {
    throw new RestoreError('not an Outrider backup (no header line)')
  }
  if (h.format !== 'outrider-backup') throw new RestoreError('not an Outrider backup')
  if (h.version !== 1) throw new RestoreError(`backup format version ${h.version} is not supported`)
  if (
    !Array.isArray(h.migrations) ||
    h.migrations.length === 0 ||
    !Array.isArray(h.tables) ||
    !/^\d+$/.test(String(h.xmax))
  )
    throw new RestoreError('damaged backup header')
  return h as BackupHeader
}

async function userTables(db: Database): Promise<string[]> {
  const { rows } = await db.pool.query<{ name: string }>(
    `SELECT c.relname::text AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')`,
  )
  return rows.map((r) => r.name)
}

async function ensureEmpty(db: Database): Promise<void> {
  for (const t of await userTables(db)) {
    if (t === 'pgmigrations') continue
    const { rows } = await db.pool.query(`SELECT 1 FROM ${ident(t)} LIMIT 1`)
    if (rows.length > 0)
      throw new RestoreError(
        `the database is not empty (table ${t} has rows): restore into a new DATA_DIR or an empty database`,
      )
  }
}

/** An empty database brought to exactly the first `count` migrations. */
async function resetSchemaTo(db: Database, count: number): Promise<void> {
  const tables = await userTables(db)
  if (tables.includes('pgmigrations')) {
    const { rows } = await db.pool.query<{ name: string }>(
      'SELECT name FROM pgmigrations ORDER BY run_on, id',
    )
    if (rows.map((r) => r.name).join() === migrationNames().slice(0, count).join()) return
    // Empty tables of another schema version: dropping them loses nothing.
    await db.pool.query(`DROP TABLE ${tables.map(ident).join(', ')} CASCADE`)
    await db.pool.query('DROP FUNCTION IF EXISTS outrider_touch() CASCADE')
  }
  await migrate(db, { count })
}

/**
 * Uses up transaction ids until the next one is past `target`. Rows keep their source txids, and
 * devices hold pull checkpoints up to the source's next id: new writes must come after both.
 */
async function advanceTransactionIds(db: Database, target: bigint, log: (m: string) => void): Promise<void> {
  const next = async () =>
    BigInt(
      (await db.pool.query<{ x: string }>('SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS x'))
        .rows[0]!.x,
    )
  let gap = target - (await next())
  if (gap <= 0n) return
  log(`advancing transaction ids by ${gap} past the backup's`)
  while (gap > 0n) {
    const n = gap > 100_000n ? 100_000 : Number(gap)
    // Each loop commits, so each PERFORM takes a transaction id of its own.
    await db.pool.query(
      `DO $$ BEGIN FOR i IN 1..${n} LOOP PERFORM pg_current_xact_id(); COMMIT; END LOOP; END $$`,
    )
    gap = target - (await next())
  }
}

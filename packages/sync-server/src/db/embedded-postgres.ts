import {
  appendFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { logFailure } from '../log-failure.ts'
import { type PostgresBinaries, postgresBinaries } from './postgres-binaries.ts'
import { databaseAccount, handOver, type RunAs, runProgram } from './run-as.ts'

/** The cluster lives in `DATA_DIR/postgres`; its Unix socket and its log are kept inside it. */
export const clusterDir = (dataDir: string) => path.join(dataDir, 'postgres')
export const EMBEDDED_DB = 'outrider'
const SUPERUSER = 'outrider'
/** Only names the socket file (`.s.PGSQL.5432`): no TCP port is opened. */
const PORT = 5432

export type EmbeddedPostgres = {
  /** Connection settings for `pg` (Unix socket in the cluster directory). */
  connection: pg.ClientConfig
  /** True when this process started (or took over) the database and stops it on close. */
  owner: boolean
  stop(): Promise<void>
}

type Log = (msg: string) => void

/**
 * Starts the embedded PostgreSQL of `dataDir`, or reuses the one already running for that directory
 * (left behind when a server was killed). Exactly one process owns it, holding an advisory lock on a
 * connection of its own: when that process dies, the lock goes with its connection and the next
 * start takes over; a second process that finds it held (the CLI next to a running server) is a
 * guest and never stops the database.
 */
export async function startEmbeddedPostgres(dataDir: string, log: Log): Promise<EmbeddedPostgres> {
  const bins = await postgresBinaries()
  const as = await databaseAccount(log)
  const dir = clusterDir(dataDir)
  mkdirSync(dataDir, { recursive: true })
  const socketPath = path.join(dir, `.s.PGSQL.${PORT}`)
  // Unix socket paths are limited to 107 bytes.
  if (Buffer.byteLength(socketPath) > 100)
    throw new Error(
      `embedded Postgres: DATA_DIR path too long for a Unix socket (${socketPath}); use a shorter one`,
    )
  if (existsSync(path.join(dataDir, 'PG_VERSION')))
    throw new Error(
      `${dataDir} holds a PGlite database from an earlier version: it must be converted first (openDatabase does)`,
    )
  if (!existsSync(path.join(dir, 'PG_VERSION'))) await initCluster(bins, dir, as, log)
  else handOver(dir, as, log)

  const connection: pg.ClientConfig = { host: dir, port: PORT, user: SUPERUSER, database: 'postgres' }
  if (!(await reuseRunning(dir, log))) await startPostmaster(bins, dir, as, log)
  await ensureDatabase(connection)
  const appConnection = { ...connection, database: EMBEDDED_DB }
  const state = {
    stopping: false,
    lock: await takeOwnership(appConnection, log),
    watchdog: undefined as NodeJS.Timeout | undefined,
    restarting: null as Promise<void> | null,
  }
  // The database dying under a running server (killed, OOM) must not need a manual restart.
  const watch = () => {
    state.watchdog = setInterval(() => {
      if (state.stopping || state.restarting || postmasterOf(dir) !== null) return
      log('embedded Postgres stopped unexpectedly; starting it again (crash recovery replays its WAL)')
      state.restarting = restart().finally(() => {
        state.restarting = null
      })
    }, 1000)
    state.watchdog.unref()
  }
  const restart = async (): Promise<void> => {
    for (let attempt = 1; !state.stopping; attempt++) {
      try {
        await startPostmaster(bins, dir, as, log)
        // Taken even when a stop came meanwhile: then stop() shuts down what was just started.
        state.lock = await takeOwnership(appConnection, log)
        return
      } catch (err) {
        log(`embedded Postgres: restart attempt ${attempt} failed: ${(err as Error).message}`)
        await sleep(Math.min(500 * attempt, 5000))
      }
    }
  }
  if (state.lock) watch()
  return {
    connection: appConnection,
    owner: state.lock !== null,
    async stop() {
      state.stopping = true
      clearInterval(state.watchdog)
      await state.restarting
      if (!state.lock) return
      await state.lock
        .end()
        .catch(logFailure('the lock connection was already gone; Postgres stops all the same'))
      // Fast shutdown: sessions end, committed work is checkpointed; nothing acknowledged is lost.
      await runProgram(bins.pg_ctl, ['stop', '-D', dir, '-m', 'fast', '-w', '-t', '120', '-s'], as).catch(
        (err) => {
          log(`embedded Postgres: stop failed: ${(err as Error).message}`)
        },
      )
    },
  }
}

async function initCluster(bins: PostgresBinaries, dir: string, as: RunAs, log: Log): Promise<void> {
  log(`creating the embedded Postgres database in ${dir}`)
  // A half-made cluster (initdb interrupted) has no PG_VERSION yet; initdb needs an empty directory.
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  handOver(dir, as, log)
  await runProgram(
    bins.initdb,
    ['-D', dir, '-U', SUPERUSER, '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-instructions'],
    as,
  )
  // Trust is safe here: no TCP listener, and the socket sits in the 0700 data directory, so only the
  // database's own account (and root) can reach it.
  appendFileSync(
    path.join(dir, 'postgresql.conf'),
    [
      '',
      '# Outrider: embedded mode',
      "listen_addresses = ''",
      "unix_socket_directories = '.'",
      'unix_socket_permissions = 0700',
      `port = ${PORT}`,
      // The server's pool (36), its LISTEN connection, the CLI and a second instance fit.
      'max_connections = 120',
      '',
    ].join('\n'),
  )
}

/** The pid of the live postmaster serving `dir`, or null (no pid file, dead, or another program). */
export function postmasterOf(dir: string): number | null {
  let text: string
  try {
    text = readFileSync(path.join(dir, 'postmaster.pid'), 'utf8')
  } catch {
    return null
  }
  const pid = Number(text.split('\n')[0])
  if (!Number.isInteger(pid) || pid <= 0) return null
  try {
    process.kill(pid, 0)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return null
    // Alive but another account's: not ours to judge, let alone remove.
    throw new Error(`embedded Postgres: ${dir} is locked by process ${pid} of another user`)
  }
  // A pid from the file may have been reused by an unrelated process (after a reboot): a postmaster
  // of this directory runs with the directory as its working directory.
  try {
    return realpathSync(`/proc/${pid}/cwd`) === realpathSync(dir) ? pid : null
  } catch {
    return process.platform === 'linux' ? null : pid
  }
}

/** A postmaster of this directory still running (its server was killed): wait until it serves. */
async function reuseRunning(dir: string, log: Log): Promise<boolean> {
  const started = Date.now()
  for (;;) {
    const pid = postmasterOf(dir)
    if (pid === null) {
      // A pid file naming a live process that is not our postmaster (the pid was reused after a
      // reboot) would make Postgres refuse to start: it is stale. One naming a dead process stays:
      // Postgres checks it itself, and its shared-memory key guards against orphaned backends.
      const file = path.join(dir, 'postmaster.pid')
      const named = existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) : 0
      if (named > 0 && alive(named)) {
        log(
          `embedded Postgres: postmaster.pid names process ${named}, which is not its postmaster: removing it`,
        )
        rmSync(file, { force: true })
      }
      return false
    }
    const status = readFileSync(path.join(dir, 'postmaster.pid'), 'utf8').split('\n')[7]?.trim()
    if (status === 'ready') {
      log(`embedded Postgres already running for this directory (pid ${pid}): reusing it`)
      return true
    }
    // Starting (recovery) or stopping: wait for it to settle.
    if (Date.now() - started > 600_000)
      throw new Error(`embedded Postgres (pid ${pid}) did not settle in 10 minutes`)
    await sleep(200)
  }
}

async function startPostmaster(bins: PostgresBinaries, dir: string, as: RunAs, log: Log): Promise<void> {
  const logFile = path.join(dir, 'server.log')
  // Orphaned backends of a killed postmaster hold its shared memory for a moment: retry a few times.
  for (let attempt = 1; ; attempt++) {
    try {
      // -w waits for recovery to finish, however long the WAL to replay.
      await runProgram(bins.pg_ctl, ['start', '-D', dir, '-l', logFile, '-w', '-t', '600', '-s'], as)
      log(`embedded Postgres started (data in ${dir}, log in ${logFile})`)
      return
    } catch (err) {
      if (attempt >= 10) throw new Error(`${(err as Error).message}\n${tail(logFile)}`)
      await sleep(300 * attempt)
    }
  }
}

async function ensureDatabase(connection: pg.ClientConfig): Promise<void> {
  const c = new pg.Client(connection)
  await c.connect()
  try {
    const { rowCount } = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [EMBEDDED_DB])
    if (!rowCount) await c.query(`CREATE DATABASE ${EMBEDDED_DB}`)
  } finally {
    await c.end()
  }
}

const OWNER_LOCK = 727_001
/** `application_name` of the owner's connection: it names the owning process. */
const ownerName = (pid: number) => `outrider-owner ${pid}`

/** The owner lock on a connection of its own, or null when a live process holds it (we are a guest). */
async function takeOwnership(connection: pg.ClientConfig, log: Log): Promise<pg.Client | null> {
  for (let waited = 0; ; waited += 100) {
    const c = new pg.Client({ ...connection, application_name: ownerName(process.pid) })
    // It fails when Postgres goes down under us; the watchdog then restarts it and takes the lock anew.
    c.on('error', (err) => log(`embedded Postgres: the owner lock's connection failed: ${err.message}`))
    await c.connect()
    const { rows } = await c.query('SELECT pg_try_advisory_lock($1) AS got', [OWNER_LOCK])
    if (rows[0]?.got) return c
    const holder = await c.query(
      `SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE l.locktype = 'advisory' AND l.objid = $1 AND l.granted`,
      [OWNER_LOCK],
    )
    await c.end()
    const holderPid = Number(String(holder.rows[0]?.application_name ?? '').split(' ')[1])
    // The holder's process is gone (killed) but its session has not ended yet: it will, shortly.
    if (holderPid && !alive(holderPid) && waited < 10_000) {
      await sleep(100)
      continue
    }
    return null
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-15).join('\n')
  } catch {
    return ''
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** A connection string for the embedded database (its Unix socket), for `DATABASE_URL`-style settings. */
export const connectionUrl = (c: pg.ClientConfig, database = String(c.database)): string =>
  `postgresql://${c.user}@localhost:${c.port}/${database}?host=${encodeURIComponent(String(c.host))}`

/**
 * An embedded Postgres in a fresh temporary directory, for the benchmark and the soak when no
 * DATABASE_URL is given: its URL (database `postgres`, to create databases in) and a stop that
 * removes it.
 */
export async function temporaryEmbeddedPostgres(log: Log): Promise<{ url: string; stop(): Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'outrider-pg-'))
  const pg = await startEmbeddedPostgres(dir, log)
  return {
    url: connectionUrl(pg.connection, 'postgres'),
    async stop() {
      await pg.stop()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

import type { FastifyInstance } from 'fastify'
import pg from 'pg'
import { buildApp } from '../src/app.ts'
import { loadConfig } from '../src/config.ts'
import { type Database, openDatabase } from '../src/db/database.ts'
import { logFailure } from '../src/log-failure.ts'
import type { Endpoint } from './sim-device.ts'

type Instance = { name: string; app: FastifyInstance; db: Database; wsUrl: string; baseUrl: string }

/** What the soak drives: server instances devices reach through `endpoints`, and the faults it injects. */
export interface SoakServers {
  readonly endpoints: (Endpoint & { baseUrl(): string })[]
  /** Instances that can be killed: `kill(0 … slots - 1)`. */
  readonly slots: number
  tokenFor(user: { id: string; role: string; teamId: string }): Promise<string>
  kill(slot: number): Promise<void>
  /** Resolves once every killed instance is serving again. */
  settled(): Promise<void>
  restartPostgres(): Promise<void>
  /** Anything wrong with the servers themselves during the run (an instance that crashed on its own). */
  problems(): string[]
  close(): Promise<void>
}

/**
 * Server instances on one database, each behind a slot devices connect to. Each instance has its own
 * pool tagged with `application_name`, so a kill can abort exactly its in-flight transactions.
 */
export class ServerPool implements SoakServers {
  private instances: (Instance | null)[] = []
  readonly endpoints: (Endpoint & { baseUrl(): string })[] = []
  private generation = 0

  constructor(private readonly databaseUrl: string) {}

  get slots() {
    return this.instances.length
  }

  problems(): string[] {
    return []
  }

  /** `kill` restarts the instance before it returns: nothing is ever left coming back. */
  async settled() {}

  static async start(databaseUrl: string, slots: number): Promise<ServerPool> {
    const pool = new ServerPool(databaseUrl)
    for (let i = 0; i < slots; i++) {
      pool.instances.push(null)
      const slot = i
      pool.endpoints.push({
        inFlight: 0,
        url: () => pool.instances[slot]?.wsUrl ?? 'ws://127.0.0.1:9/sync',
        baseUrl: () => pool.instances[slot]?.baseUrl ?? 'http://127.0.0.1:9',
      })
      await pool.boot(slot)
    }
    return pool
  }

  private async boot(slot: number) {
    const name = `soak-${slot}-${++this.generation}`
    const url = new URL(this.databaseUrl)
    url.searchParams.set('application_name', name)
    const db = await openDatabase({ databaseUrl: url.toString(), dataDir: '' })
    const config = { ...loadConfig({ LOG_LEVEL: 'silent' }), staticDir: undefined }
    const app = await buildApp({ config, db })
    await app.listen({ port: 0, host: '127.0.0.1' })
    const address = app.server.address()
    const port = typeof address === 'object' && address ? address.port : 0
    this.instances[slot] = {
      name,
      app,
      db,
      wsUrl: `ws://127.0.0.1:${port}/sync`,
      baseUrl: `http://127.0.0.1:${port}`,
    }
  }

  /**
   * Signs a user in without the HTTP login (which allows 10 sign-ins a minute from one address):
   * the soak tests sync, and a device holds one session for the whole run.
   */
  async tokenFor(user: { id: string; role: string; teamId: string }): Promise<string> {
    const inst = this.instances.find((i) => i !== null)
    if (!inst) throw new Error('no server instance running')
    const tokens = await inst.app.sessions.start({ id: user.id, role: user.role, team_id: user.teamId })
    return tokens.accessToken
  }

  /**
   * Crash-like stop: sockets cut, the instance's database sessions terminated (its open transactions
   * roll back as if the process died), then a new instance starts on the same database.
   */
  async kill(slot: number) {
    const inst = this.instances[slot]
    if (!inst) return
    this.instances[slot] = null
    for (const client of inst.app.websocketServer.clients) client.terminate()
    await this.terminate(`application_name = '${inst.name}'`)
    // Its database sessions were just terminated: closing may fail, as a crashed process would.
    await inst.app
      .close()
      .catch(logFailure('the killed instance did not close cleanly (expected after a kill)'))
    await inst.db.close().catch(logFailure('the killed instance pool did not close (expected after a kill)'))
    await this.boot(slot)
  }

  /**
   * What a Postgres restart does to the servers: every session of the database dies at once. A test
   * cannot restart a shared cluster safely, so `pg_terminate_backend` stands in for it.
   */
  async restartPostgres() {
    await terminateSessions(this.databaseUrl, 'true')
  }

  private async terminate(condition: string) {
    await terminateSessions(this.databaseUrl, condition)
  }

  async close() {
    for (const inst of this.instances) {
      if (!inst) continue
      await inst.app
        .close()
        .catch(logFailure('an instance did not close cleanly; the soak ends all the same'))
      await inst.db.close().catch(logFailure('an instance pool did not close; the soak ends all the same'))
    }
    this.instances = []
  }
}

/** Terminates the sessions of the database at `databaseUrl` (but this one) that match `condition`. */
export async function terminateSessions(databaseUrl: string, condition: string) {
  const admin = new pg.Client({ connectionString: databaseUrl })
  await admin.connect()
  try {
    await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND ${condition}`,
    )
  } finally {
    await admin.end()
  }
}

import { createSessions, loadSigningKey } from '../src/auth/sessions.ts'
import type { Database } from '../src/db/database-handle.ts'
import { BalancedInstances } from './balanced-instances.ts'
import { type SoakServers, terminateSessions } from './server-pool.ts'
import type { Endpoint } from './sim-device.ts'

/**
 * The soak's servers as production runs them: separate processes behind HAProxy on one Postgres.
 * Devices know only the balancer; a kill is a SIGKILL of one process (the balancer's health check
 * takes it out and sends reconnecting devices to the others) and a restart of it.
 */
export class BalancedPool implements SoakServers {
  readonly endpoints: (Endpoint & { baseUrl(): string })[]
  /** Instances coming back after a kill, while the others serve. */
  private readonly restarting = new Map<number, Promise<void>>()
  private readonly failures: string[] = []

  private constructor(
    private readonly instances: BalancedInstances,
    private readonly databaseUrl: string,
    private readonly sessions: ReturnType<typeof createSessions>,
  ) {
    this.endpoints = [{ inFlight: 0, url: () => instances.wsUrl, baseUrl: () => instances.url }]
  }

  static async start(databaseUrl: string, db: Database, count: number): Promise<BalancedPool> {
    // Signed with the key every instance reads from the database, so any of them accepts the token.
    const sessions = createSessions(db, await loadSigningKey(db), { accessTtlSec: 3600, refreshDays: 1 })
    return new BalancedPool(await BalancedInstances.start(databaseUrl, count), databaseUrl, sessions)
  }

  get slots() {
    return this.instances.count
  }

  /** A session per user without the HTTP login (rate-limited): a device holds one for the whole run. */
  async tokenFor(user: { id: string; role: string; teamId: string }): Promise<string> {
    return (await this.sessions.start({ id: user.id, role: user.role, team_id: user.teamId })).accessToken
  }

  /**
   * Kills the instance and lets it come back in the background, as a supervisor (systemd, the
   * orchestrator) would restart it: meanwhile the balancer sends its devices to the others.
   */
  async kill(slot: number) {
    await this.restarting.get(slot)
    const back = this.instances.kill(slot, 200).catch((err: Error) => {
      this.failures.push(`instance ${slot} did not come back: ${err.message}`)
    })
    this.restarting.set(slot, back)
    void back.finally(() => {
      if (this.restarting.get(slot) === back) this.restarting.delete(slot)
    })
  }

  async settled() {
    await Promise.all(this.restarting.values())
  }

  async restartPostgres() {
    await terminateSessions(this.databaseUrl, 'true')
  }

  problems(): string[] {
    return [...this.failures, ...this.instances.crashes.map((c) => `server instance ${c} on its own`)]
  }

  async close() {
    await Promise.all(this.restarting.values())
    await this.instances.close()
  }
}

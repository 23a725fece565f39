import { setTimeout as sleep } from 'node:timers/promises'
import { deriveRng, type Rng } from '@outrider/domain'
import { freshPostgres } from '../src/testing/test-db.ts'
import { BalancedPool } from './balanced-pool.ts'
import { localOp, type OpContext } from './device-ops.ts'
import { Ledger, writable } from './ledger.ts'
import { ServerPool, type SoakServers } from './server-pool.ts'
import { SimDevice, shuffled } from './sim-device.ts'
import { type SoakUser, seedSoakOrg } from './soak-org.ts'
import { type Verdict, verifySoak } from './verify-soak.ts'

export type SoakOptions = {
  seed: number
  devices: number
  seconds: number
  /** Each device keeps editing past the deadline until it committed this many changes (a floor under load). */
  minChangesPerDevice?: number
  /**
   * Server instances as separate processes behind HAProxy (see `BalancedPool`); without it, two
   * instances in this process, each device talking to one of them directly.
   */
  instances?: number | undefined
  /** Progress lines (stderr in the CLI); the result is returned, not printed. */
  log?: (line: string) => void
}

export type SoakResult = Verdict & {
  seed: number
  devices: number
  ops: number
  converged: boolean
  healRounds: number
  faults: Record<string, number>
  instances: number
}

/** In-process instances when no balancer is asked for. */
const DIRECT_SLOTS = 2

/** Who holds each device: two supervisors, reps, and a second phone for the first reps (same user, two devices). */
function planDevices(users: SoakUser[], count: number) {
  const reps = users.filter((u) => u.role === 'rep')
  const out = users.map((u) => ({ user: u, deviceId: `${u.id}-phone` }))
  for (let i = 0; out.length < count; i++)
    out.push({ user: reps[i % reps.length]!, deviceId: `${reps[i % reps.length]!.id}-tablet${i}` })
  return out.slice(0, count)
}

/**
 * The soak: many devices edit offline at random while the network and the servers fail under them;
 * then everything heals and the end state is checked (see `verifySoak`). The op schedule of every
 * device and of the fault injector comes from `seed`; only timing varies between runs.
 */
export async function runSoak(o: SoakOptions): Promise<SoakResult> {
  const t0 = Date.now()
  const log = (line: string) => o.log?.(`${((Date.now() - t0) / 1000).toFixed(1)} s ${line}`)
  const devicesWanted = Math.max(3, o.devices)
  const tdb = await freshPostgres()
  const faults: Record<string, number> = {
    kill: 0,
    postgres: 0,
    reassign: 0,
    lostAck: 0,
    late: 0,
    offline: 0,
  }
  let pool: SoakServers | null = null
  const devices: SimDevice[] = []
  try {
    const extra = Math.floor(devicesWanted / 10)
    const users = await seedSoakOrg(tdb.db, { reps: Math.max(2, devicesWanted - 2 - extra), perRep: 6 })
    pool = o.instances
      ? await BalancedPool.start(tdb.url!, tdb.db, o.instances)
      : await ServerPool.start(tdb.url!, DIRECT_SLOTS)
    log(`${pool.slots} server instances${o.instances ? ' behind HAProxy' : ''}`)
    const tokens = new Map<string, string>()
    for (const u of users) tokens.set(u.id, await pool.tokenFor(u))
    devices.push(...startDevices(pool, planDevices(users, devicesWanted), tokens, o.seed))
    log('servers up; initial sync')
    // Everyone starts with their initial sync, as after sign-in.
    await Promise.all(devices.map((d) => d.sync()))
    const deadline = Date.now() + o.seconds * 1000
    const ledger = new Ledger()
    let seq = 0
    const ctx = (i: number): OpContext => ({ prng: deriveRng(o.seed, 1000 + i), ledger, seq: () => ++seq })
    const loops = devices.flatMap((d, i) => [
      editLoop(d, ctx(i), deadline, o.minChangesPerDevice ?? 0),
      replicationLoop(d, deriveRng(o.seed, 2000 + i), deadline, faults),
    ])
    const injector = injectFaults(
      pool,
      users,
      tokens,
      tdb.db.pool,
      deriveRng(o.seed, 0),
      deadline,
      faults,
      log,
    )
    await Promise.all([...loops, injector])
    log(`ops done: ${ledger.entries.length} changes; healing`)
    // Instances killed near the end come back first, as a supervisor would restart them.
    await pool.settled()
    const healRounds = await heal(devices, log)
    log(`healed in ${healRounds} rounds; verifying`)
    const verdict = await verifySoak(tdb.db.pool, ledger, devices)
    verdict.problems.push(...pool.problems())
    const converged = healRounds > 0 && verdict.diverged === 0 && verdict.resurrected === 0
    return {
      seed: o.seed,
      devices: devices.length,
      ops: ledger.entries.length,
      converged,
      healRounds,
      faults,
      instances: pool.slots,
      ...verdict,
    }
  } finally {
    for (const d of devices) d.disconnect()
    await pool?.close()
    await tdb.drop()
  }
}

/** One simulated device per planned holder, spread over the server endpoints, each with its own generator. */
function startDevices(
  pool: SoakServers,
  plan: ReturnType<typeof planDevices>,
  tokens: Map<string, string>,
  seed: number,
): SimDevice[] {
  return plan.map(
    ({ user, deviceId }, i) =>
      new SimDevice(
        { deviceId, userId: user.id, role: user.role, teamId: user.teamId },
        tokens.get(user.id)!,
        pool.endpoints[i % pool.endpoints.length]!,
        deriveRng(seed, 3000 + i),
        Date.now,
      ),
  )
}

/** The user at work: local changes at their own pace, whether or not the phone is connected. */
async function editLoop(d: SimDevice, ctx: OpContext, deadline: number, minChanges: number) {
  let made = 0
  while (Date.now() < deadline || made < minChanges) {
    if (localOp(d, ctx)) made++
    await sleep(ctx.prng.int(10, 60))
  }
}

/**
 * The replication running beside the user, as RxDB's live replication does: syncs interleave with
 * local edits, and the network misbehaves (offline spells, lost acknowledgements, late duplicates,
 * reordered rows).
 */
async function replicationLoop(d: SimDevice, prng: Rng, deadline: number, faults: Record<string, number>) {
  // Every device meets each network fault at least once, in a seeded order; then at random.
  const first = shuffled(prng, ['lostAck', 'late', 'shuffle', 'sync'] as const)
  while (Date.now() < deadline) {
    const action =
      first.shift() ??
      prng.weighted([
        ['sync', 40],
        ['idle', 20],
        ['offline', 4],
        ['online', 12],
        ['lostAck', 5],
        ['late', 4],
        ['shuffle', 6],
      ] as const)
    if (!d.online) {
      if (action === 'online') d.online = true
    } else if (action === 'sync' || (action === 'idle' && d.socket.woken)) await d.sync()
    else if (action === 'offline') {
      faults.offline!++
      d.online = false
      d.disconnect()
    } else if (action === 'lostAck') {
      faults.lostAck!++
      await d.sync({ loseAck: true })
    } else if (action === 'late') {
      faults.late!++
      d.resendStale()
    } else if (action === 'shuffle') await d.sync({ shuffle: true })
    await sleep(prng.int(20, 120))
  }
}

async function injectFaults(
  pool: SoakServers,
  users: SoakUser[],
  tokens: Map<string, string>,
  db: { query: (sql: string, params?: unknown[]) => Promise<{ rows: { id: string }[] }> },
  prng: Rng,
  deadline: number,
  faults: Record<string, number>,
  log: (line: string) => void,
) {
  // Every run meets each server-side fault at least once, in a seeded order (even when a loaded
  // machine makes them outlast the deadline); then at random.
  const first = shuffled(prng, ['kill', 'postgres', 'reassign'] as const)
  while (first.length > 0 || Date.now() < deadline - 300) {
    await sleep(prng.int(300, 1000))
    const fault =
      first.shift() ??
      prng.weighted([
        ['kill', 3],
        ['postgres', 2],
        ['reassign', 3],
        ['none', 2],
      ] as const)
    try {
      if (fault === 'kill') {
        const slot = prng.int(0, pool.slots - 1)
        // Mid-push: wait (briefly) until a push is in flight on that instance (behind the balancer:
        // on any instance, since which one serves a device is the balancer's choice).
        const endpoint = pool.endpoints[slot % pool.endpoints.length]!
        for (let i = 0; i < 30 && endpoint.inFlight === 0; i++) await sleep(10)
        await pool.kill(slot)
        faults.kill!++
      } else if (fault === 'postgres') {
        await pool.restartPostgres()
        faults.postgres!++
      } else if (fault === 'reassign') {
        const sup = prng.pick(users.filter((u) => u.role === 'supervisor'))
        const reps = users.filter((u) => u.role === 'rep' && u.teamId === sup.teamId)
        const { rows } = await db.query('SELECT id FROM customers WHERE team_id = $1 ORDER BY id', [
          sup.teamId,
        ])
        if (rows.length === 0) continue
        const customer = rows[prng.int(0, rows.length - 1)]!.id
        const endpoint = pool.endpoints[prng.int(0, pool.endpoints.length - 1)]!
        const res = await postWithRetries(
          () => `${endpoint.baseUrl()}/api/customers/assign`,
          tokens.get(sup.id)!,
          { customerIds: [customer], repId: prng.pick(reps).id },
          log,
        )
        if (res.ok) faults.reassign!++
        else log(`fault reassign refused: ${res.status} ${(await res.text()).slice(0, 200)}`)
      }
    } catch (err) {
      log(`fault ${fault} failed: ${(err as Error).message}`)
    }
  }
}

/**
 * The fault injector's HTTP call, as an operator's tool would make it: through the balancer, retried
 * when the instance serving it died under it (a network error or the balancer's 502/503/504). The
 * request is idempotent (assigning a customer to the rep it already has changes nothing), so a retry
 * after a reply that was lost on the way is safe.
 */
async function postWithRetries(
  url: () => string,
  token: string,
  body: unknown,
  log: (line: string) => void,
): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    let failure: string
    try {
      const res = await fetch(url(), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      })
      if (![502, 503, 504].includes(res.status) || attempt === 5) return res
      failure = `HTTP ${res.status}`
      await res.body?.cancel()
    } catch (err) {
      if (attempt === 5) throw err
      failure = (err as Error).message
    }
    log(`fault request failed (${failure}); retry ${attempt}`)
    await sleep(250 * 2 ** attempt)
  }
}

/** Healing gives up after this long without a quiet round (a loaded machine needs time, not rounds). */
const HEAL_MS = 180_000

/**
 * All devices online: push outboxes and pull until a round moves nothing, as phones that keep
 * retrying with back-off would. Returns rounds used, 0 if never quiet within `HEAL_MS`.
 */
async function heal(devices: SimDevice[], log: (line: string) => void): Promise<number> {
  for (const d of devices) d.online = true
  const giveUp = Date.now() + HEAL_MS
  let backoff = 200
  for (let round = 1; Date.now() < giveUp; round++) {
    const dirty = devices.some((d) => writable.some((c) => d.dirty(c).length > 0))
    const results = await Promise.all(devices.map((d) => d.sync()))
    if (!dirty && results.every((r) => r.ok && r.applied === 0)) return round
    const failed = devices.filter((_, i) => !results[i]!.ok)
    if (failed.length === 0) {
      backoff = 200
      continue
    }
    const why = new Map<string, number>()
    for (const d of failed) why.set(d.lastFailure, (why.get(d.lastFailure) ?? 0) + 1)
    log(
      `heal round ${round}: ${failed.length} devices failed (${[...why].map(([w, n]) => `${n}× ${w}`).join('; ')}); retry in ${backoff} ms`,
    )
    await sleep(backoff)
    backoff = Math.min(backoff * 2, 5_000)
  }
  return 0
}

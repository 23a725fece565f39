/**
 * `pnpm bench:sync [--devices 200] [--seconds 15] [--batch 20] [--customers-per-rep 2000] [--months 3] [--instances 1]`
 *
 * Simulated devices over real websockets against the real server (a child process, so its RSS is its
 * own; the data is generated and seeded by another process) on a fresh database: a temporary database
 * on the Postgres of DATABASE_URL, else on an embedded Postgres in a temporary directory (both
 * removed at the end). Measures a rep's initial sync, then a steady push of visits from
 * every device while a supervisor listens live, against a baseline measured in the same run: the same
 * rows upserted in batches straight through pg. Everything is bounded and loopback only. With
 * `--instances N` (> 1) the devices go through HAProxy to N server processes (the bundled server) on
 * the same database, and the RSS is the largest instance's.
 */
import { type ChildProcess, fork } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Checkpoint, createRng, type Rng } from '@outrider/domain'
import pg from 'pg'
import { BalancedInstances } from '../soak/balanced-instances.ts'
import { temporaryEmbeddedPostgres } from '../src/db/embedded-postgres.ts'
import { logFailure } from '../src/log-failure.ts'
import { visitDoc } from '../src/testing/fixtures.ts'
import { login } from '../src/testing/ws-client.ts'
import { BenchDevice } from './bench-device.ts'
import type { ParentMessage, ReadyMessage } from './bench-server.ts'

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`)
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number`)
  return v
}
const DEVICES = arg('devices', 200)
const SECONDS = Math.min(arg('seconds', 15), 300)
const BATCH = Math.min(arg('batch', 20), 500)
const PER_REP = arg('customers-per-rep', 2000)
const MONTHS = arg('months', 3)
const INSTANCES = Math.min(arg('instances', 1), 8)
const RAW_CONCURRENCY = 20
// Seeds the choice of each pushed visit's customer (the project draws no unseeded random numbers).
const BENCH_SEED = 1
const log = (line: string) => process.stdout.write(`${line}\n`)
const pct = (xs: number[], p: number) => {
  if (xs.length === 0) return 0
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!
}
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d

/**
 * A pushed visit's JSON, `JSON.stringify(visitDoc(id, customerId))` to the byte, from a template
 * serialised once: the simulated phones would run on their own machines, so the load generator keeps
 * its own CPU use small on this one. Ids and customer ids are plain ASCII (no escaping needed).
 */
const visitJson = (() => {
  const [a, b, c, d] = JSON.stringify(visitDoc('\u0001', '\u0002')).split(/"\\u000[12]"/)
  if (d === undefined) throw new Error('visit template: expected id, revisionOf and customerId')
  return (id: string, customerId: string) => `${a}"${id}"${b}"${id}"${c}"${customerId}"${d}`
})()

async function withTempDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const embedded = process.env.DATABASE_URL
    ? null
    : await temporaryEmbeddedPostgres((m) => process.stderr.write(`${m}\n`))
  try {
    return await inDatabaseOf(process.env.DATABASE_URL ?? embedded!.url, fn)
  } finally {
    await embedded?.stop()
  }
}

async function inDatabaseOf<T>(base: string, fn: (url: string) => Promise<T>): Promise<T> {
  const name = `outrider_bench_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: base })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const url = new URL(base)
  url.pathname = `/${name}`
  try {
    return await fn(url.toString())
  } finally {
    const a = new pg.Client({ connectionString: base })
    await a.connect()
    await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await a.end()
  }
}

function startServer(dbUrl: string) {
  // The server as `pnpm start` runs it: the bundle from `scripts/build.mjs` on plain Node (no TypeScript
  // loader, which would add its own ~40 MB to the measured memory). `pnpm bench:sync` builds it first.
  const bundle = path.join(path.dirname(fileURLToPath(import.meta.url)), '../dist/bench-server.mjs')
  const child = fork(bundle, [], {
    env: {
      ...process.env,
      BENCH_DATABASE_URL: dbUrl,
      BENCH_CUSTOMERS_PER_REP: String(PER_REP),
      BENCH_MONTHS: String(MONTHS),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    // BENCH_CPU_PROF=dir writes a CPU profile of the server process there, BENCH_TRACE_GC=1 traces its
    // garbage collections to stdout, for optimising.
    execArgv: [
      '--expose-gc',
      ...(process.env.BENCH_TRACE_GC ? ['--trace-gc'] : []),
      ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
    ],
  })
  const waitFor = <T>(type: string, timeoutMs: number) =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`server: no ${type} within ${timeoutMs} ms`)),
        timeoutMs,
      )
      const onExit = (code: number | null) => reject(new Error(`server exited (${code})`))
      const onMessage = (m: { type: string }) => {
        if (m.type !== type) return
        clearTimeout(timer)
        child.off('message', onMessage)
        child.off('exit', onExit)
        resolve(m as T)
      }
      child.on('message', onMessage)
      child.once('exit', onExit)
    })
  const tell = (m: ParentMessage) => child.send(m)
  return { child, waitFor, tell }
}

/** Resident set of a process, from /proc (Linux), in bytes; 0 when it cannot be read. */
function rssOf(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]
    return kb ? Number(kb) * 1024 : 0
  } catch {
    return 0
  }
}

type Server = ReturnType<typeof startServer>
type Rep = ReadyMessage['reps'][number]
type PhaseResult = Awaited<ReturnType<typeof pushPhase>>

/** One sign-in per user (logins are rate-limited per account); devices of a rep share the token. */
async function signIn(baseUrl: string, ready: ReadyMessage): Promise<Map<string, string>> {
  const tokens = new Map<string, string>()
  for (const u of [...ready.reps, ...ready.supervisors])
    tokens.set(u.id, (await login(baseUrl, u.email, ready.password)).accessToken)
  return tokens
}

/** 1. Initial sync of one rep's slice, every collection, pages of 1,000. */
async function measureInitialSync(wsUrl: string, token: string) {
  const fresh = await BenchDevice.connect(wsUrl, token, 'bench-initial')
  const collections = ['customers', 'contacts', 'orders', 'visits', 'feedback', 'tasks', 'dayPlans']
  const reference = ['products', 'policies', 'tagRules', 'teams', 'users', 'conflicts']
  const t0 = performance.now()
  let docs = 0
  for (const c of [...collections, ...reference]) docs += (await fresh.pullAll(c, null)).docs.length
  const ms = performance.now() - t0
  fresh.close()
  log(`initial sync of a rep's slice: ${docs} docs in ${Math.round(ms)} ms`)
  return { docs, ms }
}

/** 2. Baseline: the same rows upserted straight through pg, same batch size, in the server process. */
async function measureRawUpserts(server: Server): Promise<number> {
  server.tell({ type: 'raw', durationMs: SECONDS * 1000, batch: BATCH, concurrency: RAW_CONCURRENCY })
  const raw = await server.waitFor<{ docs: number; ms: number }>('rawDone', SECONDS * 1000 + 60_000)
  const docsPerSec = raw.docs / (raw.ms / 1000)
  log(`raw upserts: ${raw.docs} docs in ${round(raw.ms / 1000)} s = ${Math.round(docsPerSec)} docs/s`)
  return docsPerSec
}

/**
 * A supervisor of the first team listening live: each pushed visit's send time goes in `sentAt`, and the
 * delay until the supervisor's pull brings it back in `propagation`.
 */
async function watchAsSupervisor(wsUrl: string, token: string) {
  const supervisor = await BenchDevice.connect(wsUrl, token, 'bench-supervisor')
  let checkpoint: Checkpoint | null = (await supervisor.pullAll('visits', null)).checkpoint
  const sentAt = new Map<string, number>()
  const propagation: number[] = []
  let pulling = false
  let again = false
  const pull = async () => {
    if (pulling) {
      again = true
      return
    }
    pulling = true
    try {
      do {
        again = false
        const page = await supervisor.pullAll('visits', checkpoint)
        checkpoint = page.checkpoint
        const at = performance.now()
        for (const d of page.docs) {
          const sent = sentAt.get(d.id)
          if (sent === undefined) continue
          propagation.push(at - sent)
          sentAt.delete(d.id)
        }
      } while (again)
    } finally {
      pulling = false
    }
  }
  supervisor.onChanged = (cs) => {
    if (cs.includes('visits')) void pull()
  }
  return { supervisor, sentAt, propagation }
}
type Watch = Awaited<ReturnType<typeof watchAsSupervisor>>

async function connectDevices(wsUrl: string, ready: ReadyMessage, tokens: Map<string, string>) {
  const devices: { device: BenchDevice; rep: Rep }[] = []
  for (let i = 0; i < DEVICES; i += 20) {
    const chunk = await Promise.all(
      Array.from({ length: Math.min(20, DEVICES - i) }, async (_, k) => {
        const rep = ready.reps[(i + k) % ready.reps.length]!
        return { device: await BenchDevice.connect(wsUrl, tokens.get(rep.id)!, `bench-${i + k}`), rep }
      }),
    )
    devices.push(...chunk)
  }
  return devices
}

/** The largest resident set seen so far: the server child's, or the largest balanced instance's. */
function rssSampler(server: Server, balanced: BalancedInstances | null) {
  let peak = 0
  const sample = async () => {
    if (balanced) {
      peak = Math.max(peak, ...balanced.pids().map(rssOf))
      return
    }
    server.tell({ type: 'rss' })
    peak = Math.max(peak, (await server.waitFor<{ rss: number }>('rss', 10_000)).rss)
  }
  return { sample, peak: () => peak }
}

type PushContext = {
  devices: { device: BenchDevice; rep: Rep }[]
  watch: Watch
  watchedTeamId: string
  rss: ReturnType<typeof rssSampler>
  rng: Rng
}

/** One batch of pushed visits as the push frame's rows, for customers of `rep` drawn from `rng`. */
function visitRows(ids: string[], rep: Rep, rng: Rng): string {
  let rows = ''
  for (const [i, id] of ids.entries()) {
    const customerId = rep.customerIds[rng.below(rep.customerIds.length)]!
    rows += `${i ? ',' : ''}{"newDocumentState":${visitJson(id, customerId)},"assumedMasterState":null}`
  }
  return rows
}

/**
 * Every device pushes batches of visits for SECONDS: back to back (`intervalMs` 0, the server's
 * capacity) or one batch every `intervalMs` (a steady load, for latencies that are not queueing).
 */
async function pushPhase(ctx: PushContext, intervalMs: number) {
  const { devices, watch } = ctx
  const ackMs: number[] = []
  let ingested = 0
  let refused = 0
  watch.propagation.length = 0
  const rssTimer = setInterval(
    () => void ctx.rss.sample().catch(logFailure('an RSS sample failed; the next one, 500 ms later, counts')),
    500,
  )
  const start = performance.now()
  const deadline = start + SECONDS * 1000
  const phase = intervalMs === 0 ? 'max' : 'paced'
  await Promise.all(
    devices.map(async ({ device, rep }, d) => {
      // Paced devices start spread over one interval, so the load is even rather than in waves.
      let due = start + (intervalMs * d) / devices.length
      for (let n = 0; performance.now() < deadline; n++) {
        if (intervalMs > 0) {
          await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())))
          due += intervalMs
          if (performance.now() >= deadline) break
        }
        const ids = Array.from({ length: BATCH }, (_, i) => `v-${phase}-${d}-${n}-${i}`)
        const rows = visitRows(ids, rep, ctx.rng)
        const sent = performance.now()
        if (rep.teamId === ctx.watchedTeamId) for (const id of ids) watch.sentAt.set(id, sent)
        const res = await device.requestText(`{"type":"push","collection":"visits","rows":[${rows}]}`)
        ackMs.push(performance.now() - sent)
        if (res.type === 'pushResult') ingested += res.applied
        else refused++
      }
    }),
  )
  const elapsed = (performance.now() - start) / 1000
  clearInterval(rssTimer)
  await ctx.rss.sample()
  const undelivered = await settleDeliveries(watch)
  const result = {
    phase,
    intervalMs,
    ingested,
    refused,
    elapsed,
    ackMs,
    propagation: watch.propagation,
    undelivered,
  }
  logPhase(result)
  return {
    docsPerSec: ingested / elapsed,
    pushesPerSec: ackMs.length / elapsed,
    p50Ack: pct(ackMs, 50),
    p99Ack: pct(ackMs, 99),
    p99Propagation: pct(watch.propagation, 99),
    undelivered,
  }
}

/** Lets the supervisor catch up with the last pushes (bounded); the number still not delivered. */
async function settleDeliveries(watch: Watch): Promise<number> {
  const waitUntil = performance.now() + 10_000
  while (watch.sentAt.size > 0 && performance.now() < waitUntil) await new Promise((r) => setTimeout(r, 50))
  const undelivered = watch.sentAt.size
  watch.sentAt.clear()
  return undelivered
}

function logPhase(r: {
  phase: string
  intervalMs: number
  ingested: number
  refused: number
  elapsed: number
  ackMs: number[]
  propagation: number[]
  undelivered: number
}) {
  log(
    `push (${r.phase}${r.intervalMs ? `, a batch every ${Math.round(r.intervalMs)} ms per device` : ''}): ${r.ingested} docs` +
      ` from ${DEVICES} devices in ${round(r.elapsed)} s = ${Math.round(r.ingested / r.elapsed)} docs/s (${r.refused} refused);` +
      ` ack p50 ${round(pct(r.ackMs, 50))} ms, p99 ${round(pct(r.ackMs, 99))} ms; supervisor received` +
      ` ${r.propagation.length} live, propagation p50 ${round(pct(r.propagation, 50))} ms, p99` +
      ` ${round(pct(r.propagation, 99))} ms, ${r.undelivered} not within 10 s`,
  )
}

async function run(dbUrl: string) {
  const server = startServer(dbUrl)
  let balanced: BalancedInstances | null = null
  try {
    const ready = await server.waitFor<ReadyMessage>('ready', 15 * 60_000)
    // Seeded by the bench server; with several instances, devices reach them through the balancer.
    if (INSTANCES > 1)
      balanced = await BalancedInstances.start(dbUrl, INSTANCES, { LOGIN_IP_LIMIT: '1000000' })
    const baseUrl = balanced?.url ?? `http://127.0.0.1:${ready.port}`
    const wsUrl = balanced?.wsUrl ?? `ws://127.0.0.1:${ready.port}/sync`
    if (balanced) log(`${INSTANCES} server instances behind HAProxy at ${baseUrl}`)
    log(
      `db: ${ready.dbKind}; seeded ${ready.reps.length} reps × ${PER_REP} customers in ${round(ready.seedMs / 1000)} s`,
    )
    const tokens = await signIn(baseUrl, ready)
    const firstRep = ready.reps[0]!
    const initial = await measureInitialSync(wsUrl, tokens.get(firstRep.id)!)
    const rawUpsertDocsPerSec = await measureRawUpserts(server)

    // 3. Steady push from every device while a supervisor of the first team listens live.
    const sup = ready.supervisors.find((s) => s.teamId === firstRep.teamId)!
    const watch = await watchAsSupervisor(wsUrl, tokens.get(sup.id)!)
    const devices = await connectDevices(wsUrl, ready, tokens)
    const rss = rssSampler(server, balanced)
    const ctx: PushContext = { devices, watch, watchedTeamId: sup.teamId, rss, rng: createRng(BENCH_SEED) }
    const max = await pushPhase(ctx, 0)
    // Latency at half the measured capacity: at full capacity it is only queueing (Little's law).
    const paced = await pushPhase(ctx, (DEVICES / (max.pushesPerSec * 0.5)) * 1000)
    for (const { device } of devices) device.close()
    watch.supervisor.close()
    log(
      `server RSS (${balanced ? 'largest instance' : 'child process'}, peak during pushes): ${round(rss.peak() / 2 ** 20)} MB`,
    )
    return summary(ready, initial, rawUpsertDocsPerSec, max, paced, rss.peak(), balanced !== null)
  } finally {
    await balanced?.close()
    await stopServer(server)
  }
}

function summary(
  ready: ReadyMessage,
  initial: { docs: number; ms: number },
  rawUpsertDocsPerSec: number,
  max: PhaseResult,
  paced: PhaseResult,
  peakRss: number,
  balanced: boolean,
) {
  return {
    bench: 'sync',
    db: ready.dbKind,
    devices: DEVICES,
    instances: INSTANCES,
    balancer: balanced ? 'haproxy' : 'none',
    batch: BATCH,
    initialSyncMs: Math.round(initial.ms),
    initialSyncDocs: initial.docs,
    ingestDocsPerSec: Math.round(max.docsPerSec),
    rawUpsertDocsPerSec: Math.round(rawUpsertDocsPerSec),
    ratio: round(max.docsPerSec / rawUpsertDocsPerSec, 3),
    p50AckMs: round(paced.p50Ack),
    p99AckMs: round(paced.p99Ack),
    p99PropagationMs: round(paced.p99Propagation),
    p99AckAtCapacityMs: round(max.p99Ack),
    p99PropagationAtCapacityMs: round(max.p99Propagation),
    undelivered: max.undelivered + paced.undelivered,
    rssMB: round(peakRss / 2 ** 20),
  }
}

/** Asks the server to stop; kills it when it has not exited 10 s later. */
async function stopServer(server: Server): Promise<void> {
  const child: ChildProcess = server.child
  if (child.connected) server.tell({ type: 'stop' })
  await new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve()
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000)
    child.once('exit', () => {
      clearTimeout(kill)
      resolve()
    })
  })
}

const result = await withTempDatabase(run)
log(JSON.stringify(result))
process.exit(0)

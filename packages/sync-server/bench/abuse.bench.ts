/**
 * `pnpm bench:abuse [--seconds 15] [--sockets 5] [--pulls-per-sec 40] [--burst 250] [--import-rows 100000]
 *  [--only rep,supervisor,logins,import]`
 *
 * Abuse, all at once: one signed-in rep sends pulls of 1,000 visits at `--pulls-per-sec` on each of
 * `--sockets` sockets (under the 100 messages/s limit, far faster than they can be served, replies
 * read only as bytes); a supervisor opens `--sockets` sockets and sends `--burst` pulls on each at
 * once; and a flood of logins arrives from many addresses. Meanwhile `/healthz` is probed every 50 ms
 * and a rep of the other team pulls every 250 ms. The same probes run first with no abuse: the
 * baseline. `--only` keeps some of the abuses (to see which one costs what). The server is a child
 * process (its RSS is its own; the bundled server on plain Node, as `pnpm start` runs it) on a
 * temporary database on the Postgres of DATABASE_URL, seeded by the bench. Last line:
 * JSON with `healthzP99Ms`, `secondUserPullP99Ms` and `serverRssMb` under abuse, next to the baseline.
 */
import { type ChildProcess, fork } from 'node:child_process'
import { loadavg } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { PROTOCOL_VERSION } from '@outrider/domain'
import WebSocket from 'ws'
import { PASSWORD, seedTinyOrg } from '../src/testing/fixtures.ts'
import { freshPostgres } from '../src/testing/test-db.ts'
import { login } from '../src/testing/ws-client.ts'
import { BenchDevice } from './bench-device.ts'
import { customersColumns, customersCsv, ordersColumns, ordersCsv } from './import-files.ts'

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`)
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number`)
  return v
}
const SECONDS = Math.min(arg('seconds', 15), 120)
const SOCKETS = Math.min(arg('sockets', 5), 20)
const PULLS_PER_SEC = Math.min(arg('pulls-per-sec', 40), 100)
const BURST = Math.min(arg('burst', 250), 1000)
const IMPORT_ROWS = Math.min(arg('import-rows', 100_000), 200_000)
const ABUSES = ['rep', 'supervisor', 'logins', 'import'] as const
const only = process.argv.indexOf('--only')
const abuses = new Set(only >= 0 ? (process.argv[only + 1] ?? '').split(',') : ABUSES)
for (const a of abuses)
  if (!(ABUSES as readonly string[]).includes(a)) throw new Error(`--only: ${a} is not one of ${ABUSES}`)
const log = (line: string) => process.stdout.write(`${line}\n`)
const pct = (xs: number[], p: number) => {
  if (xs.length === 0) return 0
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!
}
const round = (x: number) => Math.round(x * 10) / 10
const here = path.dirname(fileURLToPath(import.meta.url))

function startServer(url: string) {
  // The bundle `pnpm bench:abuse` builds first (see abuse-server.ts), as `bench:sync` runs its server.
  const child: ChildProcess = fork(path.join(here, '../dist/abuse-server.mjs'), [], {
    env: { ...process.env, ABUSE_DATABASE_URL: url },
    execArgv: [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const next = <T>(type: string) =>
    new Promise<T>((resolve, reject) => {
      let settle: () => void = () => {}
      const done = new Promise<void>((r) => {
        settle = r
      })
      const on = (m: { type: string }) => {
        if (m.type !== type) return
        child.off('message', on)
        settle()
        resolve(m as T)
      }
      const onExit = (code: number | null) => reject(new Error(`server exited (${code})`))
      child.on('message', on)
      child.once('exit', onExit)
      void done.finally(() => child.off('exit', onExit))
    })
  return { child, next }
}

type Phase = { healthz: number[]; pull: number[]; rss: number[]; failedProbes: number }

async function measure(
  baseUrl: string,
  victim: BenchDevice,
  server: ReturnType<typeof startServer>,
  ms: number,
  othersDone: () => boolean = () => true,
): Promise<Phase> {
  const phase: Phase = { healthz: [], pull: [], rss: [], failedProbes: 0 }
  const start = Date.now()
  // At least `ms`, and until the imports (if any) are over.
  const going = () => Date.now() < start + ms || !othersDone()
  const probe = async () => {
    while (going()) {
      const t = performance.now()
      const ok = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(10_000) })
        .then((r) => r.ok)
        .catch(() => false)
      if (ok) phase.healthz.push(performance.now() - t)
      else phase.failedProbes++
      await new Promise((r) => setTimeout(r, 50))
    }
  }
  const pull = async () => {
    while (going()) {
      const t = performance.now()
      const res = await victim.request({ type: 'pull', collection: 'visits', checkpoint: null, limit: 100 })
      if (res.type === 'pullResult') phase.pull.push(performance.now() - t)
      await new Promise((r) => setTimeout(r, 250))
    }
  }
  const rss = async () => {
    while (going()) {
      server.child.send({ type: 'rss' })
      phase.rss.push((await server.next<{ rss: number }>('rss')).rss / 2 ** 20)
      await new Promise((r) => setTimeout(r, 250))
    }
  }
  await Promise.all([probe(), pull(), rss()])
  return phase
}

/** Sockets signed in as one user; replies are counted from their first bytes, never parsed. */
async function abuserSockets(wsUrl: string, token: string, who: string) {
  const counts = { sent: 0, answered: 0, refused: 0 }
  const sockets = await Promise.all(
    Array.from({ length: SOCKETS }, async (_, i) => {
      const ws = new WebSocket(wsUrl, { perMessageDeflate: false })
      await new Promise((resolve, reject) => {
        ws.once('open', resolve)
        ws.once('error', reject)
      })
      const welcome = new Promise((resolve) => ws.once('message', resolve))
      ws.send(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, token, deviceId: `${who}-${i}` }))
      await welcome
      // The load generator shares the machine with the server and its probes: it must not spend the
      // CPU the abuse is meant to cost the server, so replies are never parsed.
      ws.on('message', (data: Buffer) => {
        if (data.subarray(0, 24).toString().includes('pullResult')) counts.answered++
        else counts.refused++
      })
      ws.on('error', () => {})
      return ws
    }),
  )
  return {
    sockets,
    counts,
    stop: () => {
      for (const ws of sockets) ws.terminate()
    },
  }
}

const bigPull = JSON.stringify({ type: 'pull', id: 'x', collection: 'visits', checkpoint: null, limit: 1000 })

/** Pulls of 1,000 visits sent at a fixed rate on each socket, without waiting for replies. */
async function abusePulls(wsUrl: string, token: string) {
  const a = await abuserSockets(wsUrl, token, 'rep-abuser')
  const timers = a.sockets.map((ws) =>
    setInterval(() => {
      if (abuseOver) return
      a.counts.sent++
      ws.send(bigPull)
    }, 1000 / PULLS_PER_SEC),
  )
  return {
    stop: () => {
      for (const t of timers) clearInterval(t)
      a.stop()
    },
    counts: () => a.counts,
  }
}

/** `BURST` pulls of 1,000 visits sent at once on each socket, then the replies drained. */
async function burstPulls(wsUrl: string, token: string) {
  const a = await abuserSockets(wsUrl, token, 'supervisor-abuser')
  for (const ws of a.sockets)
    for (let i = 0; i < BURST; i++) {
      a.counts.sent++
      ws.send(bigPull)
    }
  return { stop: a.stop, counts: () => a.counts }
}

/** Logins with wrong passwords, 100 at a time, each from its own address, until the abuse is over. */
async function floodLogins(baseUrl: string) {
  const statuses = new Map<number, number>()
  let n = 0
  const one = async () => {
    const i = n++
    const status = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
      },
      body: JSON.stringify({ email: `nobody-${i}@test.local`, password: 'guess' }),
      signal: AbortSignal.timeout(60_000),
    })
      .then((r) => r.status)
      .catch(() => 0)
    statuses.set(status, (statuses.get(status) ?? 0) + 1)
  }
  while (!abuseOver) await Promise.all(Array.from({ length: 100 }, one))
  return Object.fromEntries(statuses)
}

/**
 * The admin's imports, one after the other: `IMPORT_ROWS` customers of team A, then as many order
 * lines for its customers, each streamed (progress lines read as they come, not kept).
 */
async function importFiles(baseUrl: string, token: string) {
  const out: Record<string, { ms: number; status: number; imported: number | null; progressLines: number }> =
    {}
  const files = {
    customers: { csv: customersCsv(IMPORT_ROWS), columns: customersColumns },
    orders: { csv: ordersCsv(IMPORT_ROWS, 1000), columns: ordersColumns },
  }
  for (const [kind, body] of Object.entries(files)) {
    const t = performance.now()
    const res = await fetch(`${baseUrl}/api/import/${kind}?dryRun=0&skipInvalid=1`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        accept: 'application/x-ndjson',
      },
      body: JSON.stringify(body),
    })
    const text = await res.text()
    const lines = text.trim().split('\n')
    const last = JSON.parse(lines.at(-1) ?? '{}') as { report?: { imported: number } }
    out[kind] = {
      ms: Math.round(performance.now() - t),
      status: res.status,
      imported: last.report?.imported ?? null,
      progressLines: lines.length - 1,
    }
  }
  return out
}

/** The abuses go on until the measuring ends: `--seconds`, and the imports' end. */
let abuseOver = false

const summary = (p: Phase) => ({
  healthzP99Ms: round(pct(p.healthz, 99)),
  healthzMaxMs: round(Math.max(0, ...p.healthz)),
  failedProbes: p.failedProbes,
  secondUserPullP99Ms: round(pct(p.pull, 99)),
  rssMaxMb: round(Math.max(0, ...p.rss)),
})

const tdb = await freshPostgres()
// Seeded here, not in the server: its memory is the server's own work, as in `bench:sync`.
await seedTinyOrg(tdb.db, { perRep: Number(process.env.ABUSE_PER_REP ?? 1000) })
await tdb.db.close()
const server = startServer(tdb.url!)
try {
  const { port } = await server.next<{ port: number }>('ready')
  const baseUrl = `http://127.0.0.1:${port}`
  const wsUrl = `ws://127.0.0.1:${port}/sync`
  const abuserToken = (await login(baseUrl, 'a1@test.local', PASSWORD)).accessToken
  const supervisorToken = (await login(baseUrl, 'sa@test.local', PASSWORD)).accessToken
  const adminToken = (await login(baseUrl, 'admin@test.local', PASSWORD)).accessToken
  const victim = await BenchDevice.connect(
    wsUrl,
    (await login(baseUrl, 'b1@test.local', PASSWORD)).accessToken,
    'victim',
  )

  log(`baseline: ${SECONDS} s of probes, no abuse`)
  const baseline = summary(await measure(baseUrl, victim, server, SECONDS * 1000))
  log(JSON.stringify(baseline))

  log(
    `abuse (${[...abuses].join(', ')}): a rep with ${SOCKETS} sockets × ${PULLS_PER_SEC} pulls/s of 1,000 visits, ` +
      `a supervisor with ${SOCKETS} sockets × ${BURST} pulls at once, a login flood, ` +
      `an admin importing ${IMPORT_ROWS} customers then ${IMPORT_ROWS} order lines`,
  )
  const abuseStart = Date.now()
  const none = { stop: () => {}, counts: () => null }
  const repPulls = abuses.has('rep') ? await abusePulls(wsUrl, abuserToken) : none
  const supervisorPulls = abuses.has('supervisor') ? await burstPulls(wsUrl, supervisorToken) : none
  const imports = abuses.has('import') ? importFiles(baseUrl, adminToken) : Promise.resolve(null)
  let importsDone = !abuses.has('import')
  void imports.finally(() => {
    importsDone = true
  })
  const [phase, logins, imported] = await Promise.all([
    measure(baseUrl, victim, server, SECONDS * 1000, () => importsDone).then((p) => {
      abuseOver = true
      return p
    }),
    abuses.has('logins') ? floodLogins(baseUrl) : null,
    imports,
  ])
  repPulls.stop()
  supervisorPulls.stop()
  const abuse = {
    ...summary(phase),
    repPulls: repPulls.counts(),
    supervisorPulls: supervisorPulls.counts(),
    loginStatuses: logins,
    imports: imported,
  }
  log(JSON.stringify(abuse))
  victim.close()
  log(
    JSON.stringify({
      healthzP99Ms: abuse.healthzP99Ms,
      serverRssMb: abuse.rssMaxMb,
      secondUserPullP99Ms: abuse.secondUserPullP99Ms,
      baseline: {
        healthzP99Ms: baseline.healthzP99Ms,
        secondUserPullP99Ms: baseline.secondUserPullP99Ms,
        serverRssMb: baseline.rssMaxMb,
      },
      failedProbes: abuse.failedProbes,
      abuses: [...abuses],
      abuseSeconds: Math.round(phase.healthz.length > 0 ? (Date.now() - abuseStart) / 1000 : 0),
      imports: imported,
      load: loadavg().map((l) => Math.round(l * 10) / 10),
      withinTargets: abuse.healthzP99Ms <= 250 && abuse.secondUserPullP99Ms <= 250 && abuse.rssMaxMb <= 400,
    }),
  )
} finally {
  server.child.send({ type: 'stop' })
  await new Promise((r) => server.child.once('exit', r))
  await tdb.drop()
}

/**
 * Server instances as separate processes (the bundled server, as `pnpm start` runs it) behind a real
 * HAProxy (Debian's `haproxy`), on one external Postgres: the production layout of docs/deployment.md
 * on one machine. Used by `pnpm soak --instances N` and `pnpm bench:sync --instances N`.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { packageRoot } from '../src/package-root.ts'

const HAPROXY = process.env.HAPROXY_BIN ?? 'haproxy'

/** A free loopback port (bound and released at once; good enough on a test machine). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address()
      const port = typeof address === 'object' && address ? address.port : 0
      srv.close(() => resolve(port))
    })
  })
}

/** Resolves once `url` answers 200, polling; throws after `timeoutMs`. */
export async function waitHealthy(url: string, timeoutMs: number, alive: () => boolean = () => true) {
  const end = Date.now() + timeoutMs
  while (Date.now() < end) {
    if (!alive()) throw new Error(`${url}: the process exited before it was healthy`)
    const ok = await fetch(url, { signal: AbortSignal.timeout(2_000) })
      .then((r) => r.ok)
      .catch(() => false)
    if (ok) return
    await sleep(100)
  }
  throw new Error(`${url}: not healthy within ${timeoutMs} ms`)
}

/** The HAProxy configuration of docs/deployment.md, for loopback backends and a fast health check. */
export function haproxyConfig(frontendPort: number, backendPorts: number[]): string {
  return [
    'global',
    '  maxconn 4096',
    'defaults',
    '  mode http',
    '  timeout connect 2s',
    '  timeout client 60s',
    '  timeout server 60s',
    // Websockets live as long as the device is connected (the app pings).
    '  timeout tunnel 1h',
    // A connection refused by a killed instance is retried on another one.
    '  retries 3',
    // Every retry goes to another instance (by default only the last one does, after a 1 s wait).
    '  option redispatch 1',
    'frontend outrider',
    `  bind 127.0.0.1:${frontendPort}`,
    '  option forwardfor',
    '  default_backend app',
    'backend app',
    '  balance leastconn',
    '  option httpchk GET /healthz',
    // A slow /healthz is a busy instance, not a dead one: one late answer (300 ms on a loaded machine)
    // used to take an instance out and cut its sockets, and with every instance busy the balancer had
    // none left (503) while devices reconnecting all at once kept them busy. A killed instance is
    // found by the traffic instead: its refused connection marks it down at once (observe layer4)
    // and the request goes to another one (retries, redispatch); the checks bring it back.
    '  timeout check 5s',
    '  default-server inter 500ms fastinter 250ms fall 3 rise 1 observe layer4 error-limit 1 on-error mark-down',
    ...backendPorts.map((p, i) => `  server app${i} 127.0.0.1:${p} check`),
    '',
  ].join('\n')
}

let built = false
/** Builds the server bundle (`dist/server.mjs`) once per process. */
export function buildServerBundle(): string {
  const root = packageRoot()
  if (!built) {
    execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs'), 'server'], { stdio: 'inherit' })
    built = true
  }
  return path.join(root, 'dist/server.mjs')
}

type Instance = { name: string; port: number; child: ChildProcess | null; stderr: string }

export class BalancedInstances {
  private generation = 0
  private haproxy: ChildProcess | null = null
  private readonly dir = mkdtempSync(path.join(tmpdir(), 'outrider-haproxy-'))
  /** Instances that exited without being killed here: a crash the run must report. */
  readonly crashes: string[] = []

  private constructor(
    private readonly databaseUrl: string,
    private readonly instances: Instance[],
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  get url() {
    return `http://127.0.0.1:${this.port}`
  }
  get wsUrl() {
    return `ws://127.0.0.1:${this.port}/sync`
  }
  get count() {
    return this.instances.length
  }

  /** `count` instances on the (migrated) database at `databaseUrl`, and HAProxy in front of them. */
  static async start(databaseUrl: string, count: number, env: Record<string, string> = {}) {
    buildServerBundle()
    const ports = await Promise.all(Array.from({ length: count + 1 }, freePort))
    const instances = ports.slice(1).map((port, i) => ({ name: `app${i}`, port, child: null, stderr: '' }))
    const pool = new BalancedInstances(databaseUrl, instances, ports[0]!, env)
    try {
      await Promise.all(instances.map((_, i) => pool.boot(i)))
      await pool.startHaproxy()
    } catch (err) {
      await pool.close()
      throw err
    }
    return pool
  }

  private async boot(slot: number) {
    const inst = this.instances[slot]!
    const url = new URL(this.databaseUrl)
    inst.name = `app${slot}-${++this.generation}`
    // Tagged so a Postgres session can be traced to the instance that opened it.
    url.searchParams.set('application_name', inst.name)
    const child = spawn(process.execPath, [buildServerBundle()], {
      env: {
        ...process.env,
        DATABASE_URL: url.toString(),
        PORT: String(inst.port),
        HOST: '127.0.0.1',
        SEED: 'none',
        LOG_LEVEL: 'silent',
        TRUST_PROXY: 'true',
        ...this.env,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    inst.child = child
    inst.stderr = ''
    // Kept (the end of it) to say why an instance died; killed instances' complaints are expected.
    child.stderr!.setEncoding('utf8').on('data', (d: string) => {
      inst.stderr = (inst.stderr + d).slice(-2_000)
    })
    child.once('exit', (code, signal) => {
      if (inst.child === child)
        this.crashes.push(`${inst.name} exited (${code ?? signal}): ${inst.stderr.trim().slice(-500)}`)
    })
    try {
      await waitHealthy(`http://127.0.0.1:${inst.port}/healthz`, 60_000, () => child.exitCode === null)
    } catch (err) {
      throw new Error(`${(err as Error).message}\n${inst.stderr.trim()}`)
    }
  }

  private async startHaproxy() {
    const cfg = path.join(this.dir, 'haproxy.cfg')
    writeFileSync(
      cfg,
      haproxyConfig(
        this.port,
        this.instances.map((i) => i.port),
      ),
    )
    execFileSync(HAPROXY, ['-c', '-q', '-f', cfg])
    const child = spawn(HAPROXY, ['-db', '-f', cfg], { stdio: ['ignore', 'ignore', 'ignore'] })
    this.haproxy = child
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve)
      child.once('error', reject)
    })
    await waitHealthy(`${this.url}/healthz`, 30_000, () => child.exitCode === null)
  }

  /** SIGKILL one instance (a crash: its sockets cut, its open transactions rolled back), then start it again. */
  async kill(slot: number, downMs = 0) {
    const inst = this.instances[slot]!
    const child = inst.child
    inst.child = null
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r))
      child.kill('SIGKILL')
      await exited
    }
    if (downMs > 0) await sleep(downMs)
    await this.boot(slot)
  }

  /** Every instance's process id, for RSS. */
  pids(): number[] {
    return this.instances.flatMap((i) => (i.child?.pid ? [i.child.pid] : []))
  }

  async close() {
    const all = [...this.instances.map((i) => i.child), this.haproxy]
    for (const i of this.instances) i.child = null
    this.haproxy = null
    await Promise.all(
      all.map(async (child) => {
        if (!child || child.exitCode !== null || child.signalCode !== null) return
        const exited = new Promise((r) => child.once('exit', r))
        child.kill('SIGTERM')
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
        await exited
        clearTimeout(timer)
      }),
    )
    rmSync(this.dir, { recursive: true, force: true })
  }
}

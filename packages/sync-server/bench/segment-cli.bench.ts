// `pnpm bench:segment-cli`: `pnpm cli segment` (the bundled CLI on plain Node) against the analyst's
// pandas recipe (`../shared/bench/retail/pandas_rfm.py`) on gen_orders.py's 1,000,000-line file, run
// alternately in several pairs; CPU time (user + system) and peak memory (max RSS) of each process.
// Last stdout line: {"bench":"segment-cli","lines","customers","cpuRatio","memRatio"} (ours / pandas,
// medians). Without pandas it says so and exits 0 without ratios.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const serverRoot = path.resolve(here, '..')
/** `../shared/bench/retail` beside the repository (or beside a folder holding it, for worktrees). */
function findRetail(): string {
  for (let dir = path.resolve(serverRoot, '../..'); ; dir = path.dirname(dir)) {
    const candidate = path.join(path.dirname(dir), 'shared/bench/retail')
    if (existsSync(path.join(candidate, 'pandas_rfm.py'))) return candidate
    if (path.dirname(dir) === dir)
      throw new Error('cannot find ../shared/bench/retail (gen_orders.py, pandas_rfm.py)')
  }
}
const retail = findRetail()
const PYTHON = '/usr/bin/python3'
const LINES = Number(process.env.BENCH_LINES ?? 1_000_000)
const PAIRS = Number(process.env.BENCH_PAIRS ?? 5)
const AS_OF = '2025-12-01'
const COLUMNS = 'customer=客户编号,order=订单号,date=下单时间,quantity=数量,price=单价'

const hasPandas = () =>
  existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import pandas, sklearn'], { stdio: 'ignore' }).status === 0

function ensurePandas(): boolean {
  if (hasPandas()) return true
  if (process.getuid?.() === 0) {
    process.stderr.write('bench: installing python3-pandas and python3-sklearn with apt-get…\n')
    spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'python3-pandas', 'python3-sklearn'], {
      stdio: 'ignore',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    })
  }
  return hasPandas()
}

// Runs a command and reports its children's CPU time and peak memory, measured the same way for both.
const MEASURE = `import resource, subprocess, sys
with open(sys.argv[1], 'wb') as out:
    code = subprocess.run(sys.argv[2:], stdout=out, stderr=subprocess.DEVNULL).returncode
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print(code, r.ru_utime + r.ru_stime, r.ru_maxrss)`

interface Run {
  cpuSeconds: number
  maxRssMb: number
}

function measure(outFile: string, command: string[]): Run {
  const text = execFileSync(PYTHON, ['-c', MEASURE, outFile, ...command], { encoding: 'utf8' })
  const [code, cpu, rss] = text.trim().split(/\s+/).map(Number)
  if (code !== 0) throw new Error(`${command.join(' ')} exited with ${code}`)
  return { cpuSeconds: cpu as number, maxRssMb: (rss as number) / 1024 }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2
}

function customersIn(file: string): number {
  return readFileSync(file, 'utf8').trimEnd().split('\n').length - 1
}

/** Whether both printed the same recency, frequency, monetary and R, F, M for every customer. */
function sameRfm(ours: string, pandas: string): boolean {
  const rows = (f: string) =>
    readFileSync(f, 'utf8')
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((l) => {
        const x = l.split(',')
        return [x[0], ...x.slice(1, 7).map(Number)].join(',')
      })
  const a = rows(ours)
  const b = rows(pandas)
  return a.length === b.length && a.every((x, i) => x === b[i])
}

if (!ensurePandas()) {
  process.stdout.write(
    'pandas is not available (apt-get install python3-pandas python3-sklearn); nothing to compare\n',
  )
  process.stdout.write(
    `${JSON.stringify({ bench: 'segment-cli', lines: LINES, skipped: 'pandas not installed' })}\n`,
  )
  process.exit(0)
}

const dir = path.join(tmpdir(), 'outrider-bench')
mkdirSync(dir, { recursive: true })
const orders = path.join(dir, `orders-${LINES}.csv`)
if (!existsSync(orders) || statSync(orders).size === 0) {
  process.stdout.write(`generating ${LINES} order lines…\n`)
  execFileSync(PYTHON, [path.join(retail, 'gen_orders.py'), orders, '50000', String(LINES), '7'])
}
execFileSync(process.execPath, [path.join(serverRoot, 'scripts/build.mjs'), 'cli'])

const cli = path.join(serverRoot, 'dist/cli/main.mjs')
const oursOut = path.join(dir, 'ours.csv')
const pandasOut = path.join(dir, 'pandas.csv')
const ours = () =>
  measure(oursOut, [
    process.execPath,
    cli,
    'segment',
    orders,
    '--as-of',
    AS_OF,
    '--columns',
    COLUMNS,
    '--ties',
    'first',
  ])
const pandas = () => measure(pandasOut, [PYTHON, path.join(retail, 'pandas_rfm.py'), orders, AS_OF])

const runs: { ours: Run[]; pandas: Run[] } = { ours: [], pandas: [] }
process.stdout.write('pair  ours cpu s  ours MB  pandas cpu s  pandas MB\n')
for (let p = 0; p < PAIRS; p++) {
  // Alternate who goes first, so neither always runs on a warmer (or busier) machine.
  let a: Run
  let b: Run
  if (p % 2 === 0) {
    a = ours()
    b = pandas()
  } else {
    b = pandas()
    a = ours()
  }
  runs.ours.push(a)
  runs.pandas.push(b)
  process.stdout.write(
    `${String(p + 1).padStart(4)}  ${a.cpuSeconds.toFixed(2).padStart(10)}  ${a.maxRssMb.toFixed(0).padStart(7)}  ${b.cpuSeconds.toFixed(2).padStart(12)}  ${b.maxRssMb.toFixed(0).padStart(9)}\n`,
  )
}
const cpu = {
  ours: median(runs.ours.map((r) => r.cpuSeconds)),
  pandas: median(runs.pandas.map((r) => r.cpuSeconds)),
}
const mem = {
  ours: median(runs.ours.map((r) => r.maxRssMb)),
  pandas: median(runs.pandas.map((r) => r.maxRssMb)),
}
const equal = sameRfm(oursOut, pandasOut)
process.stdout.write(
  `medians: ours ${cpu.ours.toFixed(2)} s ${mem.ours.toFixed(0)} MB, pandas ${cpu.pandas.toFixed(2)} s ${mem.pandas.toFixed(0)} MB; same R, F, M for every customer: ${equal}\n`,
)
process.stdout.write(
  `${JSON.stringify({
    bench: 'segment-cli',
    lines: LINES,
    customers: customersIn(oursOut),
    cpuRatio: Math.round((cpu.ours / cpu.pandas) * 1000) / 1000,
    memRatio: Math.round((mem.ours / mem.pandas) * 1000) / 1000,
    sameRfm: equal,
  })}\n`,
)

// `pnpm bench:planner`: TSPLIB and Solomon-OPTW quality/time against known optima, with a
// construction-only baseline from the same run. Every route is re-checked by the independent
// verifiers before it is reported. The last stdout line is a JSON summary.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  nearestNeighbourTour,
  optwBenchmarkProblem,
  parseOptw,
  parseTsplib,
  solveOrienteering,
  solveTsp,
  tsplibDistanceMatrix,
  verifyOptwRoute,
  verifyTspTour,
} from '../src/planning/index.ts'
import { benchDir } from './bench-dir.ts'

const BENCH_DIR = benchDir()
const SEED = Number(process.env.SEED ?? 1)
const TIME_LIMIT_MS = 1000
const known = JSON.parse(readFileSync(join(BENCH_DIR, 'known.json'), 'utf8')) as {
  tsp: Record<string, number>
  optw: Record<string, number>
}

interface Row {
  instance: string
  best: number
  baseline: number
  baseGap: number
  value: number
  gap: number
  ms: number
  /** CPU time of the solve: comparable even when other jobs share the machine. */
  cpuMs: number
}

function timed<T>(f: () => T): { result: T; ms: number; cpuMs: number } {
  const c0 = process.cpuUsage()
  const t0 = performance.now()
  const result = f()
  const ms = performance.now() - t0
  const c = process.cpuUsage(c0)
  return { result, ms, cpuMs: (c.user + c.system) / 1000 }
}

const pct = (x: number) => `${x.toFixed(2)}%`
function printTable(title: string, rows: Row[]): void {
  console.log(`\n${title}`)
  console.log(
    [
      'instance'.padEnd(10),
      'best'.padStart(8),
      'baseline'.padStart(9),
      'gap'.padStart(7),
      'value'.padStart(8),
      'gap'.padStart(7),
      'ms'.padStart(6),
      'cpu ms'.padStart(7),
    ].join(' '),
  )
  for (const r of rows) {
    console.log(
      [
        r.instance.padEnd(10),
        String(r.best).padStart(8),
        String(r.baseline).padStart(9),
        pct(r.baseGap).padStart(7),
        String(r.value).padStart(8),
        pct(r.gap).padStart(7),
        r.ms.toFixed(0).padStart(6),
        r.cpuMs.toFixed(0).padStart(7),
      ].join(' '),
    )
  }
  const mean = (f: (r: Row) => number) => rows.reduce((s, r) => s + f(r), 0) / rows.length
  console.log(
    `mean gap: baseline ${pct(mean((r) => r.baseGap))}, solver ${pct(mean((r) => r.gap))}; ` +
      `max ms ${Math.max(...rows.map((r) => r.ms)).toFixed(0)}, max cpu ms ${Math.max(...rows.map((r) => r.cpuMs)).toFixed(0)}`,
  )
}

function fail(msg: string): never {
  console.error(`VERIFICATION FAILED: ${msg}`)
  process.exit(1)
}

const tspRows: Row[] = []
for (const name of Object.keys(known.tsp)) {
  const inst = parseTsplib(readFileSync(join(BENCH_DIR, 'tsplib', `${name}.tsp`), 'utf8'))
  const n = inst.ids.length
  const {
    result: { d, r },
    ms,
    cpuMs,
  } = timed(() => {
    const d = tsplibDistanceMatrix(inst)
    return { d, r: solveTsp(d, n, { seed: SEED, timeLimitMs: TIME_LIMIT_MS }) }
  })
  const check = verifyTspTour(
    inst,
    r.tour.map((i) => inst.ids[i]!),
  )
  if (check.errors.length > 0 || check.length !== r.length) fail(`${name}: ${check.errors.join('; ')}`)
  const base = verifyTspTour(
    inst,
    nearestNeighbourTour(d, n).map((i) => inst.ids[i]!),
  ).length
  const best = known.tsp[name]!
  tspRows.push({
    instance: name,
    best,
    baseline: base,
    baseGap: (100 * (base - best)) / best,
    value: check.length,
    gap: (100 * (check.length - best)) / best,
    ms,
    cpuMs,
  })
}
printTable('TSPLIB (length, lower is better; baseline = nearest neighbour)', tspRows)

const optwRows: Row[] = []
for (const name of Object.keys(known.optw)) {
  const inst = parseOptw(readFileSync(join(BENCH_DIR, 'optw', `${name}.txt`), 'utf8'), name)
  const p = optwBenchmarkProblem(inst)
  const {
    result: r,
    ms,
    cpuMs,
  } = timed(() => solveOrienteering(p, { seed: SEED, timeLimitMs: TIME_LIMIT_MS }))
  const ids = (inner: number[]) => inner.map((i) => inst.vertices[i]!.id)
  const check = verifyOptwRoute(inst, ids(r.inner))
  if (check.errors.length > 0 || check.score !== r.score) fail(`${name}: ${check.errors.join('; ')}`)
  const baseRun = solveOrienteering(p, { seed: SEED, maxIterations: 0 })
  const base = verifyOptwRoute(inst, ids(baseRun.inner))
  if (base.errors.length > 0) fail(`${name} baseline: ${base.errors.join('; ')}`)
  const best = known.optw[name]!
  optwRows.push({
    instance: name,
    best,
    baseline: base.score,
    baseGap: (100 * (best - base.score)) / best,
    value: check.score,
    gap: (100 * (best - check.score)) / best,
    ms,
    cpuMs,
  })
}
printTable('OPTW on Solomon 100 (profit, higher is better; baseline = greedy insertion, no ILS)', optwRows)

const mean = (rows: Row[]) => rows.reduce((s, r) => s + r.gap, 0) / rows.length
const round3 = (x: number) => Math.round(x * 1000) / 1000
console.log(
  JSON.stringify({
    bench: 'planner',
    tspMeanGapPct: round3(mean(tspRows)),
    optwMeanGapPct: round3(mean(optwRows)),
    maxMs: Math.round(Math.max(...tspRows.map((r) => r.ms), ...optwRows.map((r) => r.ms))),
    maxCpuMs: Math.round(Math.max(...tspRows.map((r) => r.cpuMs), ...optwRows.map((r) => r.cpuMs))),
  }),
)

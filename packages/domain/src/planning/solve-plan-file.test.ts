import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { benchDir } from '../../bench/bench-dir.ts'
import { planDay } from './plan-day.ts'
import type { PlanDayInput } from './plan-day-input.ts'
import { solvePlanText } from './solve-plan-file.ts'
import { verifyDayPlan } from './verify/verify-day-plan.ts'

const BENCH = benchDir()
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url))
const sample = fileURLToPath(new URL('./samples/day.json', import.meta.url))

describe('solvePlanText', () => {
  it('solves the sample day JSON: fixed appointment kept, closed customers explained', () => {
    const r = solvePlanText(readFileSync(sample, 'utf8'), 'day', { maxIterations: 200 })
    expect(r.format).toBe('day-json')
    expect(r.route).toContain('apt-jingan-hq')
    expect(r.route).toContain('@lunch')
    expect(r.stops.find((s) => s.id === 'apt-jingan-hq')?.start).toBe(600)
    expect(r.unplanned).toContainEqual({ id: 'c-sunday-market', reason: 'closed' })
    expect(r.score).toBeGreaterThan(0)
    const input = JSON.parse(readFileSync(sample, 'utf8')) as PlanDayInput
    expect(verifyDayPlan(input, planDay({ ...input, maxIterations: 200 }))).toEqual([])
  })

  it('reads Solomon files as OPTW (profit = demand, budget = depot due date)', () => {
    const r = solvePlanText(readFileSync(`${BENCH}/solomon/r101.txt`, 'utf8'), 'r101', { maxIterations: 100 })
    expect(r.format).toBe('solomon')
    expect(r.stops.at(-1)!.depart).toBeLessThanOrEqual(230)
    expect(r.route.length + r.unplanned.length).toBe(100)
  })
})

/** Runs the CLI once; a failing file makes it exit 1, so stdout is taken from the error too. */
function runCli(args: string[]): { status: number; lines: Record<string, unknown>[] } {
  let status = 0
  let out: string
  try {
    out = execFileSync('node_modules/.bin/tsx', ['packages/sync-server/src/cli/main.ts', 'plan', ...args], {
      cwd: repoRoot,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    })
  } catch (e) {
    const err = e as { status: number; stdout: string }
    status = err.status
    out = err.stdout
  }
  const lines = out
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>)
  return { status, lines }
}

describe('pnpm cli plan', () => {
  it('prints one JSON line per file with the documented shape, and an error line for a bad file', () => {
    const { status, lines } = runCli([
      `${BENCH}/tsplib/eil51.tsp`,
      `${BENCH}/optw/c101.txt`,
      `${BENCH}/solomon/rc101.txt`,
      sample,
      '/nonexistent.tsp',
      '--seed',
      '2',
      '--max-iterations',
      '100',
    ])
    expect(status).toBe(1)
    expect(lines).toHaveLength(5)
    expect(lines[4]).toMatchObject({ file: '/nonexistent.tsp', error: expect.stringMatching(/ENOENT/) })
    for (const line of lines.slice(0, 4)) {
      expect(Object.keys(line).sort()).toEqual([
        'file',
        'length',
        'ms',
        'route',
        'score',
        'stops',
        'unplanned',
      ])
      expect(Array.isArray(line.route)).toBe(true)
      for (const s of line.stops as Record<string, unknown>[]) {
        expect(Object.keys(s).sort()).toEqual(['arrive', 'depart', 'id', 'start'])
      }
    }
    const [tsp, optw, solomon, day] = lines as [
      { route: number[]; score: null; length: number },
      { route: number[]; score: number; unplanned: { id: number; reason: string }[] },
      { route: number[]; score: number },
      { route: string[] },
    ]
    // TSP: every node except the first (the depot) once, length under TSPLIB rounding.
    expect(tsp.score).toBeNull()
    expect([...tsp.route].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 2))
    expect(tsp.length).toBeLessThanOrEqual(426 * 1.03)
    expect(optw.score).toBeGreaterThanOrEqual(300)
    expect(optw.route.every((id) => Number.isInteger(id) && id >= 1 && id <= 100)).toBe(true)
    expect(optw.unplanned.every((u) => ['closed', 'no_time', 'lower_priority'].includes(u.reason))).toBe(true)
    expect(solomon.score).toBeGreaterThan(200)
    expect(day.route).toContain('apt-jingan-hq')
  }, 60_000)
})

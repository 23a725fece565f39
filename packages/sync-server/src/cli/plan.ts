import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { type SearchBudget, solvePlanText } from '@outrider/domain'

const USAGE = 'usage: pnpm cli plan <file>... [--seed N] [--time-limit-ms N] [--max-iterations N]'

/** Rounds away float noise from summed one-decimal legs so the JSON stays readable. */
const tidy = (x: number): number => Math.round(x * 1e6) / 1e6

/**
 * `pnpm cli plan`: solves TSPLIB, Solomon, OPTW or day-plan JSON files (format autodetected) and
 * prints one JSON line per file. Returns 0 when every file was solved, 1 if any failed, 2 on bad usage.
 */
export async function run(args: string[]): Promise<number> {
  const files: string[] = []
  const budget: SearchBudget = {}
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!
    if (a === '--seed' || a === '--time-limit-ms' || a === '--max-iterations') {
      const v = Number(args[++i])
      if (!Number.isFinite(v) || (a !== '--seed' && v <= 0)) {
        process.stderr.write(`${a} needs a number\n${USAGE}\n`)
        return 2
      }
      if (a === '--seed') budget.seed = Math.trunc(v)
      else if (a === '--time-limit-ms') budget.timeLimitMs = v
      else budget.maxIterations = Math.trunc(v)
    } else if (a === '--help' || a === '-h') {
      process.stdout.write(`${USAGE}\n`)
      return 0
    } else if (a.startsWith('--')) {
      process.stderr.write(`unknown option ${a}\n${USAGE}\n`)
      return 2
    } else files.push(a)
  }
  if (files.length === 0) {
    process.stderr.write(`${USAGE}\n`)
    return 2
  }
  let status = 0
  for (const file of files) {
    const t0 = performance.now()
    try {
      const text = readFileSync(file, 'utf8')
      const r = solvePlanText(text, basename(file).replace(/\.[^.]*$/, ''), budget)
      const line = {
        file,
        score: r.score,
        length: tidy(r.length),
        route: r.route,
        stops: r.stops.map((s) => ({
          id: s.id,
          arrive: tidy(s.arrive),
          start: tidy(s.start),
          depart: tidy(s.depart),
        })),
        unplanned: r.unplanned,
        ms: Math.round(performance.now() - t0),
      }
      process.stdout.write(`${JSON.stringify(line)}\n`)
    } catch (e) {
      status = 1
      const message = e instanceof Error ? e.message : String(e)
      process.stdout.write(
        `${JSON.stringify({ file, error: message, ms: Math.round(performance.now() - t0) })}\n`,
      )
    }
  }
  return status
}

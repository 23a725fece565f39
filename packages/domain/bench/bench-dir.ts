import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The shared benchmark data: `BENCH_DIR`, else `shared/bench` beside the repository (as CI lays it
 * out), else the workplace's `/work/shared/bench`.
 */
export function benchDir(): string {
  if (process.env.BENCH_DIR) return process.env.BENCH_DIR
  const beside = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../shared/bench')
  return existsSync(beside) ? beside : '/work/shared/bench'
}

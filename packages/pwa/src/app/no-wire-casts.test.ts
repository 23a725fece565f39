import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

// The whole app, from its top layer's folder.
const root = join(import.meta.dirname, '..')

/** Every source file of the app, tests left out (a test may build a deliberately wrong value). */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sources(path)
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : []
  })
}

/** Files reading back what this same device wrote to its own localStorage (never data from the wire). */
const ownStorage = new Set(['features/today/plan-hold.ts', 'store/list-snapshot.ts'])

function offenders(pattern: RegExp, allowed: ReadonlySet<string> = new Set()) {
  return sources(root)
    .map((path) => relative(root, path).replaceAll('\\', '/'))
    .filter((file) => !allowed.has(file) && pattern.test(readFileSync(join(root, file), 'utf8')))
}

describe('data is parsed, not cast', () => {
  it('has no double cast in the app (parse with the domain schemas, or type the value properly)', () => {
    expect(offenders(/\bas unknown as\b/)).toEqual([])
  })

  it('casts no parsed JSON (wire data goes through the domain parsers)', () => {
    expect(offenders(/JSON\.parse\([^\n]*\)\s*as\b/, ownStorage)).toEqual([])
  })

  it('would notice a cast', () => {
    expect(/\bas unknown as\b/.test('const x = y as unknown as Customer')).toBe(true)
    expect(/JSON\.parse\([^\n]*\)\s*as\b/.test('const m = JSON.parse(text) as Downstream')).toBe(true)
  })
})

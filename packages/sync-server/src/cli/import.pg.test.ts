import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { postgresBaseUrl } from '../testing/index.ts'
import { run } from './import.ts'

const main = fileURLToPath(new URL('./main.ts', import.meta.url))
const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url))
const fixture = fileURLToPath(new URL('../import/fixtures/customers-dirty.csv', import.meta.url))
const columns = 'name=店名,phone=电话,address=地址,city=城市,lat=纬度,lng=经度,contact=联系人,tags=标签'

/** The CLI against a brand-new, unmigrated Postgres database, as `DATABASE_URL=… pnpm cli import` would run. */
describe('pnpm cli import on a fresh database', () => {
  const name = `outrider_cli_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`
  const url = new URL(postgresBaseUrl)
  url.pathname = `/${name}`
  const env = { DATABASE_URL: url.toString() }
  let db: pg.Client

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: postgresBaseUrl })
    await admin.connect()
    await admin.query(`CREATE DATABASE ${name}`)
    await admin.end()
  })
  afterAll(async () => {
    await db?.end()
    const admin = new pg.Client({ connectionString: postgresBaseUrl })
    await admin.connect()
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await admin.end()
  })

  async function cli(args: string[]) {
    const out: string[] = []
    const err: string[] = []
    const code = await run(
      args,
      {
        out: (t) => {
          out.push(t)
        },
        err: (t) => {
          err.push(t)
        },
      },
      env,
    )
    return { code, out: out.join(''), err: err.join('') }
  }
  const count = async () => {
    if (!db) {
      db = new pg.Client({ connectionString: env.DATABASE_URL })
      await db.connect()
    }
    return (await db.query('SELECT count(*)::int AS n FROM customers')).rows[0].n as number
  }

  it('--dry-run --json prints only the report: every bad line, every duplicate pair; exit 1', async () => {
    const r = await cli(['customers', fixture, '--columns', columns, '--dry-run', '--json'])
    expect(r.code).toBe(1)
    const report = JSON.parse(r.out)
    expect(Object.keys(report).sort()).toEqual(['duplicates', 'errors', 'imported', 'rows', 'valid'])
    expect(report).toMatchObject({ rows: 14, valid: 9, imported: 0 })
    expect(report.errors.map((e: { line: number; field: string }) => `${e.line}:${e.field}`)).toEqual([
      '5:name',
      '6:lat',
      '7:phone',
      '8:row',
      '12:lng',
    ])
    expect(report.duplicates.map((d: { line: number; matches: number[] }) => [d.line, d.matches])).toEqual([
      [4, [2]],
      [10, [9]],
      [15, [13]],
    ])
    expect(await count()).toBe(0)
  })

  it('without --skip-invalid imports nothing; with it imports the valid lines and exits 0', async () => {
    const blocked = await cli(['customers', fixture, '--columns', columns])
    expect(blocked.code).toBe(1)
    expect(blocked.out).toContain('nothing imported')
    expect(await count()).toBe(0)
    const r = await cli(['customers', fixture, '--columns', columns, '--skip-invalid', '--skip-duplicates'])
    expect(r.code).toBe(0)
    expect(r.out).toContain('line 4 looks like line 2')
    expect(r.out).toContain('imported 6 customers')
    expect(await count()).toBe(6)
    // The file's rows are now existing customers: a second run flags each against them.
    const again = await cli([
      'customers',
      fixture,
      '--columns',
      columns,
      '--dry-run',
      '--json',
      '--skip-invalid',
    ])
    expect(again.code).toBe(0)
    const dup = JSON.parse(again.out).duplicates.find((d: { line: number }) => d.line === 2)
    expect(dup.matches).toHaveLength(1)
    expect(String(dup.matches[0])).toMatch(/^cus-/)
  })

  it('as a real process, `main.ts import … --json` writes the report and nothing else to stdout', async () => {
    const result = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      const child = execFile(
        tsx,
        [main, 'import', 'customers', fixture, '--columns', columns, '--dry-run', '--json', '--skip-invalid'],
        { env: { ...process.env, ...env }, timeout: 120_000 },
        (_err, stdout) => resolve({ code: child.exitCode, stdout }),
      )
    })
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout)).toMatchObject({ rows: 14, valid: 9, imported: 0 })
  }, 130_000)
})

import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import iconv from 'iconv-lite'
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
    expect(Object.keys(report).sort()).toEqual([
      'blocked',
      'counts',
      'duplicates',
      'encoding',
      'errors',
      'imported',
      'rows',
      'valid',
    ])
    expect(report).toMatchObject({ encoding: 'utf-8', rows: 14, valid: 9, imported: 0, blocked: true })
    // The three disguised pairs are likely duplicates: held for review, not imported unasked.
    expect(report.counts).toEqual({ insert: 6, merge: 0, skip: 0, review: 3, invalid: 5 })
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
    // Progress goes to stderr, a line per phase and tenth, each phase to its end; stdout keeps the report.
    expect(r.err).toContain('reading the file (100 %)')
    expect(r.err).toContain('checking lines 13 / 13 (100 %)')
    expect(r.err).toContain('writing 6 / 6 (100 %)')
    expect(r.out).not.toContain('checking lines')
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

  it('reads a GBK, GB18030 or UTF-16 copy of the file to the same report, and says which encoding it was', async () => {
    const text = readFileSync(fixture, 'utf8')
    const dir = mkdtempSync(path.join(tmpdir(), 'outrider-import-'))
    const copies = {
      gb18030: iconv.encode(text, 'gbk'),
      'utf-16le': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
      'utf-8-bom': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]),
    }
    const dry = async (file: string) => {
      const r = await cli(['customers', file, '--columns', columns, '--dry-run', '--json'])
      return { code: r.code, report: JSON.parse(r.out) as { encoding: string } }
    }
    const utf8 = await dry(fixture)
    expect(utf8.report.encoding).toBe('utf-8')
    for (const [encoding, bytes] of Object.entries(copies)) {
      const file = path.join(dir, `customers-${encoding}.csv`)
      writeFileSync(file, bytes)
      const copy = await dry(file)
      expect(copy.code).toBe(utf8.code)
      expect(copy.report).toEqual({ ...utf8.report, encoding })
    }
    // The text summary names the encoding too.
    const human = await cli([
      'customers',
      path.join(dir, 'customers-gb18030.csv'),
      '--columns',
      columns,
      '--dry-run',
    ])
    expect(human.out).toContain('GBK / GB18030')
  })

  it('maps a tier column; an exact repeat is skipped and a likely duplicate held back; the preview counts are the import counts', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'outrider-import-'))
    const file = path.join(dir, 'tiers.csv')
    const lines = [
      '店名,电话,地址,城市,等级,渠道',
      '甲级商行,13811110001,杭州市西湖区文三路1号,杭州,A类,批发',
      '乙级商行,13811110002,杭州市西湖区文三路2号,杭州,b,零售',
      '甲级商行,13811110001,杭州市西湖区文三路1号,杭州,A类,批发',
      '甲级 商行,+86 138 1111 0001,杭州市西湖区文三路1号,杭州,A,批发',
      '丙级商行,13811110003,杭州市西湖区文三路3号,杭州,D,零售',
    ]
    writeFileSync(file, iconv.encode(`${lines.join('\r\n')}\r\n`, 'gbk'))
    const cols = 'name=店名,phone=电话,address=地址,city=城市,tier=等级,channel=渠道'
    const before = await count()
    const preview = JSON.parse(
      (await cli(['customers', file, '--columns', cols, '--dry-run', '--json', '--skip-invalid'])).out,
    )
    expect(preview.encoding).toBe('gb18030')
    expect(preview.errors).toEqual([expect.objectContaining({ line: 6, field: 'tier' })])
    expect(
      preview.duplicates.map((d: { line: number; kind: string; action: { action: string } }) => [
        d.line,
        d.kind,
        d.action.action,
      ]),
    ).toEqual([
      [4, 'exact', 'skip'],
      [5, 'likely', 'review'],
    ])
    expect(preview.counts).toEqual({ insert: 2, merge: 0, skip: 1, review: 1, invalid: 1 })
    const done = JSON.parse(
      (await cli(['customers', file, '--columns', cols, '--json', '--skip-invalid'])).out,
    )
    expect(done.counts).toEqual(preview.counts)
    expect(done.imported).toBe(preview.counts.insert + preview.counts.merge)
    expect(await count()).toBe(before + 2)
    const { rows } = await db.query(
      "SELECT doc->>'name' AS name, doc->'customFields' AS fields FROM customers WHERE doc->>'city' = '杭州' ORDER BY 1",
    )
    expect(rows).toEqual([
      { name: '乙级商行', fields: { tier: 'B', channel: '零售' } },
      { name: '甲级商行', fields: { tier: 'A', channel: '批发' } },
    ])
  })

  it('maps columns to custom fields: values read by their type, a bad value refused and nothing stored', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'outrider-import-'))
    const file = path.join(dir, 'custom.csv')
    const at = '2026-01-01T00:00:00.000Z'
    const definition = (key: string, type: string, options: string[] = []) => ({
      id: `cf-${key}`,
      createdAt: at,
      updatedAt: at,
      key,
      label: { en: key, zh: key === 'area' ? '面积' : '结算方式' },
      type,
      options,
      required: false,
      active: true,
    })
    for (const doc of [definition('area', 'number'), definition('payment', 'choice', ['月结', '现金'])])
      await db.query('INSERT INTO custom_field_definitions (id, doc) VALUES ($1, $2)', [doc.id, doc])
    const lines = [
      '店名,电话,地址,城市,面积,结算',
      '面积商行,13822220001,苏州市姑苏区人民路1号,苏州,"1,250",月结',
    ]
    writeFileSync(
      file,
      iconv.encode(
        `${[...lines, '赊账商行,13822220002,苏州市姑苏区人民路2号,苏州,90,赊账'].join('\r\n')}\r\n`,
        'gbk',
      ),
    )
    const cols = 'name=店名,phone=电话,address=地址,city=城市,area=面积,payment=结算'
    const before = await count()
    const refused = await cli(['customers', file, '--columns', cols, '--json'])
    const report = JSON.parse(refused.out)
    expect(report.errors).toEqual([
      expect.objectContaining({
        line: 3,
        field: 'payment',
        zh: '结算方式：“赊账”不是可选值（月结、现金）之一',
      }),
    ])
    expect(report.imported).toBe(0)
    expect(await count()).toBe(before)

    writeFileSync(file, `${lines.join('\n')}\n`)
    const done = JSON.parse((await cli(['customers', file, '--columns', cols, '--json'])).out)
    expect(done.imported).toBe(1)
    const { rows } = await db.query(
      "SELECT doc->'customFields' AS fields FROM customers WHERE doc->>'city' = '苏州'",
    )
    expect(rows).toEqual([{ fields: { area: 1250, payment: '月结' } }])
  })

  it('imports a product catalogue from a GBK file: the same checks, and the products are stored', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'outrider-products-'))
    const file = path.join(dir, '产品.csv')
    const text = ['编码,名称,单价,单位', 'P-1,绿茶 500g,45,罐', 'P-2,红茶 500g,-3,罐', ''].join('\r\n')
    writeFileSync(file, iconv.encode(text, 'gbk'))
    const cols = 'sku=编码,name=名称,price=单价,unit=单位'
    const refused = await cli(['products', file, '--columns', cols])
    expect(refused.code).toBe(1)
    expect(refused.out).toContain('line 3 [price]')
    const done = await cli(['products', file, '--columns', cols, '--skip-invalid', '--json'])
    expect(done.code).toBe(0)
    expect(JSON.parse(done.out)).toMatchObject({
      encoding: 'gb18030',
      imported: 1,
      counts: { insert: 1, invalid: 1 },
    })
    await count() // opens the test's own connection
    const { rows } = await db.query("SELECT doc->>'name' AS name, doc->>'unit' AS unit FROM products")
    expect(rows).toEqual([{ name: '绿茶 500g', unit: '罐' }])
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

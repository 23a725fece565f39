import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import { run } from './segment.ts'

const fixtures = fileURLToPath(new URL('../../../domain/src/segmentation/fixtures/retail/', import.meta.url))
const sample = join(fixtures, 'online-retail-sample.csv')
const RETAIL_COLUMNS =
  'customer=CustomerID,order=InvoiceNo,date=InvoiceDate,quantity=Quantity,price=UnitPrice'
const dir = mkdtempSync(join(tmpdir(), 'segment-cli-'))

async function cli(args: string[]) {
  let out = ''
  let err = ''
  const code = await run(args, {
    out: (t) => {
      out += t
    },
    err: (t) => {
      err += t
    },
  })
  return { code, out, err }
}

function rows(csv: string): string[][] {
  return csv
    .trim()
    .split('\n')
    .map((l) => l.split(','))
}

describe('pnpm cli segment', () => {
  it("with --ties first, reproduces pandas' RFM scores of every customer of the retail sample", async () => {
    const { code, out, err } = await cli([
      sample,
      '--as-of',
      '2011-12-10',
      '--columns',
      RETAIL_COLUMNS,
      '--ties',
      'first',
    ])
    expect(code).toBe(0)
    const [head, ...body] = rows(out)
    expect(head).toEqual([
      'customerId',
      'recencyDays',
      'frequency',
      'monetary',
      'r',
      'f',
      'm',
      'segment',
      'tier',
    ])
    const reference = rows(readFileSync(join(fixtures, 'rfm-reference.csv'), 'utf8')).slice(1)
    expect(body).toHaveLength(reference.length)
    const numeric = (r: string[]) => [r[0], ...r.slice(1, 7).map(Number)]
    expect(body.map(numeric)).toEqual(reference.map(numeric))
    expect(body[0]?.[0]).toBe('12347') // "12347.0" in the file
    expect(err).toContain('30000 rows, 0 unreadable')
    expect(err).toContain('2000 without customer')
  })

  it('gives the same result for a file with Chinese headers in another order, with a BOM', async () => {
    const parsed = Papa.parse<Record<string, string>>(readFileSync(sample, 'utf8'), {
      header: true,
      skipEmptyLines: true,
    })
    const chinese = Papa.unparse(
      parsed.data.map((r) => ({
        单价: r.UnitPrice,
        日期: r.InvoiceDate,
        客户编号: r.CustomerID,
        数量: r.Quantity,
        订单号: r.InvoiceNo,
      })),
    )
    const file = join(dir, '订单.csv')
    writeFileSync(file, `\uFEFF${chinese}`)
    const columns = 'customer=客户编号,order=订单号,date=日期,quantity=数量,price=单价'
    const a = await cli([sample, '--as-of=2011-12-10', '--columns', RETAIL_COLUMNS, '--clusters', '4'])
    const b = await cli([file, '--as-of', '2011-12-10', '--columns', columns, '--clusters', '4'])
    expect(b.code).toBe(0)
    expect(b.out).toBe(a.out)
    expect(rows(b.out)[0]).toContain('cluster')
  })

  it('prints JSON with the k-means inertia, close to scikit-learn', async () => {
    const { code, out } = await cli([
      sample,
      '--as-of',
      '2011-12-10',
      '--columns',
      RETAIL_COLUMNS,
      '--clusters',
      '5',
      '--json',
    ])
    expect(code).toBe(0)
    const json = JSON.parse(out) as { customers: { customerId: string; cluster: number }[]; inertia: number }
    expect(json.customers).toHaveLength(3546)
    const reference = JSON.parse(readFileSync(join(fixtures, 'kmeans-reference.json'), 'utf8')).inertia['5']
    expect(Math.abs(json.inertia - reference) / reference).toBeLessThan(0.005)
    const plain = JSON.parse(
      (await cli([sample, '--as-of', '2011-12-10', '--columns', RETAIL_COLUMNS, '--json'])).out,
    )
    expect(plain.inertia).toBeUndefined()
  })

  it('reports unreadable rows by line number and counts them', async () => {
    const file = join(dir, 'bad.csv')
    writeFileSync(
      file,
      [
        'cust,inv,day,qty,price',
        '1.0,A,2024-01-05,2,3.5',
        '2,B,2024-13-01,1,1', // line 3: bad date
        '"2\nstill 2",C,2024-01-06,x,1', // lines 4–5: bad quantity
        '3,D,2024-01-07', // line 6: missing columns
        ',E,2024-01-07,1,1', // no customer: excluded, not unreadable
        '1,F,2024-01-08,1,2',
      ].join('\n'),
    )
    const { code, out, err } = await cli([
      file,
      '--as-of',
      '2024-01-10',
      '--columns',
      'customer=cust,order=inv,date=day,quantity=qty,price=price',
    ])
    expect(code).toBe(0)
    expect(err).toContain('line 3: bad date "2024-13-01"')
    expect(err).toContain('line 4: bad quantity "x"')
    expect(err).toContain('line 6: missing column qty, price')
    expect(err).toContain('6 rows, 3 unreadable, 2 used; excluded 1 without customer')
    expect(rows(out).slice(1)).toEqual([['1', '2', '2', '9.00', '5', '1', '1', 'important_value', 'A']])
  })

  it('exits 2 with a clear message on bad usage', async () => {
    const cases: [string[], string][] = [
      [[], 'missing <orders.csv>'],
      [[sample, '--columns', RETAIL_COLUMNS], 'missing --as-of'],
      [[sample, '--as-of', '10/12/2011', '--columns', RETAIL_COLUMNS], '--as-of must be YYYY-MM-DD'],
      [[sample, '--as-of', '2011-12-10'], 'missing --columns'],
      [
        [sample, '--as-of', '2011-12-10', '--columns', 'customer=CustomerID'],
        'missing order, date, quantity, price',
      ],
      [
        [sample, '--as-of', '2011-12-10', '--columns', RETAIL_COLUMNS.replace('Quantity', 'Qty')],
        'column not in the header: quantity="Qty"',
      ],
      [
        [sample, '--as-of', '2011-12-10', '--columns', RETAIL_COLUMNS, '--clusters', 'two'],
        '--clusters must be a whole number',
      ],
      [[join(dir, 'nope.csv'), '--as-of', '2011-12-10', '--columns', RETAIL_COLUMNS], 'cannot read'],
      [[sample, '--frobnicate'], 'unknown option --frobnicate'],
      [
        [sample, '--as-of', '2011-12-10', '--columns', RETAIL_COLUMNS, '--ties', 'last'],
        '--ties must be fair or first',
      ],
    ]
    for (const [args, message] of cases) {
      const { code, err, out } = await cli(args)
      expect({
        code,
        message: err.includes(message),
        usage: err.includes('usage: pnpm cli segment'),
      }).toEqual({ code: 2, message: true, usage: true })
      expect(out).toBe('')
    }
  })
})

import { type ImportStreamLine, importReportSchema, importStreamLineSchema } from '@outrider/domain'
import { describe, expect, it } from 'vitest'
import { customersColumns, customersCsv, ordersColumns, ordersCsv } from '../../bench/import-files.ts'
import { stores } from '../testing/index.ts'
import { tinyOrgApp } from '../testing/tiny-org-app.ts'

describe.each(stores)('streamed imports ($name)', ({ fresh }) => {
  const env = tinyOrgApp(fresh, { perRep: 20 })
  const post = async (path: string, body: unknown, stream = true) =>
    fetch(`${env.baseUrl}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await env.tokenFor('sa')}`,
        'content-type': 'application/json',
        ...(stream ? { accept: 'application/x-ndjson' } : {}),
      },
      body: JSON.stringify(body),
    })
  /** Reads a streamed reply line by line, `onLine` hearing each as it arrives. */
  const linesOf = async (res: Response, onLine: (l: ImportStreamLine) => void | Promise<void> = () => {}) => {
    const lines: ImportStreamLine[] = []
    let rest = ''
    const decoder = new TextDecoder()
    for await (const chunk of res.body!) {
      rest += decoder.decode(chunk, { stream: true })
      for (let nl = rest.indexOf('\n'); nl >= 0; nl = rest.indexOf('\n')) {
        const line = importStreamLineSchema.parse(JSON.parse(rest.slice(0, nl)))
        rest = rest.slice(nl + 1)
        lines.push(line)
        await onLine(line)
      }
    }
    return lines
  }

  it('a 3,000-line customer import tells how far it got, phase by phase, then the report the plain reply gives', async () => {
    const body = { csv: customersCsv(3000), columns: customersColumns }
    const res = await post('/api/import/customers?dryRun=1', body)
    expect([res.status, res.headers.get('content-type')]).toEqual([200, 'application/x-ndjson'])
    const lines = await linesOf(res)
    const progress = lines.flatMap((l) => ('progress' in l ? [l.progress] : []))
    const last = (phase: string) => progress.filter((p) => p.phase === phase).at(-1)
    expect(last('check')).toEqual({ phase: 'check', done: 3000, total: 3000 })
    expect(last('duplicates')?.done).toBe(last('duplicates')?.total)
    // Done never goes back within a phase.
    for (const phase of ['read', 'check'])
      expect(progress.filter((p) => p.phase === phase).map((p) => p.done)).toEqual(
        progress
          .filter((p) => p.phase === phase)
          .map((p) => p.done)
          .sort((a, b) => a - b),
      )
    const report = lines.at(-1)
    const plain = importReportSchema.parse(
      await (await post('/api/import/customers?dryRun=1', body, false)).json(),
    )
    expect(report).toEqual({ report: plain })
    expect(plain.counts).toMatchObject({ insert: 2994, skip: 6 })

    const written = await linesOf(await post('/api/import/customers?dryRun=0', body))
    expect(written.at(-1)).toMatchObject({ report: { imported: 2994 } })
    expect(
      written.flatMap((l) => ('progress' in l && l.progress.phase === 'write' ? [l.progress] : [])).at(-1),
    ).toEqual({
      phase: 'write',
      done: 2994,
      total: 2994,
    })
  })

  it('an order import streams its progress too; a file error comes as the error line the plain reply would answer', async () => {
    const lines = await linesOf(
      await post('/api/import/orders?dryRun=0', { csv: ordersCsv(2000, 20), columns: ordersColumns }),
    )
    expect(lines.at(-1)).toMatchObject({ report: { valid: 2000, imported: 2000 } })
    expect(lines.some((l) => 'progress' in l && l.progress.phase === 'write')).toBe(true)
    const broken = await linesOf(
      await post('/api/import/orders?dryRun=1', { csv: 'a,b\n1,2\n', columns: ordersColumns }),
    )
    expect(broken.at(-1)).toEqual({
      status: 400,
      error: { code: 'E_VALIDATION', message: expect.stringContaining("not in the file's header (a, b)") },
    })
  })

  it('while one import runs, a second on the same server is refused with Retry-After instead of doubling its memory', async () => {
    const running = await post('/api/import/customers?dryRun=1', {
      csv: customersCsv(20_000),
      columns: customersColumns,
    })
    const second: Response[] = []
    const lines = await linesOf(running, async (l) => {
      if (second.length === 0 && 'progress' in l)
        second.push(
          await post(
            '/api/import/orders?dryRun=1',
            { csv: ordersCsv(10, 20), columns: ordersColumns },
            false,
          ),
        )
    })
    expect(lines.at(-1)).toMatchObject({ report: { rows: 20_000 } })
    const refused = second[0]!
    expect([
      refused.status,
      refused.headers.get('retry-after'),
      ((await refused.json()) as { error: { code: string } }).error.code,
    ]).toEqual([503, '5', 'E_RATE_LIMITED'])
    // Once it is over, imports are taken again.
    const after = await post(
      '/api/import/orders?dryRun=1',
      { csv: ordersCsv(10, 20), columns: ordersColumns },
      false,
    )
    expect(after.status).toBe(200)
  })
})

import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { run } from './import.ts'

const fixture = fileURLToPath(new URL('../import/fixtures/customers-dirty.csv', import.meta.url))

async function cli(args: string[]) {
  const out: string[] = []
  const err: string[] = []
  // No database settings: usage errors must be reported before any database is opened.
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
    { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' },
  )
  return { code, out: out.join(''), err: err.join('') }
}

describe('pnpm cli import: bad usage', () => {
  it('names a mapped column that is not in the header and exits 2', async () => {
    const r = await cli(['customers', fixture, '--columns', 'name=店名,phone=手机'])
    expect(r.code).toBe(2)
    expect(r.err).toContain('"手机"')
    expect(r.out).toBe('')
  })

  it('rejects a missing file, a missing mapping, an unknown kind and an unknown option', async () => {
    expect((await cli(['customers', '/nonexistent.csv', '--columns', 'name=店名'])).err).toContain(
      'cannot read',
    )
    expect((await cli(['customers', fixture])).err).toContain('--columns is required')
    expect((await cli(['products', fixture, '--columns', 'name=店名'])).code).toBe(2)
    const unknown = await cli(['customers', fixture, '--columns', 'name=店名', '--force'])
    expect([unknown.code, unknown.err.includes('--force')]).toEqual([2, true])
    const noName = await cli(['customers', fixture, '--columns', 'phone=电话'])
    expect([noName.code, noName.err.includes('name must be mapped')]).toEqual([2, true])
  })
})

import fc from 'fast-check'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { quoteLiteral, sqlLiteral } from './push-sql.ts'

// The reference: what pushes were quoted with before (pg's own escapeLiteral; needs no connection).
const client = new pg.Client()
const reference = (s: string) => client.escapeLiteral(s)

describe('quoteLiteral', () => {
  it('quotes exactly as pg escapeLiteral does', () => {
    for (const s of ['', "'", "''", '\\', "a\\'b", 'plain', '拜访记录', '\\u0000', "O'Brien \\ co"])
      expect(quoteLiteral(s)).toBe(reference(s))
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("'", '\\', 'a', '"', '拜', '\n', ' ') }), (s) => {
        expect(quoteLiteral(s)).toBe(reference(s))
      }),
    )
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(quoteLiteral(s)).toBe(reference(s))
      }),
    )
  })

  it('quotes the JSON of a value, as the push statements use it', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(sqlLiteral(v)).toBe(reference(JSON.stringify(v)))
      }),
    )
    expect(sqlLiteral(undefined)).toBe("''")
  })
})

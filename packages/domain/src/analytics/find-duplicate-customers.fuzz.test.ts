import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type DuplicateCandidate, profileOf, scoreDuplicate } from './duplicate-score.ts'
import { findDuplicateCustomers } from './find-duplicate-customers.ts'
import { quickPinyin } from './search-keys.ts'

const candidate = fc.record({
  name: fc.constantFrom(
    '张三',
    'zhang san',
    '張三超市',
    '李四商行',
    '李四',
    '好又多超市',
    'ＡＢＣ便利店',
    'abc',
  ),
  phone: fc.option(
    fc.constantFrom('13812345678', '+86 138 1234 5678', '021-12345678', '(021) 1234 5678', '13900000000'),
    { nil: undefined },
  ),
  address: fc.constantFrom(
    '',
    '体育西路103号',
    '广东省广州市天河区体育西路103号',
    '体育西路105号',
    '中山路1号',
  ),
  location: fc.option(
    fc.constantFrom(
      { lat: 23.1375, lng: 113.3235 },
      { lat: 23.13768, lng: 113.3235 },
      { lat: 23.2, lng: 113.4 },
    ),
    { nil: null },
  ),
})

const shops = fc.array(candidate, { maxLength: 12 }).map((rows) =>
  rows.map(
    (r, i): DuplicateCandidate => ({
      id: `c${i}`,
      city: '广州',
      ...r,
      ...(r.phone === undefined ? {} : { phone: r.phone }),
    }),
  ),
)

const asSet = (pairs: { a: string; b: string; score: number }[]): string[] =>
  pairs.map((p) => `${[p.a, p.b].sort().join('~')}@${p.score}`).sort()

describe('duplicate detection properties', () => {
  it('scores a pair the same both ways round', () => {
    fc.assert(
      fc.property(shops, (list) => {
        const profiles = list.map((c) => profileOf(c, quickPinyin))
        for (const a of profiles)
          for (const b of profiles) expect(scoreDuplicate(a, b).score).toBe(scoreDuplicate(b, a).score)
      }),
      { numRuns: 200 },
    )
  })

  it('finds the same pairs whatever the input order', () => {
    fc.assert(
      fc.property(shops, (list) => {
        expect(asSet(findDuplicateCustomers([...list].reverse()))).toEqual(
          asSet(findDuplicateCustomers(list)),
        )
      }),
      { numRuns: 200 },
    )
  })

  it('always pairs records with the same phone and the same name', () => {
    fc.assert(
      fc.property(
        candidate,
        fc.constantFrom('+86 138 1234 5678', '138-1234-5678', '8613812345678'),
        (c, written) => {
          const a: DuplicateCandidate = { id: 'a', city: '广州', ...c, phone: '13812345678' }
          const b: DuplicateCandidate = { ...a, id: 'b', phone: written }
          expect(findDuplicateCustomers([a, b]).map((p) => [p.a, p.b])).toEqual([['a', 'b']])
        },
      ),
    )
  })
})

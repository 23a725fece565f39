import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createDuplicateIndex } from './duplicate-index.ts'
import type { DuplicateCandidate } from './duplicate-score.ts'
import { findDuplicateCustomers } from './find-duplicate-customers.ts'

/** Few distinct values, so records share phones, names, addresses and grid cells often. */
const record = fc.record({
  name: fc.constantFrom('张三', 'zhang san', '張三超市', '李四商行', '李四', 'ＡＢＣ便利店', 'abc'),
  phone: fc.option(fc.constantFrom('13812345678', '+86 138 1234 5678', '021-12345678', '13900000000'), {
    nil: undefined,
  }),
  address: fc.constantFrom('', '体育西路103号', '广东省广州市天河区体育西路103号', '中山路1号'),
  location: fc.option(
    fc.constantFrom(
      { lat: 23.1375, lng: 113.3235 },
      { lat: 23.13768, lng: 113.3235 },
      { lat: 23.1397, lng: 113.3261 },
      // The next grid cell east of the first two, within 300 m of them.
      { lat: 23.1375, lng: 113.3262 },
      { lat: 23.2, lng: 113.4 },
    ),
    { nil: null },
  ),
  // One record in eight is deleted (the search leaves it out).
  deleted: fc.integer({ min: 0, max: 7 }).map((n) => (n === 0 ? true : undefined)),
})

const records = (prefix: string) =>
  fc.array(record, { maxLength: 14 }).map((rows) =>
    rows.map(
      (r, i): DuplicateCandidate => ({
        id: `${prefix}${i}`,
        city: '广州',
        name: r.name,
        address: r.address,
        location: r.location,
        ...(r.phone === undefined ? {} : { phone: r.phone }),
        ...(r.deleted === undefined ? {} : { deleted: r.deleted }),
      }),
    ),
  )

describe('the duplicate index', () => {
  it('finds, a candidate at a time, exactly the pairs of the batch search, blocks past their size limit included', () => {
    fc.assert(
      fc.property(
        records('line'),
        records('stored'),
        fc.integer({ min: 1, max: 6 }),
        fc.constantFrom(0.3, 0.6),
        (candidates, existing, maxBlockSize, threshold) => {
          const options = { maxBlockSize, threshold }
          const index = createDuplicateIndex(existing, options)
          for (const c of candidates) index.add(c)
          expect(index.pairs()).toEqual(findDuplicateCustomers(candidates, existing, options))
        },
      ),
      { numRuns: 400 },
    )
  })
})

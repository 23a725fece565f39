import { describe, expect, it } from 'vitest'
import { latestRevisions } from './latest-revisions.ts'

describe('latestRevisions', () => {
  it('keeps only the newest revision of each record, in input order', () => {
    const records = [
      { id: 'a', revisionOf: 'a', revision: 1 },
      { id: 'b', revisionOf: 'b', revision: 1 },
      { id: 'a3', revisionOf: 'a', revision: 3 },
      { id: 'a2', revisionOf: 'a', revision: 2 },
    ]
    expect(latestRevisions(records).map((r) => r.id)).toEqual(['b', 'a3'])
  })
})

import { describe, expect, it } from 'vitest'
import { freshPostgres } from '../testing/test-db.ts'
import { openDatabase } from './database.ts'
import { migrate } from './migrate.ts'

describe('migrations at start', () => {
  it('server instances starting together on one database all start (they take turns migrating)', async () => {
    const tdb = await freshPostgres()
    const instances = await Promise.all(
      Array.from({ length: 6 }, () => openDatabase({ databaseUrl: tdb.url!, dataDir: '' })),
    )
    try {
      const outcomes = await Promise.allSettled(instances.map((db) => migrate(db)))
      expect(outcomes.map((o) => (o.status === 'fulfilled' ? 'started' : String(o.reason)))).toEqual(
        instances.map(() => 'started'),
      )
    } finally {
      await Promise.all(instances.map((db) => db.close()))
      await tdb.drop()
    }
  })
})

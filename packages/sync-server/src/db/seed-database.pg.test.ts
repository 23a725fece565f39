import { describe, expect, it } from 'vitest'
import { loadOrganisation, needsSetup } from '../people/setup.ts'
import { freshPostgres } from '../testing/test-db.ts'
import { openDatabase } from './database.ts'
import { migrate } from './migrate.ts'
import { DEMO_ORGANISATION_NAME, seedIfEmpty } from './seed-database.ts'

describe('the demo organisation', () => {
  it('is seeded with its settings, whose time zone is the one its policy carries; a second start changes nothing', async () => {
    const tdb = await freshPostgres()
    const db = await openDatabase({ databaseUrl: tdb.url!, dataDir: '' })
    try {
      await migrate(db)
      const logins = await seedIfEmpty(db, { customers: 30, asOf: new Date('2026-12-07T02:00:00Z') })
      expect(logins?.length).toBeGreaterThan(0)
      expect(await needsSetup(db)).toBe(false)
      const org = await loadOrganisation(db)
      const { rows } = await db.pool.query<{ zone: string | null }>(
        "SELECT doc->>'timeZone' AS zone FROM policies LIMIT 1",
      )
      expect(org).toMatchObject({ name: DEMO_ORGANISATION_NAME, currency: 'CNY' })
      expect(org?.timeZone).toBe(rows[0]?.zone ?? 'Asia/Shanghai')
      expect(await seedIfEmpty(db)).toBeNull()
    } finally {
      await db.close()
      await tdb.drop()
    }
  })
})

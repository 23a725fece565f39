import { afterEach, describe, expect, it, vi } from 'vitest'
import { freshPostgres } from '../testing/test-db.ts'

describe('closing the database', () => {
  afterEach(() => vi.restoreAllMocks())

  it('a second close (shutdown and clean-up both closing) waits for the first and reports no failure', async () => {
    const tdb = await freshPostgres()
    const warn = vi.spyOn(console, 'warn')
    await Promise.all([tdb.db.close(), tdb.db.close()])
    await tdb.drop()
    expect(warn).not.toHaveBeenCalled()
    await expect(tdb.db.pool.query('SELECT 1')).rejects.toThrow()
  })
})

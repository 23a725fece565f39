import type { Checkpoint, RecentCursor } from '@outrider/domain'
import { describe, expect, it } from 'vitest'
import { freshPostgres, type TestDevice, visitDoc } from '../testing/index.ts'
import { tinyOrgApp } from '../testing/tiny-org-app.ts'
import { RECENT_WEEKS } from './pull.ts'
import { bulkInsert, tables } from './tables.ts'

type Doc = Record<string, unknown> & { id: string; _deleted?: boolean }
const DAY = 86_400_000
/** Visits of team A's reps, one every 3 days back from now (times relative to the clock: no date is fixed). */
const SPREAD_DAYS = 300
const at = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY - 3_600_000).toISOString()

describe('a first sync: recent window, then the normal pass (postgres)', () => {
  const env = tinyOrgApp(freshPostgres, {
    perRep: 3,
    seed: async (db) => {
      const docs: Record<string, unknown>[] = []
      for (let d = 0, n = 0; d < SPREAD_DAYS; d += 3, n++) {
        const rep = n % 2 === 0 ? 'a1' : 'a2'
        docs.push(
          visitDoc(`v-spread-${n}`, `c-${rep}-1`, {
            authorId: rep,
            ownerRepId: rep,
            checkInAt: at(d),
            checkOutAt: at(d),
          }),
        )
      }
      const other = [
        visitDoc('v-b-new', 'c-b1-1', {
          authorId: 'b1',
          ownerRepId: 'b1',
          checkInAt: at(1),
          checkOutAt: at(1),
        }),
      ]
      await db.tx(async (c) => {
        await bulkInsert(c, tables.visits, docs, (doc) => ({
          owner_rep_id: doc.authorId,
          team_id: 'team-a',
        }))
        await bulkInsert(c, tables.visits, other, () => ({ owner_rep_id: 'b1', team_id: 'team-b' }))
      })
    },
  })

  /** Pulls the whole recent window in pages of `limit`, newest first. */
  const pullWindow = async (dev: TestDevice, limit: number) => {
    const pages: { documents: Doc[]; total: number | undefined }[] = []
    let after: RecentCursor | null = null
    for (;;) {
      const res = await dev.request({
        type: 'pull',
        collection: 'visits',
        checkpoint: null,
        limit,
        recent: { after },
      })
      if (res.type !== 'pullResult' || !res.recent) throw new Error(`window pull: ${JSON.stringify(res)}`)
      pages.push({ documents: res.documents as Doc[], total: res.total })
      after = res.recent.next
      if (after === null) return pages
    }
  }
  /** The normal pass from the beginning, applied onto `store`; the totals each page reported. */
  const normalPass = async (dev: TestDevice, store: Map<string, Doc>, limit: number) => {
    const totals: (number | undefined)[] = []
    let cp: Checkpoint | null = null
    for (;;) {
      const res = await dev.pullPage('visits', cp, limit)
      totals.push(res.total)
      for (const d of res.documents as Doc[]) {
        if (d._deleted) store.delete(d.id)
        else store.set(d.id, d)
      }
      cp = res.checkpoint
      if (res.documents.length < limit) return { totals, checkpoint: cp }
    }
  }

  it('delivers the scope’s last weeks newest first, and the window plus the normal pass end exactly as the normal pass alone, nothing skipped', async () => {
    const withWindow = await env.device('sa', 'sa-window')
    const pages = await pullWindow(withWindow, 7)
    const windowDocs = pages.flatMap((p) => p.documents)
    const times = windowDocs.map((d) => String(d.checkInAt))
    expect(times).toEqual([...times].sort().reverse())
    expect(windowDocs.every((d) => d.ownerRepId === 'a1' || d.ownerRepId === 'a2')).toBe(true)
    // Visits of the last 8 weeks, minus one day of margin at the window's edge (the clock runs on).
    const since = Date.now() - RECENT_WEEKS * 7 * DAY
    const ids = new Set(windowDocs.map((d) => d.id))
    for (let d = 0, n = 0; d < SPREAD_DAYS; d += 3, n++) {
      const t = Date.parse(at(d))
      if (t > since + DAY) expect(ids.has(`v-spread-${n}`), `day ${d}`).toBe(true)
      if (t < since - DAY) expect(ids.has(`v-spread-${n}`), `day ${d}`).toBe(false)
    }
    expect(ids.size).toBe(windowDocs.length)
    expect(windowDocs.length).toBeGreaterThan(7)

    // Between the window and the normal pass, a visit arrives and a window visit changes.
    const changedId = windowDocs[0]!.id
    await env.tdb.db.tx(async (c) => {
      await bulkInsert(
        c,
        tables.visits,
        [
          visitDoc('v-late', 'c-a1-2', {
            authorId: 'a1',
            ownerRepId: 'a1',
            checkInAt: at(0),
            checkOutAt: at(0),
          }),
        ],
        () => ({ owner_rep_id: 'a1', team_id: 'team-a' }),
      )
      await c.query(`UPDATE visits SET doc = jsonb_set(doc, '{notes}', '"改过"') WHERE id = $1`, [changedId])
    })

    const store = new Map(windowDocs.map((d) => [d.id, d]))
    const first = await normalPass(withWindow, store, 50)
    const alone = await env.device('sa', 'sa-alone')
    const plain = new Map<string, Doc>()
    await normalPass(alone, plain, 50)
    expect(store).toEqual(plain)
    expect(store.get(changedId)?.notes).toBe('改过')
    expect(store.has('v-late')).toBe(true)
    expect(store.has('v-b-new')).toBe(false)

    // Every page of the first pass and of the window reports the scope's size; a later pass does not.
    const { rows } = await env.tdb.db.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM visits WHERE team_id = 'team-a'`,
    )
    expect(pages.every((p) => typeof p.total === 'number' && p.total <= rows[0]!.n)).toBe(true)
    expect(first.totals.every((t) => t === rows[0]!.n)).toBe(true)
    expect(first.totals.length).toBeGreaterThan(1)
    const later = await withWindow.pullPage('visits', first.checkpoint, 50)
    expect(later.total).toBeUndefined()
    withWindow.close()
    alone.close()
  })

  it('a collection without a window answers an empty window with its total, and a rep’s window holds only their own visits', async () => {
    const a1 = await env.device('a1', 'a1-window')
    const res = await a1.request({
      type: 'pull',
      collection: 'customers',
      checkpoint: null,
      limit: 10,
      recent: { after: null },
    })
    expect(res).toMatchObject({ type: 'pullResult', documents: [], total: 3, recent: { next: null } })
    const pages = await pullWindow(a1, 1000)
    const docs = pages.flatMap((p) => p.documents)
    expect(docs.length).toBeGreaterThan(0)
    expect(docs.every((d) => d.ownerRepId === 'a1')).toBe(true)
    a1.close()
  })
})

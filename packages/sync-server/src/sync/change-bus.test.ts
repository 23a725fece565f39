import { describe, expect, it } from 'vitest'
import type { Principal } from '../auth/sessions.ts'
import { type ChangeNotice, createAnnouncer } from './change-bus.ts'
import { wakeCollections } from './wake.ts'

/** A fake `pg_notify` statement runner: records every call, answers when the test says so. */
function fakeQuery() {
  const calls: { sql: string; params: string[]; answer: (err?: Error) => void }[] = []
  const query = (sql: string, params: string[]) =>
    new Promise<void>((resolve, reject) => {
      calls.push({ sql, params, answer: (err) => (err ? reject(err) : resolve()) })
    })
  return { calls, query }
}
const notices = (params: string[]) => params.map((p) => JSON.parse(p) as ChangeNotice)
/** Lets pending callbacks run (a retry waits one timer turn, then the statement goes out). */
const flush = async () => {
  for (let i = 0; i < 3; i++) await new Promise((r) => setTimeout(r, 0))
}
const visits = (owner: string, team: string, collections = ['visits']): ChangeNotice => ({
  collections,
  owners: [owner],
  teams: [team],
  broadcast: false,
})
const rep = (userId: string, teamId: string): Principal =>
  ({ userId, role: 'rep', teamId, sessionId: `s-${userId}` }) as Principal
const supervisor = (userId: string, teamId: string): Principal =>
  ({ userId, role: 'supervisor', teamId, sessionId: `s-${userId}` }) as Principal

describe('createAnnouncer', () => {
  it('sends a notice at once, and merges those that arrive meanwhile into the next statement', async () => {
    const { calls, query } = fakeQuery()
    const a = createAnnouncer(query, 0)
    const first = a.add(visits('a1', 'team-a'))
    expect(calls).toHaveLength(1)
    expect(calls[0]!.sql).toBe("SELECT pg_notify('outrider_changes', $1)")
    expect(notices(calls[0]!.params)).toEqual([visits('a1', 'team-a')])

    const later = [
      visits('a2', 'team-a'),
      visits('b1', 'team-b'),
      visits('a2', 'team-a'),
      visits('a1', 'team-a', ['visits', 'conflicts']),
    ]
    const sent = later.map((n) => a.add(n))
    expect(calls).toHaveLength(1)
    calls[0]!.answer()
    await first
    await flush()
    expect(calls).toHaveLength(2)
    const merged = notices(calls[1]!.params)
    expect(merged).toEqual([
      { collections: ['visits'], owners: ['a2', 'b1'], teams: ['team-a', 'team-b'], broadcast: false },
      { collections: ['visits', 'conflicts'], owners: ['a1'], teams: ['team-a'], broadcast: false },
    ])
    // The merged notices wake exactly whom the separate ones would have woken, with the same collections.
    for (const who of [
      rep('a1', 'team-a'),
      rep('a2', 'team-a'),
      rep('b1', 'team-b'),
      rep('b2', 'team-b'),
      supervisor('sa', 'team-a'),
      supervisor('sb', 'team-b'),
      supervisor('sc', 'team-c'),
    ]) {
      const separately = new Set(later.flatMap((n) => wakeCollections(who, n)))
      const together = new Set(merged.flatMap((n) => wakeCollections(who, n)))
      expect(together).toEqual(separately)
    }
    calls[1]!.answer()
    await Promise.all(sent)
    await a.drain()
    expect(calls).toHaveLength(2)
  })

  it('sends broadcasts and ended sessions as they are', async () => {
    const { calls, query } = fakeQuery()
    const a = createAnnouncer(query, 0)
    void a.add(visits('a1', 'team-a'))
    const resync: ChangeNotice = { collections: [], owners: [], teams: [], broadcast: true }
    const logout: ChangeNotice = {
      collections: [],
      owners: [],
      teams: [],
      broadcast: false,
      endedSessions: ['s1'],
    }
    void a.add(resync)
    void a.add(logout)
    calls[0]!.answer()
    await flush()
    expect(notices(calls[1]!.params)).toEqual([resync, logout])
    calls[1]!.answer()
    await a.drain()
  })

  it('retries a failed statement, gives a notice up after five attempts, and keeps announcing', async () => {
    const { calls, query } = fakeQuery()
    const a = createAnnouncer(query, 0)
    const lost = a.add(visits('a1', 'team-a'))
    for (let i = 0; i < 5; i++) {
      await flush()
      expect(calls).toHaveLength(i + 1)
      expect(notices(calls[i]!.params)).toEqual([visits('a1', 'team-a')])
      calls[i]!.answer(new Error('connection lost'))
    }
    await lost
    const next = a.add(visits('a2', 'team-a'))
    await flush()
    expect(calls).toHaveLength(6)
    expect(notices(calls[5]!.params)).toEqual([visits('a2', 'team-a')])
    calls[5]!.answer()
    await next
  })

  it('splits a large merged notice so every payload stays far below the NOTIFY limit', async () => {
    const { calls, query } = fakeQuery()
    const a = createAnnouncer(query, 0)
    void a.add(visits('first', 'team-0'))
    const owners = Array.from({ length: 600 }, (_, i) => `user-${i}-${'x'.repeat(20)}`)
    for (const [i, o] of owners.entries()) void a.add(visits(o, `team-${i % 7}`))
    calls[0]!.answer()
    await flush()
    const split = notices(calls[1]!.params)
    expect(split.length).toBeGreaterThan(1)
    for (const p of calls[1]!.params) expect(Buffer.byteLength(p)).toBeLessThan(8000)
    expect(new Set(split.flatMap((n) => n.owners))).toEqual(new Set(owners))
    expect(new Set(split.flatMap((n) => n.teams))).toEqual(new Set(owners.map((_, i) => `team-${i % 7}`)))
    for (const n of split) expect(n.collections).toEqual(['visits'])
    calls[1]!.answer()
    await a.drain()
  })

  it('drain waits for the statement in flight', async () => {
    const { calls, query } = fakeQuery()
    const a = createAnnouncer(query, 0)
    void a.add(visits('a1', 'team-a'))
    let drained = false
    const d = a.drain().then(() => {
      drained = true
    })
    await flush()
    expect(drained).toBe(false)
    calls[0]!.answer()
    await d
    expect(drained).toBe(true)
  })
})

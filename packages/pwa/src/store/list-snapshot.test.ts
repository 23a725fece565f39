import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { computeInsights } from '../worker/compute-insights.ts'
import { smallSnapshot } from '../worker/snapshot.test-helpers.ts'
import {
  clearListSnapshots,
  keepListSnapshot,
  type ListCustomer,
  readListSnapshot,
  writeListSnapshot,
} from './list-snapshot.ts'

/** A Map-backed localStorage; `limit` (characters) makes setItem fail as a full quota does. */
function memoryStorage(limit = Number.POSITIVE_INFINITY) {
  const data = new Map<string, string>()
  const storage = {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => {
      if (v.length > limit) throw new DOMException('quota', 'QuotaExceededError')
      data.set(k, v)
    },
    removeItem: (k: string) => void data.delete(k),
    clear: () => data.clear(),
    key: (i: number) => [...data.keys()][i] ?? null,
    get length() {
      return data.size
    },
  }
  // Object.keys(localStorage) lists the stored keys, as in a browser.
  return new Proxy(storage, {
    ownKeys: () => [...data.keys()],
    getOwnPropertyDescriptor: (_t, k) =>
      typeof k === 'string' && data.has(k)
        ? { enumerable: true, configurable: true, value: data.get(k) }
        : undefined,
  })
}

const customer = (id: string, name: string): ListCustomer & { notes: string } => ({
  id,
  name,
  searchKeys: [name, 'pinyin'],
  address: '人民路 1 号',
  phone: '13800000000',
  city: '成都',
  location: { lat: 30.6123456789, lng: 104.1 },
  status: 'customer',
  notes: 'not for the list',
})

describe('customer list snapshot', () => {
  beforeEach(() => {
    vi.stubGlobal('localStorage', memoryStorage())
    vi.stubGlobal('performance', { mark: () => {} })
  })
  afterEach(() => vi.unstubAllGlobals())

  it('keeps only the fields the list shows and searches (the name once), per user', () => {
    writeListSnapshot('u-rep-1', [customer('c1', '张三便利店')])
    writeListSnapshot('u-rep-2', [customer('c2', '李四超市'), customer('c3', '王五商行')])
    expect(readListSnapshot('u-rep-1')?.customers).toEqual([
      {
        id: 'c1',
        name: '张三便利店',
        searchKeys: ['pinyin'],
        address: '人民路 1 号',
        phone: '13800000000',
        city: '成都',
        location: { lat: 30.612346, lng: 104.1 },
        status: 'customer',
      },
    ])
    expect(readListSnapshot('u-rep-1')?.insights).toEqual({})
    expect(readListSnapshot('u-rep-2')?.customers.map((c) => c.id)).toEqual(['c2', 'c3'])
    writeListSnapshot('u-rep-3', [{ ...customer('c4', '赵六'), phone: undefined, location: null }])
    expect(readListSnapshot('u-rep-3')?.customers[0]).not.toHaveProperty('phone')
    expect(readListSnapshot('u-rep-3')?.customers[0]?.location).toBeNull()
    expect(readListSnapshot('u-rep-4')).toBeNull()
  })

  it('keeps the worker’s ranking and labels, and counts days overdue again on the day it is read', () => {
    const data = smallSnapshot()
    const { byCustomer } = computeInsights(data)
    const listed = data.customers.map((c) => ({ ...c, searchKeys: [c.name] }))
    writeListSnapshot('u-rep-1', listed, byCustomer)

    const sameDay = readListSnapshot('u-rep-1', data.clock.today)!
    expect(Object.keys(sameDay.insights).sort()).toEqual(Object.keys(byCustomer).sort())
    for (const [id, i] of Object.entries(byCustomer)) {
      expect(sameDay.insights[id]).toEqual({
        tier: i.tier,
        segment: i.segment,
        segmentLabel: i.segmentLabel,
        lifecycle: i.lifecycle,
        lifecycleLabel: i.lifecycleLabel,
        tags: i.tags,
        priority: expect.closeTo(i.priority, 2),
        daysOverdue: i.daysOverdue,
        cluster: i.cluster,
        clusterLabel: i.clusterLabel,
      })
    }
    // A week later: customers visited before are a week more overdue; one never visited is due today.
    const weekLater = readListSnapshot('u-rep-1', '2026-03-11')!
    expect(weekLater.insights.c4!.daysOverdue).toBe(byCustomer.c4!.daysOverdue + 7)
    expect(byCustomer.c2!.kpis.lastVisitAt).toBeNull()
    expect(weekLater.insights.c2!.daysOverdue).toBe(0)
  })

  it('never returns a record that names another user, nor a damaged one', () => {
    writeListSnapshot('u-rep-2', [customer('c2', '李四超市')])
    localStorage.setItem(
      'outrider.listSnapshot.u-rep-1',
      localStorage.getItem('outrider.listSnapshot.u-rep-2')!,
    )
    expect(readListSnapshot('u-rep-1')).toBeNull()
    localStorage.setItem('outrider.listSnapshot.u-rep-2', '{not json')
    expect(readListSnapshot('u-rep-2')).toBeNull()
  })

  it('sign-out clears every user’s snapshot and nothing else', () => {
    localStorage.setItem('outrider.lang', 'en')
    writeListSnapshot('u-rep-1', [customer('c1', '张三便利店')])
    writeListSnapshot('u-rep-2', [customer('c2', '李四超市')])
    clearListSnapshots()
    expect(readListSnapshot('u-rep-1')).toBeNull()
    expect(readListSnapshot('u-rep-2')).toBeNull()
    expect(localStorage.getItem('outrider.lang')).toBe('en')
  })

  it('sign-out while a rewrite is scheduled: the list does not come back', async () => {
    vi.useFakeTimers()
    try {
      vi.stubGlobal('window', {})
      const changes = new Set<() => void>()
      const docs = [customer('c1', '张三便利店')].map((c) => ({ toJSON: () => c }))
      // The keeper reads only the customers' change stream and a query of them.
      const db = {
        customers: {
          $: {
            subscribe: (fn: () => void) => {
              changes.add(fn)
              return { unsubscribe: () => changes.delete(fn) }
            },
          },
          find: () => ({ exec: async () => docs }),
        },
      } as never
      keepListSnapshot(db, 'u-rep-1')
      for (const changed of changes) changed()
      await vi.advanceTimersByTimeAsync(5000)
      expect(readListSnapshot('u-rep-1')?.customers).toHaveLength(1)

      for (const changed of changes) changed()
      clearListSnapshots()
      await vi.advanceTimersByTimeAsync(5000)
      expect(readListSnapshot('u-rep-1')).toBeNull()
    } finally {
      vi.useRealTimers()
    }
  })

  it('a list too large for the quota leaves no snapshot rather than an old one', () => {
    vi.stubGlobal('localStorage', memoryStorage(2000))
    writeListSnapshot('u-rep-1', [customer('c1', '张三便利店')])
    expect(readListSnapshot('u-rep-1')?.customers).toHaveLength(1)
    writeListSnapshot(
      'u-rep-1',
      Array.from({ length: 50 }, (_, i) => customer(`c${i}`, `客户${i}`)),
    )
    expect(readListSnapshot('u-rep-1')).toBeNull()
  })
})

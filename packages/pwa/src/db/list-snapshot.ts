import type { ListCustomer } from '../features/customers/filter-customers.ts'
import { afterFirstScreen } from '../platform/first-screen.ts'
import type { OutriderDb } from './database.ts'

/**
 * A compact copy of the signed-in rep's customer list (only what the list shows and searches), so a
 * cold start can show the list before RxDB has opened. Kept in localStorage, one key per user, read only
 * for that user (the key and the record both name them); every copy is dropped on sign-out. It is read
 * synchronously at start-up (localStorage is loaded for the session anyway) and is never written back to
 * or merged with RxDB: the live query replaces it as soon as the local database is open. About 250
 * characters a customer: a territory too large for the origin's quota simply has no snapshot.
 */
const PREFIX = 'outrider.listSnapshot.'
const FORMAT = 2

/**
 * One customer as stored: a tuple (parsing 2,000 of them at start-up is markedly cheaper than objects),
 * search keys without the name (the list searches the name anyway), the location to six decimals.
 */
type Row = [
  id: string,
  name: string,
  searchKeys: string[],
  address: string,
  phone: string | null,
  city: string,
  lat: number | null,
  lng: number | null,
  status: ListCustomer['status'],
]
type Stored = { userId: string; format: number; savedAt: string; rows: Row[] }

const round6 = (x: number) => Math.round(x * 1e6) / 1e6

function toRow(c: ListCustomer): Row {
  return [
    c.id,
    c.name,
    c.searchKeys.filter((k) => k !== c.name),
    c.address,
    c.phone ?? null,
    c.city,
    c.location ? round6(c.location.lat) : null,
    c.location ? round6(c.location.lng) : null,
    c.status,
  ]
}

function fromRow([id, name, searchKeys, address, phone, city, lat, lng, status]: Row): ListCustomer {
  return {
    id,
    name,
    searchKeys,
    address,
    ...(phone === null ? {} : { phone }),
    city,
    location: lat === null || lng === null ? null : { lat, lng },
    status,
  }
}

export function readListSnapshot(userId: string): ListCustomer[] | null {
  try {
    const stored = JSON.parse(localStorage.getItem(PREFIX + userId) ?? 'null') as Stored | null
    if (!stored || stored.userId !== userId || stored.format !== FORMAT || !Array.isArray(stored.rows))
      return null
    return stored.rows.map(fromRow)
  } catch {
    return null
  }
}

export function writeListSnapshot(userId: string, customers: readonly ListCustomer[]): void {
  const record: Stored = {
    userId,
    format: FORMAT,
    savedAt: new Date().toISOString(),
    rows: customers.map(toRow),
  }
  try {
    localStorage.setItem(PREFIX + userId, JSON.stringify(record))
  } catch {
    // Over the quota: no snapshot rather than a stale one.
    localStorage.removeItem(PREFIX + userId)
  }
}

/** Drops every user's snapshot (sign-out). */
export function clearListSnapshots(): void {
  for (const key of Object.keys(localStorage)) if (key.startsWith(PREFIX)) localStorage.removeItem(key)
}

const loaded = new Map<string, ListCustomer[] | null>()

/** The user's snapshot, read once per start (the first call pays the parse). */
export function listSnapshot(userId: string): ListCustomer[] | null {
  if (!loaded.has(userId)) {
    loaded.set(userId, readListSnapshot(userId))
    performance.mark('outrider:snapshot-read')
  }
  return loaded.get(userId) ?? null
}

const WRITE_DEBOUNCE_MS = 2000

/**
 * Keeps the user's snapshot current: rewritten a while after the customers collection last changed
 * (here, in another tab, or by replication), and once after each start when the browser is idle.
 * Returns a stop function.
 */
export function keepListSnapshot(db: OutriderDb, userId: string): () => void {
  let stopped = false
  let timer: ReturnType<typeof setTimeout> | undefined
  const write = async () => {
    if (stopped) return
    const docs = await db.customers.find({ selector: { deleted: { $ne: true } } }).exec()
    if (stopped) return
    // Stored in the list's order before insights arrive (by name), so sorting it at start-up is cheap.
    const collator = new Intl.Collator('zh-CN')
    const rows = docs
      .map((d) => d.toJSON() as unknown as ListCustomer)
      .sort((a, b) => collator.compare(a.name, b.name))
    writeListSnapshot(userId, rows)
  }
  const schedule = () => {
    clearTimeout(timer)
    timer = setTimeout(() => whenIdle(() => void write().catch(() => {})), WRITE_DEBOUNCE_MS)
  }
  const sub = db.customers.$.subscribe(schedule)
  afterFirstScreen(schedule)
  return () => {
    stopped = true
    clearTimeout(timer)
    sub.unsubscribe()
  }
}

function whenIdle(fn: () => void) {
  if ('requestIdleCallback' in window) requestIdleCallback(fn, { timeout: 2000 })
  else setTimeout(fn, 0)
}

import type { Customer } from '@outrider/domain'
import type { DeepReadonly } from 'rxdb'
import { afterFirstScreen } from '../platform/first-screen.ts'
import { logFailure } from '../platform/log-failure.ts'
import { clockNow } from '../shared/organisation-clock.ts'
import type { Bilingual, CustomerInsight } from '../worker/insights-types.ts'
import type { OutriderDb } from './device-db.ts'

/** What the list shows, searches and ranks by of a customer (a start-up snapshot keeps just this). */
export type ListCustomer = Pick<
  Customer,
  'id' | 'name' | 'searchKeys' | 'address' | 'phone' | 'city' | 'location' | 'status'
> &
  // The live list filters by custom fields; the start-up snapshot does not keep them.
  Partial<Pick<Customer, 'customFields'>>

/** The fields of a stored customer the list keeps (copies: RxDB's documents are frozen and shared). */
export function listCustomerOf(c: DeepReadonly<Customer>): ListCustomer {
  return {
    id: c.id,
    name: c.name,
    searchKeys: [...c.searchKeys],
    address: c.address,
    city: c.city,
    location: c.location === null ? null : { lat: c.location.lat, lng: c.location.lng },
    status: c.status,
    ...(c.phone === undefined ? {} : { phone: c.phone }),
    // Documents stored before custom fields existed have none.
    ...(Object.keys(c.customFields ?? {}).length === 0 ? {} : { customFields: { ...c.customFields } }),
  }
}

/** What the list shows, filters and ranks by of a customer's insight (a start-up snapshot keeps just this). */
export type ListInsight = Pick<
  CustomerInsight,
  | 'tier'
  | 'segment'
  | 'segmentLabel'
  | 'lifecycle'
  | 'lifecycleLabel'
  | 'tags'
  | 'priority'
  | 'daysOverdue'
  | 'cluster'
  | 'clusterLabel'
>

/**
 * A compact copy of the signed-in rep's customer list (only what the list shows, searches, filters and
 * ranks by), so a cold start can show the list as the rep left it (same order, same badges, filters
 * working) before RxDB has opened and the worker has analysed anything. Kept in localStorage, one key
 * per user, read only for that user (the key and the record both name them); every copy is dropped on
 * sign-out. It is read synchronously at start-up (localStorage is loaded for the session anyway) and is
 * never written back to or merged with RxDB: the live query and the worker's insights replace it as
 * soon as they are there. About 300 characters a customer: a territory too large for the origin's
 * quota simply has no snapshot.
 */
const PREFIX = 'outrider.listSnapshot.'
const FORMAT = 3

/**
 * What the worker last said of a customer, as far as the list uses it: tier, segment, lifecycle, tag
 * keys (labels once per snapshot), priority, and the due date (null when due whenever it is opened: a
 * customer never visited), from which the days overdue are counted again on the day it is read.
 */
type InsightRow = [
  tier: CustomerInsight['tier'],
  segment: string | null,
  lifecycle: string,
  tags: string[],
  priority: number,
  due: string | null,
  /** The cluster's id; absent in snapshots written before clusters, its index in those before cluster ids. */
  cluster?: string | number | null,
]

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
  insight: InsightRow | null,
]
/** Labels by kind and key: `s` segments, `l` lifecycle stages, `t` tags, `c` clusters (absent in older snapshots). */
type Labels = Record<'s' | 'l' | 't', Record<string, Bilingual>> & { c?: Record<string, Bilingual> }
type Stored = { userId: string; format: number; savedAt: string; labels: Labels; rows: Row[] }

export type ListSnapshot = {
  customers: ListCustomer[]
  /** The worker's last word on each customer it had analysed; empty when it had not answered yet. */
  insights: Record<string, ListInsight>
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6
const DAY_MS = 86_400_000
const dayNumber = (isoDate: string) => Math.floor(Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`) / DAY_MS)

function toInsightRow(i: CustomerInsight, labels: Labels): InsightRow {
  if (i.segment && i.segmentLabel) labels.s[i.segment] = i.segmentLabel
  labels.l[i.lifecycle] = i.lifecycleLabel
  for (const t of i.tags) labels.t[t.key] = t.label
  if (i.cluster !== null && i.clusterLabel) {
    labels.c ??= {}
    labels.c[i.cluster] = i.clusterLabel
  }
  return [
    i.tier,
    i.segment,
    i.lifecycle,
    i.tags.map((t) => t.key),
    Math.round(i.priority * 100) / 100,
    i.kpis.lastVisitAt === null ? null : i.nextDueDate,
    i.cluster,
  ]
}

function toRow(c: ListCustomer, insight: CustomerInsight | undefined, labels: Labels): Row {
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
    insight ? toInsightRow(insight, labels) : null,
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

const unlabelled = (key: string): Bilingual => ({ en: key, zh: key })

function fromInsightRow(
  [tier, segment, lifecycle, tags, priority, due, stored = null]: InsightRow,
  labels: Labels,
  today: number,
): ListInsight {
  // An index (written before clusters had ids) is the id a model saved before ids gives that cluster.
  const cluster = stored === null ? null : String(stored)
  return {
    tier,
    segment,
    segmentLabel: segment === null ? null : (labels.s[segment] ?? unlabelled(segment)),
    lifecycle,
    lifecycleLabel: labels.l[lifecycle] ?? unlabelled(lifecycle),
    tags: tags.map((key) => ({ key, label: labels.t[key] ?? unlabelled(key) })),
    priority,
    daysOverdue: due === null ? 0 : today - dayNumber(due),
    cluster,
    clusterLabel: cluster === null ? null : (labels.c?.[cluster] ?? null),
  }
}

/**
 * Whether a stored value is a snapshot's envelope. Only this device wrote it, and the format number
 * says how its rows are laid out, so the rows are read as that format lays them out.
 */
function isStored(v: unknown): v is Stored {
  if (typeof v !== 'object' || v === null) return false
  const o: Record<string, unknown> = { ...v }
  return (
    typeof o.userId === 'string' &&
    typeof o.format === 'number' &&
    typeof o.labels === 'object' &&
    o.labels !== null &&
    Array.isArray(o.rows)
  )
}

export function readListSnapshot(userId: string, today = clockNow().today): ListSnapshot | null {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(PREFIX + userId) ?? 'null')
    if (!isStored(stored) || stored.userId !== userId || stored.format !== FORMAT) return null
    const day = dayNumber(today)
    const insights: Record<string, ListInsight> = {}
    const customers = stored.rows.map((row) => {
      if (row[9]) insights[row[0]] = fromInsightRow(row[9], stored.labels, day)
      return fromRow(row)
    })
    return { customers, insights }
  } catch (err) {
    // A damaged snapshot only costs the early list: the live query shows the rows a moment later.
    logFailure('the saved customer list is unreadable; waiting for the local database')(err)
    return null
  }
}

/** Saves the user's list: their customers, with what the worker last said of each (when it has). */
export function writeListSnapshot(
  userId: string,
  customers: readonly ListCustomer[],
  insights: Readonly<Record<string, CustomerInsight>> = {},
): void {
  const labels: Labels = { s: {}, l: {}, t: {} }
  const record: Stored = {
    userId,
    format: FORMAT,
    savedAt: new Date().toISOString(),
    labels,
    rows: customers.map((c) => toRow(c, insights[c.id], labels)),
  }
  try {
    localStorage.setItem(PREFIX + userId, JSON.stringify(record))
  } catch {
    // Over the quota: no snapshot rather than a stale one.
    localStorage.removeItem(PREFIX + userId)
  }
}

/** The keepers running in this page: sign-out stops them before dropping the snapshots. */
const keepers = new Set<ListSnapshotKeeper>()

/**
 * Drops every user's snapshot (sign-out). The running keepers stop first: a write already
 * scheduled would otherwise put the list back while the sign-out is still telling the server.
 */
export function clearListSnapshots(): void {
  for (const keeper of keepers) keeper.stop()
  for (const key of Object.keys(localStorage)) if (key.startsWith(PREFIX)) localStorage.removeItem(key)
}

const loaded = new Map<string, ListSnapshot | null>()

/** The user's snapshot, read once per start (the first call pays the parse). */
export function listSnapshot(userId: string): ListSnapshot | null {
  if (!loaded.has(userId)) {
    loaded.set(userId, readListSnapshot(userId))
    performance.mark('outrider:snapshot-read')
  }
  return loaded.get(userId) ?? null
}

const WRITE_DEBOUNCE_MS = 2000

export type ListSnapshotKeeper = {
  /** The worker's latest analysis: saved with the customers at the next write. */
  insights(byCustomer: Readonly<Record<string, CustomerInsight>>): void
  stop(): void
}

/**
 * Keeps the user's snapshot current: rewritten a while after the customers collection last changed
 * (here, in another tab, or by replication) or the worker's analysis did, and once after each start
 * when the browser is idle. Rows are saved in the list's default order (priority, then name), so
 * sorting them again at start-up is cheap.
 */
export function keepListSnapshot(db: OutriderDb, userId: string): ListSnapshotKeeper {
  let stopped = false
  let timer: ReturnType<typeof setTimeout> | undefined
  let analysis: Readonly<Record<string, CustomerInsight>> = {}
  const write = async () => {
    if (stopped) return
    const docs = await db.customers.find({ selector: { deleted: { $ne: true } } }).exec()
    if (stopped) return
    const collator = new Intl.Collator('zh-CN')
    const priority = (c: ListCustomer) => analysis[c.id]?.priority ?? -1
    const rows = docs
      .map((d) => listCustomerOf(d.toJSON()))
      .sort((a, b) => priority(b) - priority(a) || collator.compare(a.name, b.name))
    writeListSnapshot(userId, rows, analysis)
  }
  const schedule = () => {
    clearTimeout(timer)
    timer = setTimeout(
      () =>
        whenIdle(
          () => void write().catch(logFailure('list snapshot not written; the next change rewrites it')),
        ),
      WRITE_DEBOUNCE_MS,
    )
  }
  const sub = db.customers.$.subscribe(schedule)
  afterFirstScreen(schedule)
  const keeper: ListSnapshotKeeper = {
    insights(byCustomer) {
      analysis = byCustomer
      schedule()
    },
    stop() {
      stopped = true
      clearTimeout(timer)
      sub.unsubscribe()
      keepers.delete(keeper)
    },
  }
  keepers.add(keeper)
  return keeper
}

function whenIdle(fn: () => void) {
  if ('requestIdleCallback' in window) requestIdleCallback(fn, { timeout: 2000 })
  else setTimeout(fn, 0)
}

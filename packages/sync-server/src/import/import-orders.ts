import { createHash } from 'node:crypto'
import {
  type ColumnMapping,
  DEFAULT_TIME_ZONE,
  type Order,
  type OrderLine,
  orderSchema,
  type TextEncoding,
} from '@outrider/domain'
import type pg from 'pg'
import { currentPolicy } from '../classification/population-thresholds.ts'
import type { Database } from '../db/database.ts'
import { documentsRepo } from '../repositories/documents-repo.ts'
import type { ChangeNotice } from '../sync/change-bus.ts'
import { columnReader, readMappedPieces } from './column-mapping.ts'
import { auditImport } from './import-audit.ts'
import type { ImportOutcome, InTx } from './import-customers.ts'
import { saveMapping } from './import-mappings.ts'
import {
  type ImportActor,
  type ImportDuplicate,
  type ImportError,
  type ImportOptions,
  type ImportReport,
  lineError,
  progressReporter,
} from './import-report.ts'
import { parsePrice } from './number-cells.ts'
import { parseOrderDate } from './order-date.ts'
import { takeTurns } from './take-turns.ts'

export type OrderImportRequest = {
  csv: string
  columns: ColumnMapping
  source?: string
  /** How the file's bytes were decoded, for the report. */
  encoding?: TextEncoding
}

type CustomerRef = { id: string; name: string; ownerRepId: string | null; teamId: string | null }
type OrderLineRow = { line: number; key: string; customer: CustomerRef; orderedAt: string; item: OrderLine }

const hashId = (text: string) => `oi-${createHash('sha256').update(text).digest('hex').slice(0, 24)}`
const ID = /^[A-Za-z0-9_.:-]{1,64}$/
/** The domain's limit on lines per order. */
const MAX_LINES = 200

/** Lines checked between two looks at whether the event loop is due a turn. */
const SLICE = 1000
/** Orders built (checked against the schema) and written at a time, then the event loop's turn. */
const WRITE_SLICE = 250

/**
 * Order history from a file: lines grouped into orders by the order column, each order's customer
 * matched by id or exact name among the actor's customers. Order ids derive from customer and order
 * number, so importing the same file twice adds nothing (repeats are reported as duplicates). The
 * file is read and checked a piece at a time (only the good lines' items are kept, never the file's
 * rows) and orders written a slice at a time, other requests answered between.
 */
export async function importOrders(
  db: Database,
  actor: ImportActor,
  request: OrderImportRequest,
  options: ImportOptions,
  inTx: InTx = async () => {},
  nowMs = Date.now(),
): Promise<ImportOutcome> {
  const progress = progressReporter(options)
  const turn = takeTurns()
  const lookups = {
    ...(await loadCustomers(db, actor)),
    products: await loadProducts(db),
    // A date without a time is that calendar day in the organisation's zone (its policy's).
    timeZone: (await currentPolicy(db.pool)).timeZone ?? DEFAULT_TIME_ZONE,
  }
  // The file read a piece at a time: only each good line's customer and item are kept.
  const checker = orderLineChecker(lookups)
  let rows = 0
  const { lines } = await readMappedPieces('orders', request, async (piece, read, total) => {
    const cell = columnReader(piece.header, request.columns)
    for (const m of piece.malformed) checker.errors.push(lineError(m.line, 'row', m.reason, m.zh))
    for (const [i, { line, cells }] of piece.rows.entries()) {
      if (i % SLICE === 0) await turn()
      checker.check(line, (role) => cell(cells, role))
    }
    rows += piece.rows.length
    progress({ phase: 'read', done: read, total })
  })
  progress({ phase: 'check', done: rows, total: rows })
  const errors = checker.errors.sort((a, b) => a.line - b.line)
  const good = checker.good
  const groups = groupIntoOrders(good)
  const already = await storedOrderIds(db, [...groups.keys()].map(hashId))
  const report = orderReport(request, lines, options, errors, good.length, alreadyImported(groups, already))
  if (options.dryRun) return { report, notice: null }
  // Orders not stored yet, by key: their documents are built a slice at a time as they are written.
  const keys = report.blocked ? [] : [...groups.keys()].filter((key) => !already.has(hashId(key)))
  return db.tx(async (client) => {
    if (request.source) await saveMapping(client, request.source, 'orders', request.columns)
    if (keys.length === 0) return { report, notice: null }
    const build = (key: string) => buildOrder(key, groups.get(key)!, actor, new Date(nowMs).toISOString())
    const { imported, notice } = await writeOrders(client, keys, build, good, { progress, turn })
    if (imported === 0) return { report, notice: null }
    await auditImport(client, actor, 'orders', request.source, report, imported)
    await inTx(client, notice)
    return { report: { ...report, imported }, notice }
  })
}

type Lookups = Awaited<ReturnType<typeof loadCustomers>> & {
  products: Awaited<ReturnType<typeof loadProducts>>
  timeZone: string
}
type Pacing = { progress: ReturnType<typeof progressReporter>; turn: ReturnType<typeof takeTurns> }

/**
 * Lines checked one by one (customer, order number, date, quantity, price; an order keeps one
 * customer and date and at most `MAX_LINES` lines): the problems, and the good lines with their
 * customer and item.
 */
function orderLineChecker(lookups: Lookups) {
  const errors: ImportError[] = []
  const good: OrderLineRow[] = []
  const firstOf = new Map<string, OrderLineRow>()
  const sizes = new Map<string, number>()
  const check = (line: number, get: (role: string) => string) => {
    const bad = (field: string, reason: string, zh: string) => errors.push(lineError(line, field, reason, zh))
    const row = readOrderLine(line, get, lookups, bad)
    if (!row) return
    const order = row.order
    const first = firstOf.get(order)
    if (first && (first.customer.id !== row.customer.id || first.orderedAt !== row.orderedAt)) {
      bad(
        'order',
        `order ${order} already has another customer or date on line ${first.line}`,
        `订单 ${order} 在第 ${first.line} 行的客户或日期不同`,
      )
      return
    }
    if (!first) firstOf.set(order, row)
    const size = (sizes.get(order) ?? 0) + 1
    sizes.set(order, size)
    if (size > MAX_LINES) {
      bad('order', `order ${order} has more than ${MAX_LINES} lines`, `订单 ${order} 超过 ${MAX_LINES} 行`)
      return
    }
    good.push(row)
  }
  return { errors, good, check }
}

/** One line's cells checked on their own; null (with its problems reported) when it cannot be used. */
function readOrderLine(
  line: number,
  get: (role: string) => string,
  { byId, byName, products, timeZone }: Lookups,
  bad: (field: string, reason: string, zh: string) => void,
): (OrderLineRow & { order: string }) | null {
  let ok = true
  const fail = (field: string, reason: string, zh: string) => {
    ok = false
    bad(field, reason, zh)
  }
  const who = get('customer')
  const named = byName.get(who) ?? []
  const customer = byId.get(who) ?? (named.length === 1 ? named[0] : undefined)
  if (who === '') fail('customer', 'customer is missing', '缺少客户')
  else if (named.length > 1 && !byId.has(who))
    fail(
      'customer',
      `"${who}" names ${named.length} customers; use the customer id`,
      `“${who}”对应多个客户，请使用客户编号`,
    )
  else if (!customer) fail('customer', `unknown customer "${who}"`, `未知客户“${who}”`)
  const order = get('order')
  if (order === '') fail('order', 'order number is missing', '缺少订单号')
  const orderedAt = parseOrderDate(get('date'), timeZone)
  if (orderedAt === null)
    fail('date', `"${get('date')}" is not a date (YYYY-MM-DD)`, `“${get('date')}”不是有效日期（YYYY-MM-DD）`)
  const quantity = Number(get('quantity').normalize('NFKC'))
  if (get('quantity') === '' || !Number.isFinite(quantity) || quantity <= 0 || quantity > 1e7)
    fail(
      'quantity',
      `quantity "${get('quantity')}" must be a positive number`,
      `数量“${get('quantity')}”必须为正数`,
    )
  const price = parsePrice(get('price'))
  if (!Number.isFinite(price) || price < 0 || price > 1e9)
    fail('price', `price "${get('price')}" must be a number ≥ 0`, `单价“${get('price')}”必须为非负数`)
  if (!ok || !customer || orderedAt === null) return null

  const sku = get('sku')
  const productName = get('product')
  const product = products.get(sku) ?? products.get(productName)
  return {
    line,
    order,
    key: `${customer.id}|${order}`,
    customer,
    orderedAt,
    item: {
      productId: product?.id ?? (ID.test(sku) ? sku : hashId(`product|${sku}|${productName}`)),
      name: (productName || product?.name || sku || '商品').slice(0, 200),
      quantity,
      unitPrice: price,
    },
  }
}

/** Good lines by order (customer and order number), in file order. */
function groupIntoOrders(good: readonly OrderLineRow[]): Map<string, OrderLineRow[]> {
  const groups = new Map<string, OrderLineRow[]>()
  for (const r of good) {
    const group = groups.get(r.key)
    if (group) group.push(r)
    else groups.set(r.key, [r])
  }
  return groups
}

/** Which of these order ids are stored already (an earlier import of the same file). */
async function storedOrderIds(db: Database, ids: string[]): Promise<Set<string>> {
  const { rows } = await db.pool.query<{ id: string }>('SELECT id FROM orders WHERE id = ANY($1::text[])', [
    ids,
  ])
  return new Set(rows.map((r) => r.id))
}

/** Every line of an order imported before, reported as an exact duplicate to skip. */
function alreadyImported(groups: ReadonlyMap<string, OrderLineRow[]>, already: ReadonlySet<string>) {
  const duplicates: ImportDuplicate[] = []
  for (const [key, rows] of groups) {
    const id = hashId(key)
    if (!already.has(id)) continue
    for (const r of rows)
      duplicates.push({
        line: r.line,
        matches: [id],
        evidence: [{ match: id, score: 1, en: 'Order already imported', zh: '订单已导入' }],
        kind: 'exact',
        valid: true,
        action: { action: 'skip' },
      })
  }
  return duplicates.sort((a, b) => a.line - b.line)
}

/** The report of the preview and of the import alike (order lines, not orders). */
function orderReport(
  request: OrderImportRequest,
  lines: number,
  options: ImportOptions,
  errors: ImportError[],
  valid: number,
  duplicates: ImportDuplicate[],
): ImportReport {
  return {
    encoding: request.encoding ?? 'utf-8',
    rows: lines,
    valid,
    errors,
    duplicates,
    // Already imported lines are skipped; every other valid line is written.
    counts: {
      insert: valid - duplicates.length,
      merge: 0,
      skip: duplicates.length,
      review: 0,
      invalid: new Set(errors.map((e) => e.line)).size,
    },
    blocked: errors.length > 0 && !options.skipInvalid,
    imported: 0,
  }
}

/** One order's document from its lines, or null when it does not make a valid order. */
function buildOrder(
  key: string,
  rows: readonly OrderLineRow[],
  actor: ImportActor,
  now: string,
): Order | null {
  const id = hashId(key)
  const first = rows[0]!
  const doc = orderSchema.safeParse({
    id,
    createdAt: now,
    updatedAt: now,
    serverUpdatedAt: now,
    revisionOf: id,
    revision: 1,
    ...(actor.userId ? { authorId: actor.userId } : {}),
    receivedAt: now,
    customerId: first.customer.id,
    ownerRepId: first.customer.ownerRepId,
    visitId: null,
    orderedAt: first.orderedAt,
    status: 'placed',
    lines: rows.map((r) => r.item),
  })
  return doc.success ? doc.data : null
}

/**
 * The orders inserted a slice at a time, filed under their customer's rep and team; each slice's
 * documents are built just before it is written, so only one slice of documents is held at a time.
 */
async function writeOrders(
  client: pg.PoolClient,
  keys: readonly string[],
  build: (key: string) => Order | null,
  good: readonly OrderLineRow[],
  { progress, turn }: Pacing,
): Promise<{ imported: number; notice: ChangeNotice }> {
  const scope = new Map(
    good.map((r) => [r.customer.id, { owner_rep_id: r.customer.ownerRepId, team_id: r.customer.teamId }]),
  )
  const owners = new Set<string>()
  let imported = 0
  for (let i = 0; i < keys.length; i += WRITE_SLICE) {
    const orders = keys.slice(i, i + WRITE_SLICE).flatMap((key) => build(key) ?? [])
    await documentsRepo.insertMany(client, 'orders', orders, (d) => scope.get(String(d.customerId)) ?? {})
    for (const o of orders) {
      imported += o.lines.length
      if (o.ownerRepId) owners.add(o.ownerRepId)
    }
    progress({ phase: 'write', done: Math.min(keys.length, i + WRITE_SLICE), total: keys.length })
    await turn()
  }
  return {
    imported,
    notice: {
      collections: ['orders'],
      owners: [...owners],
      teams: [...new Set([...scope.values()].map((s) => s.team_id).filter((t): t is string => !!t))],
      broadcast: false,
    },
  }
}

async function loadCustomers(db: Database, actor: ImportActor) {
  const teamOnly = actor.role === 'supervisor'
  const { rows } = await db.pool.query<{
    id: string
    name: string
    owner_rep_id: string | null
    team_id: string | null
  }>(
    `SELECT id, name, owner_rep_id, team_id FROM customers
      WHERE NOT deleted AND doc->>'mergedInto' IS NULL ${teamOnly ? 'AND team_id = $1' : ''}`,
    teamOnly ? [actor.teamId] : [],
  )
  const byId = new Map<string, CustomerRef>()
  const byName = new Map<string, CustomerRef[]>()
  for (const r of rows) {
    const ref = { id: r.id, name: r.name, ownerRepId: r.owner_rep_id, teamId: r.team_id }
    byId.set(r.id, ref)
    const same = byName.get(r.name.trim())
    if (same) same.push(ref)
    else byName.set(r.name.trim(), [ref])
  }
  return { byId, byName }
}

/** Products by id, SKU and name. */
async function loadProducts(db: Database) {
  const { rows } = await db.pool.query<{ id: string; doc: { sku?: string; name?: string } }>(
    'SELECT id, doc FROM products',
  )
  const out = new Map<string, { id: string; name: string }>()
  for (const r of rows) {
    const ref = { id: r.id, name: r.doc.name ?? r.id }
    for (const k of [r.id, r.doc.sku, r.doc.name]) if (k && !out.has(k)) out.set(k, ref)
  }
  return out
}

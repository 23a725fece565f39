import { createHash } from 'node:crypto'
import {
  type ColumnMapping,
  type Order,
  type OrderLine,
  orderSchema,
  type TextEncoding,
} from '@outrider/domain'
import type { Database } from '../db/database.ts'
import { documentsRepo } from '../repositories/documents-repo.ts'
import { columnReader, mappedTable } from './column-mapping.ts'
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
} from './import-report.ts'
import { parsePrice } from './number-cells.ts'
import { parseOrderDate } from './order-date.ts'

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

/**
 * Order history from a file: lines grouped into orders by the order column, each order's customer
 * matched by id or exact name among the actor's customers. Order ids derive from customer and order
 * number, so importing the same file twice adds nothing (repeats are reported as duplicates).
 */
export async function importOrders(
  db: Database,
  actor: ImportActor,
  request: OrderImportRequest,
  options: ImportOptions,
  inTx: InTx = async () => {},
  nowMs = Date.now(),
): Promise<ImportOutcome> {
  const table = mappedTable('orders', request)
  const cell = columnReader(table.header, request.columns)
  const { byId, byName } = await loadCustomers(db, actor)
  const products = await loadProducts(db)

  const errors: ImportError[] = table.malformed.map((m) => lineError(m.line, 'row', m.reason, m.zh))
  const good: OrderLineRow[] = []
  const firstOf = new Map<string, OrderLineRow>()
  const sizes = new Map<string, number>()
  for (const { line, cells } of table.rows) {
    const get = (role: string) => cell(cells, role)
    const before = errors.length
    const bad = (field: string, reason: string, zh: string) => errors.push(lineError(line, field, reason, zh))
    const who = get('customer')
    const named = byName.get(who) ?? []
    const customer = byId.get(who) ?? (named.length === 1 ? named[0] : undefined)
    if (who === '') bad('customer', 'customer is missing', '缺少客户')
    else if (named.length > 1 && !byId.has(who))
      bad(
        'customer',
        `"${who}" names ${named.length} customers; use the customer id`,
        `“${who}”对应多个客户，请使用客户编号`,
      )
    else if (!customer) bad('customer', `unknown customer "${who}"`, `未知客户“${who}”`)
    const order = get('order')
    if (order === '') bad('order', 'order number is missing', '缺少订单号')
    const orderedAt = parseOrderDate(get('date'))
    if (orderedAt === null)
      bad('date', `"${get('date')}" is not a date (YYYY-MM-DD)`, `“${get('date')}”不是有效日期（YYYY-MM-DD）`)
    const quantity = Number(get('quantity').normalize('NFKC'))
    if (get('quantity') === '' || !Number.isFinite(quantity) || quantity <= 0 || quantity > 1e7)
      bad(
        'quantity',
        `quantity "${get('quantity')}" must be a positive number`,
        `数量“${get('quantity')}”必须为正数`,
      )
    const price = parsePrice(get('price'))
    if (!Number.isFinite(price) || price < 0 || price > 1e9)
      bad('price', `price "${get('price')}" must be a number ≥ 0`, `单价“${get('price')}”必须为非负数`)
    if (errors.length > before || !customer || orderedAt === null) continue

    const sku = get('sku')
    const productName = get('product')
    const product = products.get(sku) ?? products.get(productName)
    const productId = product?.id ?? (ID.test(sku) ? sku : hashId(`product|${sku}|${productName}`))
    const row: OrderLineRow = {
      line,
      key: `${customer.id}|${order}`,
      customer,
      orderedAt,
      item: {
        productId,
        name: (productName || product?.name || sku || '商品').slice(0, 200),
        quantity,
        unitPrice: price,
      },
    }
    const first = firstOf.get(order)
    if (first && (first.customer.id !== customer.id || first.orderedAt !== orderedAt)) {
      bad(
        'order',
        `order ${order} already has another customer or date on line ${first.line}`,
        `订单 ${order} 在第 ${first.line} 行的客户或日期不同`,
      )
      continue
    }
    if (!first) firstOf.set(order, row)
    const size = (sizes.get(order) ?? 0) + 1
    sizes.set(order, size)
    if (size > MAX_LINES) {
      bad('order', `order ${order} has more than ${MAX_LINES} lines`, `订单 ${order} 超过 ${MAX_LINES} 行`)
      continue
    }
    good.push(row)
  }
  errors.sort((a, b) => a.line - b.line)

  const groups = new Map<string, OrderLineRow[]>()
  for (const r of good) {
    const group = groups.get(r.key)
    if (group) group.push(r)
    else groups.set(r.key, [r])
  }
  const ids = [...groups.keys()].map((k) => hashId(k))
  const { rows: stored } = await db.pool.query<{ id: string }>(
    'SELECT id FROM orders WHERE id = ANY($1::text[])',
    [ids],
  )
  const already = new Set(stored.map((r) => r.id))
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
  duplicates.sort((a, b) => a.line - b.line)

  const blocked = errors.length > 0 && !options.skipInvalid
  const report: ImportReport = {
    encoding: request.encoding ?? 'utf-8',
    rows: table.rows.length + table.malformed.length,
    valid: good.length,
    errors,
    duplicates,
    // Already imported lines are skipped; every other valid line is written (order lines, not orders).
    counts: {
      insert: good.length - duplicates.length,
      merge: 0,
      skip: duplicates.length,
      review: 0,
      invalid: new Set(errors.map((e) => e.line)).size,
    },
    blocked,
    imported: 0,
  }
  if (options.dryRun) return { report, notice: null }
  const now = new Date(nowMs).toISOString()
  const orders: Order[] = []
  if (!blocked) {
    for (const [key, rows] of groups) {
      const id = hashId(key)
      if (already.has(id)) continue
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
      if (doc.success) orders.push(doc.data)
    }
  }
  const imported = orders.reduce((n, o) => n + o.lines.length, 0)
  return db.tx(async (client) => {
    if (request.source) await saveMapping(client, request.source, 'orders', request.columns)
    if (orders.length === 0) return { report, notice: null }
    const scope = new Map(
      good.map((r) => [r.customer.id, { owner_rep_id: r.customer.ownerRepId, team_id: r.customer.teamId }]),
    )
    await documentsRepo.insertMany(client, 'orders', orders, (d) => scope.get(String(d.customerId)) ?? {})
    const notice = {
      collections: ['orders'],
      owners: [...new Set(orders.map((o) => o.ownerRepId).filter((o): o is string => !!o))],
      teams: [...new Set([...scope.values()].map((s) => s.team_id).filter((t): t is string => !!t))],
      broadcast: false,
    }
    await auditImport(client, actor, 'orders', request.source, report, imported)
    await inTx(client, notice)
    return { report: { ...report, imported }, notice }
  })
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

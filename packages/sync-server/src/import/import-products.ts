import { type ColumnMapping, type Product, productSchema, type TextEncoding } from '@outrider/domain'
import type { Database } from '../db/database.ts'
import { productIdFor, productsBySku } from '../products/products-repo.ts'
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
import { parseFlag, parsePrice } from './number-cells.ts'

export type ProductImportRequest = {
  csv: string
  columns: ColumnMapping
  source?: string
  encoding?: TextEncoding
}

type ProductLine = { line: number; input: Omit<Product, 'id' | 'createdAt' | 'updatedAt'> }

/** Checks one line; pushes its problems and returns the product fields when it has none. */
function readLine(line: number, get: (role: string) => string, errors: ImportError[]): ProductLine | null {
  const before = errors.length
  const bad = (field: string, reason: string, zh: string) => errors.push(lineError(line, field, reason, zh))
  const sku = get('sku')
  const name = get('name')
  if (sku === '') bad('sku', 'product code is missing', '缺少产品编码')
  else if (sku.length > 200)
    bad('sku', 'product code is longer than 200 characters', '产品编码超过 200 个字符')
  if (name === '') bad('name', 'product name is missing', '缺少产品名称')
  else if (name.length > 200)
    bad('name', 'product name is longer than 200 characters', '产品名称超过 200 个字符')
  const price = parsePrice(get('price'))
  if (!Number.isFinite(price) || price < 0 || price > 1e9)
    bad('price', `price "${get('price')}" must be a number ≥ 0`, `单价“${get('price')}”必须为非负数`)
  const active = parseFlag(get('active'))
  if (active === null)
    bad('active', `"${get('active')}" is not yes or no`, `“${get('active')}”应为“是”或“否”`)
  const category = get('category').slice(0, 200)
  const unit = get('unit').slice(0, 200)
  if (errors.length > before || active === null) return null
  return { line, input: { sku, name, category, unit, price, active } }
}

/**
 * A product catalogue from a file, checked line by line like customers: bad lines block the import
 * unless skipped; a code repeated in the file is an exact duplicate (skipped); a code already in the
 * catalogue updates that product (counted as merged).
 */
export async function importProducts(
  db: Database,
  actor: ImportActor,
  request: ProductImportRequest,
  options: ImportOptions,
  inTx: InTx = async () => {},
  nowMs = Date.now(),
): Promise<ImportOutcome> {
  const table = mappedTable('products', request)
  const cell = columnReader(table.header, request.columns)
  const stored = await productsBySku(db.pool)
  const errors: ImportError[] = table.malformed.map((m) => lineError(m.line, 'row', m.reason, m.zh))
  const good: ProductLine[] = []
  const duplicates: ImportDuplicate[] = []
  const firstLine = new Map<string, number>()
  for (const { line, cells } of table.rows) {
    const row = readLine(line, (role) => cell(cells, role), errors)
    if (!row) continue
    good.push(row)
    const key = row.input.sku.toLowerCase()
    const first = firstLine.get(key)
    if (first === undefined) firstLine.set(key, line)
    else
      duplicates.push({
        line,
        matches: [first],
        evidence: [{ match: first, score: 1, en: 'Same product code', zh: '产品编码相同' }],
        kind: 'exact',
        valid: true,
        action: { action: 'skip' },
      })
  }
  const skipped = new Set(duplicates.map((d) => d.line))
  const kept = good.filter((g) => !skipped.has(g.line))
  const updates = kept.filter((g) => stored.has(g.input.sku.toLowerCase())).length
  const blocked = errors.length > 0 && !options.skipInvalid
  const report: ImportReport = {
    encoding: request.encoding ?? 'utf-8',
    rows: table.rows.length + table.malformed.length,
    valid: good.length,
    errors,
    duplicates,
    counts: {
      insert: kept.length - updates,
      merge: updates,
      skip: duplicates.length,
      review: 0,
      invalid: new Set(errors.map((e) => e.line)).size,
    },
    blocked,
    imported: 0,
  }
  if (options.dryRun) return { report, notice: null }
  const now = new Date(nowMs).toISOString()
  const docs = blocked
    ? []
    : kept.map((g) => {
        const prior = stored.get(g.input.sku.toLowerCase())
        return productSchema.parse({
          ...g.input,
          id: prior?.id ?? productIdFor(g.input.sku),
          createdAt: prior?.createdAt ?? now,
          updatedAt: now,
          serverUpdatedAt: now,
        })
      })
  return db.tx(async (client) => {
    if (request.source) await saveMapping(client, request.source, 'products', request.columns)
    if (docs.length === 0) return { report, notice: null }
    await client.query('DELETE FROM products WHERE id = ANY($1::text[])', [docs.map((d) => d.id)])
    await documentsRepo.insertMany(client, 'products', docs)
    await auditImport(client, actor, 'products', request.source, report, docs.length)
    const notice = { collections: ['products'], owners: [], teams: [], broadcast: true }
    await inTx(client, notice)
    return { report: { ...report, imported: docs.length }, notice }
  })
}

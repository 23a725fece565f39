import { createHash } from 'node:crypto'
import { type Product, productSchema } from '@outrider/domain'
import type pg from 'pg'
import { type Actor, writeAudit } from '../people/audit-log.ts'
import { PeopleError } from '../people/people-error.ts'
import { documentsRepo } from '../repositories/documents-repo.ts'

type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient
export type ProductInput = Pick<Product, 'sku' | 'name' | 'category' | 'unit' | 'price' | 'active'>

/** A product's id from its code, so importing the same catalogue twice finds the same products. */
export const productIdFor = (sku: string) =>
  `prd-${createHash('sha256').update(sku.trim().toLowerCase()).digest('hex').slice(0, 20)}`

export async function listProducts(db: Queryable): Promise<Product[]> {
  const { rows } = await db.query<{ doc: Product }>("SELECT doc FROM products ORDER BY doc->>'sku', id")
  return rows.map((r) => r.doc)
}

/** Stored products by code (case-insensitive), for imports and the uniqueness check. */
export async function productsBySku(db: Queryable): Promise<Map<string, Product>> {
  const out = new Map<string, Product>()
  for (const p of await listProducts(db)) out.set(p.sku.trim().toLowerCase(), p)
  return out
}

/**
 * Creates (id null) or changes a catalogue product and records it in the audit log. A product code
 * names one product: another product with the same code is refused.
 */
export async function saveProduct(
  client: pg.PoolClient,
  actor: Actor,
  id: string | null,
  input: ProductInput,
  nowMs = Date.now(),
): Promise<Product> {
  const before = id
    ? (await client.query<{ doc: Product }>('SELECT doc FROM products WHERE id = $1 FOR UPDATE', [id]))
        .rows[0]?.doc
    : undefined
  if (id && !before) throw new PeopleError(404, 'E_NOT_FOUND', `no product ${id}`)
  const same = (await productsBySku(client)).get(input.sku.trim().toLowerCase())
  if (same && same.id !== id) throw new PeopleError(409, 'E_CONFLICT', `product code ${input.sku} is taken`)
  const now = new Date(nowMs).toISOString()
  const newId = id ?? productIdFor(input.sku)
  const parsed = productSchema.safeParse({
    ...input,
    id: newId,
    createdAt: before?.createdAt ?? now,
    updatedAt: now,
    serverUpdatedAt: now,
  })
  if (!parsed.success)
    throw new PeopleError(422, 'E_VALIDATION', parsed.error.issues[0]?.message ?? 'invalid')
  await documentsRepo.upsert(client, 'products', parsed.data)
  await writeAudit(client, actor, {
    action: id ? 'product.update' : 'product.create',
    targetType: 'product',
    targetId: newId,
    teamId: null,
    ...(before ? { before } : {}),
    after: parsed.data,
  })
  return parsed.data
}

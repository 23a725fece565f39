import { z } from 'zod'
import { reservedKeys } from '../model/common.ts'

/** What a file brings in; each kind has its own endpoint and roles. */
export const importKinds = ['customers', 'orders', 'products'] as const
export type ImportKind = (typeof importKinds)[number]

/**
 * Roles a customer file's columns can play; any other role name becomes a custom field. The import
 * page offers these, the server reads them: one list, so neither knows a role the other lacks.
 */
export const customerRoles = [
  'name',
  'phone',
  'address',
  'city',
  'district',
  'lat',
  'lng',
  'owner',
  'contact',
  'tags',
  'tier',
  'industry',
  'notes',
  'birthday',
] as const
export const orderRoles = ['customer', 'order', 'date', 'sku', 'product', 'quantity', 'price'] as const
export const productRoles = ['sku', 'name', 'category', 'unit', 'price', 'active'] as const

export const importRoles: Record<ImportKind, readonly string[]> = {
  customers: customerRoles,
  orders: orderRoles,
  products: productRoles,
}

/** Roles a file must map before anything is imported. */
export const requiredRoles: Record<ImportKind, readonly string[]> = {
  customers: ['name'],
  orders: ['customer', 'order', 'date', 'quantity', 'price'],
  products: ['sku', 'name', 'price'],
}

/** role → column header. Extra roles on customers are custom fields, so their names are kept simple. */
export const columnsSchema = z.record(
  z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'role: letters, digits and _ only')
    .refine((role) => !reservedKeys.has(role), 'role: this name is reserved'),
  z.string().min(1).max(200),
)
export type ColumnMapping = Record<string, string>

/** A form may send unmapped roles as '' or null: they are simply not mapped. */
export const columnsBodySchema = z.preprocess(
  (v) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v).filter(([, col]) => col !== '' && col !== null && col !== undefined),
        )
      : v,
  columnsSchema,
)

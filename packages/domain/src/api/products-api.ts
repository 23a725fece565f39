import { z } from 'zod'
import { productSchema } from '../model/product.ts'
import { defineEndpoint } from './endpoint.ts'

const text = z.string().trim().max(200)
const productBody = z.object({
  sku: text.min(1),
  name: text.min(1),
  category: text.default(''),
  unit: text.default(''),
  price: z.number().nonnegative().max(1e9),
  active: z.boolean().default(true),
})

/** The product catalogue: reference data every device pulls; supervisors and admins keep it. */
export const listProducts = defineEndpoint({
  method: 'GET',
  path: '/api/admin/products',
  response: z.array(productSchema),
})
export const createProduct = defineEndpoint({
  method: 'POST',
  path: '/api/admin/products',
  body: productBody,
  response: productSchema,
})
export const updateProduct = defineEndpoint({
  method: 'PUT',
  path: '/api/admin/products/:id',
  body: productBody,
  response: productSchema,
})

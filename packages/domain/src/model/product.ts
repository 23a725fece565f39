import { z } from 'zod'
import { entityBase, shortText } from './common.ts'

export const productSchema = z.object({
  ...entityBase,
  sku: shortText.min(1),
  name: shortText.min(1),
  category: shortText,
  unit: shortText,
  price: z.number().nonnegative().max(1e9),
  active: z.boolean(),
})
export type Product = z.infer<typeof productSchema>

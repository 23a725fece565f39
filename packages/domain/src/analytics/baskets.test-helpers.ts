import type { Order } from '../model/index.ts'
import { type AssociationModel, type AssociationOptions, mineAssociationRules } from './association-rules.ts'
import { line, order } from './records.test-helpers.ts'

// Baskets a reader can count by hand, shared by the association-rule and cross-sell tests.

export const named = (customerId: string, products: string[], status: 'placed' | 'cancelled' = 'placed') =>
  order(customerId, '2026-03-01', 0, { status, lines: products.map((p) => line(p, 10, 1, p)) })

export function mine(orders: Order[], options: AssociationOptions = {}): AssociationModel {
  const result = mineAssociationRules(orders, { minSupport: 0.2, minConfidence: 0.3, ...options })
  if (!result.ok) throw new Error(result.error.message)
  return result.value
}

// Ten orders: soy sauce with vinegar four times, soy alone once, rice alone five times.
export const kitchen = [
  ...Array.from({ length: 4 }, (_, i) => named(`k${i}`, ['酱油', '米醋'])),
  named('k4', ['酱油']),
  ...Array.from({ length: 5 }, (_, i) => named(`r${i}`, ['大米'])),
]

// Noodles, eggs and tomato together three times; each alone too. Only the trio predicts tomato well.
export const trio = [
  ...Array.from({ length: 3 }, (_, i) => named(`t${i}`, ['noodles', 'eggs', 'tomato'])),
  ...Array.from({ length: 3 }, (_, i) => named(`n${i}`, ['noodles'])),
  ...Array.from({ length: 3 }, (_, i) => named(`e${i}`, ['eggs'])),
  named('m0', ['tomato']),
]

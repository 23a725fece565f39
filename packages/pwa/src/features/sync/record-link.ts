import type { Rejection } from '../../store/device-store.ts'

/** Where the rep can look at (and correct) the record behind a refused change. */
export function recordLink(r: Rejection): string | null {
  if (r.collection === 'customers') return `/customers/${r.docId}`
  const customerId = r.doc.customerId
  return typeof customerId === 'string' ? `/customers/${customerId}` : null
}

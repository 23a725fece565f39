import type { ConflictLogEntry } from '@outrider/domain'

/** A conflict log entry as replicated. */
export type ConflictDoc = ConflictLogEntry

/** The device id inside an HLC stamp `<ms>-<counter>-<deviceId>`. */
export function deviceOfClock(clock: string): string {
  const m = /^\d{13}-\d{4}-(.+)$/.exec(clock)
  return m?.[1] ?? '?'
}

/** A value for display: strings as they are, null as an em dash, the rest as compact JSON. */
export function showValue(v: unknown): string {
  if (v === null || v === undefined) return '—'
  if (typeof v === 'string') return v
  return JSON.stringify(v)
}

export function filterConflicts(
  rows: readonly ConflictDoc[],
  repId: string,
  customerNeedle: string,
  customerName: (id: string | undefined) => string,
): ConflictDoc[] {
  const needle = customerNeedle.trim().toLowerCase()
  return rows
    .filter(
      (c) =>
        (!repId || c.ownerRepId === repId) &&
        (!needle || customerName(c.customerId).toLowerCase().includes(needle)),
    )
    .sort((a, b) => (a.at < b.at ? 1 : -1))
}

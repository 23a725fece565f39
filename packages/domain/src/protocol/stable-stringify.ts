/**
 * JSON with object keys sorted at every depth, so equal values always give the same text (for hashing
 * and equality). `undefined` object members are dropped as JSON.stringify does.
 */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value)
    // JSON.stringify(undefined) is undefined; inside arrays JSON writes null for it.
    return text === undefined ? 'null' : text
  }
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`
  const record = value as Record<string, unknown>
  const parts: string[] = []
  for (const key of Object.keys(record).sort()) {
    const member = record[key]
    if (member === undefined) continue
    parts.push(`${JSON.stringify(key)}:${stableStringify(member)}`)
  }
  return `{${parts.join(',')}}`
}

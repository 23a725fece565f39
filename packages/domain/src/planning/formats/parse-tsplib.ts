/** A symmetric TSP instance with 2-D coordinates (TSPLIB EUC_2D). */
export interface TsplibInstance {
  name: string
  /** Node numbers as written in the file (usually 1..n). */
  ids: number[]
  x: Float64Array
  y: Float64Array
  edgeWeightType: string
}

/**
 * Parses a TSPLIB95 `.tsp` file with a NODE_COORD_SECTION. Header lines may be written as
 * `KEY: value` or `KEY : value`, so we split on the first colon and trim both sides.
 */
export function parseTsplib(text: string): TsplibInstance {
  const lines = text.split(/\r?\n/)
  const header = new Map<string, string>()
  let i = 0
  for (; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim()
    if (line === '') continue
    if (/^NODE_COORD_SECTION\b/i.test(line)) break
    if (/^EOF\b/i.test(line)) break
    const colon = line.indexOf(':')
    if (colon < 0) throw new Error(`TSPLIB: unexpected header line ${i + 1}: "${line}"`)
    header.set(line.slice(0, colon).trim().toUpperCase(), line.slice(colon + 1).trim())
  }
  if (i >= lines.length || !/^NODE_COORD_SECTION\b/i.test((lines[i] ?? '').trim())) {
    throw new Error('TSPLIB: missing NODE_COORD_SECTION')
  }
  const edgeWeightType = (header.get('EDGE_WEIGHT_TYPE') ?? 'EUC_2D').toUpperCase()
  if (edgeWeightType !== 'EUC_2D') throw new Error(`TSPLIB: unsupported EDGE_WEIGHT_TYPE ${edgeWeightType}`)
  const ids: number[] = []
  const xs: number[] = []
  const ys: number[] = []
  for (i++; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim()
    if (line === '') continue
    if (/^EOF\b/i.test(line)) break
    const parts = line.split(/\s+/).map(Number)
    const [id, x, y] = parts
    if (
      parts.length < 3 ||
      id === undefined ||
      x === undefined ||
      y === undefined ||
      parts.some(Number.isNaN)
    ) {
      throw new Error(`TSPLIB: bad coordinate line ${i + 1}: "${line}"`)
    }
    ids.push(id)
    xs.push(x)
    ys.push(y)
  }
  const dimension = header.has('DIMENSION') ? Number(header.get('DIMENSION')) : ids.length
  if (dimension !== ids.length) {
    throw new Error(`TSPLIB: DIMENSION is ${dimension} but ${ids.length} coordinates were read`)
  }
  if (ids.length < 3) throw new Error('TSPLIB: need at least 3 nodes')
  return {
    name: header.get('NAME') ?? 'tsp',
    ids,
    x: Float64Array.from(xs),
    y: Float64Array.from(ys),
    edgeWeightType,
  }
}

/** TSPLIB EUC_2D distance matrix: nint(sqrt(dx²+dy²)) per edge. */
export function tsplibDistanceMatrix(inst: TsplibInstance): Int32Array {
  const n = inst.ids.length
  const d = new Int32Array(n * n)
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      const dx = inst.x[a]! - inst.x[b]!
      const dy = inst.y[a]! - inst.y[b]!
      const v = Math.floor(Math.sqrt(dx * dx + dy * dy) + 0.5)
      d[a * n + b] = v
      d[b * n + a] = v
    }
  }
  return d
}

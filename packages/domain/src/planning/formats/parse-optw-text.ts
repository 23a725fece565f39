/**
 * One vertex of an orienteering benchmark instance; vertex 0 is the depot and its
 * `close` is the time budget.
 */
export interface OptwVertex {
  id: number
  x: number
  y: number
  service: number
  profit: number
  open: number
  close: number
}

/** An OPTW benchmark instance read from either the Solomon or the KU Leuven OPTW format. */
export interface OptwInstance {
  name: string
  vertices: OptwVertex[]
}

/**
 * Parses Solomon VRPTW text (`CUST NO. XCOORD. YCOORD. DEMAND READY TIME DUE DATE SERVICE TIME`),
 * read as an OPTW: profit = demand, budget = depot due date.
 */
export function parseSolomon(text: string): OptwInstance {
  const lines = text.split(/\r?\n/)
  const name = (lines.find((l) => l.trim() !== '') ?? 'solomon').trim()
  const vertices: OptwVertex[] = []
  const header = lines.findIndex((l) => /CUST\s*NO/i.test(l))
  if (header < 0) throw new Error('Solomon: missing CUSTOMER table header')
  for (let i = header + 1; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim()
    if (line === '') continue
    const p = line.split(/\s+/).map(Number)
    if (p.length < 7 || p.some(Number.isNaN))
      throw new Error(`Solomon: bad customer line ${i + 1}: "${line}"`)
    const [id, x, y, demand, ready, due, service] = p as [
      number,
      number,
      number,
      number,
      number,
      number,
      number,
    ]
    vertices.push({ id, x, y, service, profit: demand, open: ready, close: due })
  }
  return checkInstance(name, vertices, 'Solomon')
}

/**
 * Parses the KU Leuven OPTW/TOPTW format: `k v N t`, `D Q`, then `i x y d S f a list O C` per vertex.
 * The list has a variable length, so the window is read from the last two fields.
 */
export function parseOptw(text: string, name = 'optw'): OptwInstance {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '')
  if (lines.length < 3) throw new Error('OPTW: file too short')
  const first = (lines[0] ?? '').trim().split(/\s+/).map(Number)
  const count = first[2]
  const vertices: OptwVertex[] = []
  for (let i = 2; i < lines.length; i++) {
    const p = (lines[i] ?? '').trim().split(/\s+/).map(Number)
    if (p.length < 9 || p.some(Number.isNaN)) throw new Error(`OPTW: bad vertex line ${i + 1}`)
    const [id, x, y, service, profit] = p as [number, number, number, number, number]
    vertices.push({ id, x, y, service, profit, open: p[p.length - 2]!, close: p[p.length - 1]! })
  }
  if (
    count !== undefined &&
    Number.isFinite(count) &&
    vertices.length !== count + 1 &&
    vertices.length !== count
  ) {
    throw new Error(`OPTW: header says ${count} customers but ${vertices.length} vertices were read`)
  }
  return checkInstance(name, vertices, 'OPTW')
}

function checkInstance(name: string, vertices: OptwVertex[], kind: string): OptwInstance {
  if (vertices.length < 2) throw new Error(`${kind}: need a depot and at least one customer`)
  if (vertices[0]!.id !== 0) throw new Error(`${kind}: the first vertex must be the depot 0`)
  return { name, vertices }
}

/** Travel time of the OPTW benchmark convention: Euclidean distance truncated to one decimal. */
export function truncatedEuclidean(a: OptwVertex, b: OptwVertex): number {
  const d = Math.hypot(a.x - b.x, a.y - b.y)
  return Math.floor(10 * d) / 10
}

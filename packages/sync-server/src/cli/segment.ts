import { readFileSync } from 'node:fs'
import {
  defaultServicePolicy,
  normalizeCustomerId,
  type PurchaseLine,
  parseDayNumber,
  classifyCustomers,
} from '@outrider/domain'
import Papa from 'papaparse'

const USAGE =
  'usage: pnpm cli segment <orders.csv> --as-of YYYY-MM-DD ' +
  '--columns customer=COL,order=COL,date=COL,quantity=COL,price=COL [--clusters K] [--json]'

const ROLES = ['customer', 'order', 'date', 'quantity', 'price'] as const
type Role = (typeof ROLES)[number]

/** Where output goes; tests pass collectors, the CLI passes the process streams. */
export interface SegmentIo {
  out(text: string): void
  err(text: string): void
}

let guardedStdout = false

const processIo: SegmentIo = {
  out: (t) => {
    // A reader that stops early (`| head`) closes the pipe; that is not an error worth a stack trace.
    if (!guardedStdout) {
      guardedStdout = true
      process.stdout.on('error', (e: NodeJS.ErrnoException) => {
        if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0)
        throw e
      })
    }
    process.stdout.write(t)
  },
  err: (t) => process.stderr.write(t),
}

interface SegmentArgs {
  file: string
  asOf: string
  columns: Record<Role, string>
  clusters: number | null
  json: boolean
}

class UsageError extends Error {}

function parseColumns(spec: string): Record<Role, string> {
  const columns: Partial<Record<Role, string>> = {}
  for (const part of spec.split(',')) {
    const eq = part.indexOf('=')
    const role = part.slice(0, eq).trim() as Role
    const column = part.slice(eq + 1).trim()
    if (eq < 0 || !ROLES.includes(role) || column === '') {
      throw new UsageError(`--columns: "${part}" is not one of ${ROLES.map((r) => `${r}=COL`).join(', ')}`)
    }
    columns[role] = column
  }
  const missing = ROLES.filter((r) => columns[r] === undefined)
  if (missing.length > 0) throw new UsageError(`--columns: missing ${missing.join(', ')}`)
  return columns as Record<Role, string>
}

function parseArgs(args: string[]): SegmentArgs {
  const files: string[] = []
  let asOf: string | undefined
  let columns: Record<Role, string> | undefined
  let clusters: number | null = null
  let json = false
  for (let i = 0; i < args.length; i++) {
    const raw = args[i] as string
    const eq = raw.startsWith('--') ? raw.indexOf('=') : -1
    const name = eq > 0 ? raw.slice(0, eq) : raw
    const value = (): string => {
      const v = eq > 0 ? raw.slice(eq + 1) : args[++i]
      if (v === undefined || v === '') throw new UsageError(`${name} needs a value`)
      return v
    }
    if (name === '--as-of') {
      asOf = value()
      if (Number.isNaN(parseDayNumber(asOf)) || asOf.length !== 10)
        throw new UsageError(`--as-of must be YYYY-MM-DD, got "${asOf}"`)
    } else if (name === '--columns') columns = parseColumns(value())
    else if (name === '--clusters') {
      const v = value()
      const k = Number(v)
      if (!/^\d+$/.test(v) || k < 1 || k > 50)
        throw new UsageError(`--clusters must be a whole number from 1 to 50, got "${v}"`)
      clusters = k
    } else if (name === '--json') json = true
    else if (name.startsWith('--')) throw new UsageError(`unknown option ${name}`)
    else files.push(raw)
  }
  if (files.length !== 1)
    throw new UsageError(files.length === 0 ? 'missing <orders.csv>' : 'give exactly one CSV file')
  if (asOf === undefined) throw new UsageError('missing --as-of YYYY-MM-DD')
  if (columns === undefined) throw new UsageError('missing --columns')
  return { file: files[0] as string, asOf, columns, clusters, json }
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/

interface ReadResult {
  lines: PurchaseLine[]
  rows: number
  bad: { line: number; reason: string }[]
}

/**
 * Reads the CSV into order lines. Header is line 1; a row's line number is where it starts in the file
 * (quoted fields may span lines). Rows with a missing column, a bad number or date are reported, not used.
 */
function readOrders(text: string, columns: Record<Role, string>): ReadResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const index: Partial<Record<Role, number>> = {}
  const lines: PurchaseLine[] = []
  const bad: ReadResult['bad'] = []
  let header: string[] | null = null
  let rows = 0
  let line = 1
  let scanned = 0
  let headerError: string | null = null
  const linesUpTo = (cursor: number) => {
    const start = line
    for (let i = scanned; i < cursor; i++) if (body.charCodeAt(i) === 10) line++
    scanned = cursor
    return start
  }
  Papa.parse<string[]>(body, {
    skipEmptyLines: true,
    step: (result, parser) => {
      const at = linesUpTo(result.meta.cursor)
      const fields = result.data
      if (header === null) {
        header = fields.map((f) => f.trim())
        const missing: string[] = []
        for (const role of ROLES) {
          const i = header.indexOf(columns[role])
          if (i < 0) missing.push(`${role}="${columns[role]}"`)
          else index[role] = i
        }
        if (missing.length > 0) {
          headerError = `column not in the header: ${missing.join(', ')} (header: ${header.join(', ')})`
          parser.abort()
        }
        return
      }
      rows++
      const get = (role: Role): string | undefined => fields[index[role] as number]
      const missing = ROLES.filter((r) => get(r) === undefined)
      if (missing.length > 0) {
        bad.push({ line: at, reason: `missing column ${missing.map((r) => columns[r]).join(', ')}` })
        return
      }
      const quantity = (get('quantity') as string).trim()
      const price = (get('price') as string).trim()
      const date = (get('date') as string).trim()
      const order = (get('order') as string).trim()
      const problems: string[] = []
      if (!NUMBER.test(quantity)) problems.push(`bad quantity "${quantity}"`)
      if (!NUMBER.test(price)) problems.push(`bad price "${price}"`)
      if (Number.isNaN(parseDayNumber(date))) problems.push(`bad date "${date}"`)
      if (order === '') problems.push('empty order id')
      if (problems.length > 0) {
        bad.push({ line: at, reason: problems.join('; ') })
        return
      }
      const customer = normalizeCustomerId(get('customer') as string)
      lines.push({
        customerId: customer === '' ? null : customer,
        orderId: order,
        date,
        quantity: Number(quantity),
        price: Number(price),
      })
    },
  })
  if (headerError !== null) throw new UsageError(headerError)
  if (header === null) throw new UsageError('the file is empty')
  return { lines, rows, bad }
}

function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s
}

/**
 * `pnpm cli segment`: RFM, segment and value tier (and k-means clusters with --clusters) for every
 * customer of an orders CSV. Prints CSV (or JSON with --json) on stdout; reports unreadable rows and a
 * summary on stderr. Returns 0 on success, 2 on bad usage or an unreadable file.
 */
export async function run(args: string[], io: SegmentIo = processIo): Promise<number> {
  let parsed: SegmentArgs
  let read: ReadResult
  try {
    if (args.includes('--help') || args.includes('-h')) {
      io.out(`${USAGE}\n`)
      return 0
    }
    parsed = parseArgs(args)
    let text: string
    try {
      text = readFileSync(parsed.file, 'utf8')
    } catch (e) {
      throw new UsageError(`cannot read ${parsed.file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`)
    }
    read = readOrders(text, parsed.columns)
  } catch (e) {
    if (!(e instanceof UsageError)) throw e
    io.err(`segment: ${e.message}\n${USAGE}\n`)
    return 2
  }
  for (const b of read.bad) io.err(`line ${b.line}: ${b.reason}\n`)

  const clusters = parsed.clusters === null ? undefined : { k: parsed.clusters, seed: 0, restarts: 10 }
  const result = classifyCustomers(
    { lines: read.lines },
    defaultServicePolicy,
    parsed.asOf,
    clusters ? { clusters } : {},
  )
  if (!result.ok) {
    io.err(`segment: ${result.error.message}\n`)
    return 2
  }
  const report = result.value
  const rows = report.profiles
    .filter((p) => p.rfm.frequency > 0)
    .map((p) => ({
      customerId: p.customerId,
      recencyDays: p.rfm.recencyDays ?? 0,
      frequency: p.rfm.frequency,
      monetary: p.rfm.monetary,
      r: p.rfm.r,
      f: p.rfm.f,
      m: p.rfm.m,
      segment: p.segment ?? '',
      tier: p.tier,
      ...(clusters ? { cluster: p.cluster ?? -1 } : {}),
    }))
  if (parsed.json) {
    io.out(
      `${JSON.stringify(report.clusters ? { customers: rows, inertia: report.clusters.inertia } : { customers: rows })}\n`,
    )
  } else {
    const head = ['customerId', 'recencyDays', 'frequency', 'monetary', 'r', 'f', 'm', 'segment', 'tier']
    if (clusters) head.push('cluster')
    const out = [head.join(',')]
    for (const r of rows) {
      const fields = [
        csvField(r.customerId),
        r.recencyDays,
        r.frequency,
        r.monetary.toFixed(2),
        r.r,
        r.f,
        r.m,
        r.segment,
        r.tier,
      ]
      if (r.cluster !== undefined) fields.push(r.cluster)
      out.push(fields.join(','))
    }
    io.out(`${out.join('\n')}\n`)
  }
  const x = report.summary.excluded
  const inertia = report.clusters
    ? `; k-means k=${report.clusters.k} inertia ${report.clusters.inertia.toFixed(3)}`
    : ''
  io.err(
    `segment: ${read.rows} rows, ${read.bad.length} unreadable, ${report.summary.linesUsed} used; excluded ` +
      `${x.noCustomer} without customer, ${x.nonPositiveQuantity} with quantity ≤ 0, ${x.nonPositivePrice} with price ≤ 0, ` +
      `${x.afterAsOf} after ${parsed.asOf}; ${rows.length} customers${inertia}\n`,
  )
  return 0
}

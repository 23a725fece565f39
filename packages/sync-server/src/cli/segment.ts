import { accessSync, constants } from 'node:fs'
import {
  classifyCustomers,
  DEFAULT_TIME_ZONE,
  defaultServicePolicy,
  parseDayNumber,
  type TieRule,
} from '@outrider/domain'
import { type OrderTableRead, ROLES, type Role, readOrderTable, UsageError } from './read-order-table.ts'

const USAGE =
  'usage: pnpm cli segment <orders.csv> --as-of YYYY-MM-DD ' +
  '--columns customer=COL,order=COL,date=COL,quantity=COL,price=COL [--ties fair|first] [--clusters K] [--json]'

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
  ties: TieRule
  json: boolean
}

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
  let ties: TieRule = 'fair'
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
    } else if (name === '--ties') {
      const v = value()
      if (v !== 'fair' && v !== 'first') throw new UsageError(`--ties must be fair or first, got "${v}"`)
      ties = v
    } else if (name === '--json') json = true
    else if (name.startsWith('--')) throw new UsageError(`unknown option ${name}`)
    else files.push(raw)
  }
  if (files.length !== 1)
    throw new UsageError(files.length === 0 ? 'missing <orders.csv>' : 'give exactly one CSV file')
  if (asOf === undefined) throw new UsageError('missing --as-of YYYY-MM-DD')
  if (columns === undefined) throw new UsageError('missing --columns')
  return { file: files[0] as string, asOf, columns, clusters, ties, json }
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
  if (args.includes('--help') || args.includes('-h')) {
    io.out(`${USAGE}\n`)
    return 0
  }
  const input = readInput(args, io)
  if (typeof input === 'number') return input
  const { parsed, read } = input
  for (const b of read.bad) io.err(`line ${b.line}: ${b.reason}\n`)
  const clusters = parsed.clusters === null ? undefined : { k: parsed.clusters, seed: 0, restarts: 10 }
  const result = classifyCustomers({ table: read.table }, defaultServicePolicy, parsed.asOf, {
    ties: parsed.ties,
    ...(clusters ? { clusters } : {}),
  })
  if (!result.ok) {
    io.err(`segment: ${result.error.message}\n`)
    return 2
  }
  const report = result.value
  const rows = segmentRows(report, clusters !== undefined)
  if (parsed.json)
    io.out(
      `${JSON.stringify(report.clusters ? { customers: rows, inertia: report.clusters.inertia } : { customers: rows })}\n`,
    )
  else io.out(`${segmentCsv(rows, clusters !== undefined)}\n`)
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

/** The arguments and the orders file read, or the exit code after a usage error (printed). */
function readInput(args: string[], io: SegmentIo): { parsed: SegmentArgs; read: OrderTableRead } | number {
  // The CLI has no organisation: a date-time with an offset counts on its day in the default zone.
  const timeZone = defaultServicePolicy.timeZone ?? DEFAULT_TIME_ZONE
  try {
    const parsed = parseArgs(args)
    try {
      accessSync(parsed.file, constants.R_OK)
    } catch (e) {
      throw new UsageError(`cannot read ${parsed.file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`)
    }
    return {
      parsed,
      read: readOrderTable(parsed.file, parsed.columns, parseDayNumber(parsed.asOf), timeZone),
    }
  } catch (e) {
    if (!(e instanceof UsageError)) throw e
    io.err(`segment: ${e.message}\n${USAGE}\n`)
    return 2
  }
}

type Report = Extract<ReturnType<typeof classifyCustomers>, { ok: true }>['value']
type SegmentRow = ReturnType<typeof segmentRows>[number]

/** One row per customer who bought: RFM, segment, tier and (with clusters) the cluster. */
function segmentRows(report: Report, withClusters: boolean) {
  return report.profiles
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
      ...(withClusters ? { cluster: p.cluster ?? -1 } : {}),
    }))
}

function segmentCsv(rows: SegmentRow[], withClusters: boolean): string {
  const head = ['customerId', 'recencyDays', 'frequency', 'monetary', 'r', 'f', 'm', 'segment', 'tier']
  if (withClusters) head.push('cluster')
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
  return out.join('\n')
}

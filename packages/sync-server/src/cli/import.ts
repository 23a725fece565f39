import { readFileSync } from 'node:fs'
import {
  type ColumnMapping,
  type ImportKind,
  type ImportProgress,
  type TextEncoding,
  textEncodingLabels,
} from '@outrider/domain'
import { recomputeThresholds } from '../classification/population-thresholds.ts'
import { loadConfig } from '../config.ts'
import { openDatabase } from '../db/database.ts'
import { migrate } from '../db/migrate.ts'
import { mappedTable, parseColumnSpec } from '../import/column-mapping.ts'
import { decodeCsv } from '../import/decode-csv.ts'
import { importCustomers } from '../import/import-customers.ts'
import { ImportInputError } from '../import/import-input-error.ts'
import { importOrders } from '../import/import-orders.ts'
import { importProducts } from '../import/import-products.ts'
import type { ImportOptions, ImportReport } from '../import/import-report.ts'
import { changeNoticesRepo } from '../repositories/change-notices-repo.ts'

const USAGE =
  'usage: pnpm cli import <customers|orders|products> <file.csv> --columns ROLE=COLUMN[,ROLE=COLUMN...] ' +
  '[--dry-run] [--json] [--skip-invalid] [--skip-duplicates | --import-duplicates] [--source NAME]\n' +
  '  the file may be UTF-8 (with or without BOM), UTF-16 or GBK/GB18030; the report says which\n' +
  '  customers roles: name (required), phone, address, city, district, lat, lng, owner, contact, tags, tier, industry, notes, birthday\n' +
  '  orders roles: customer, order, date, quantity, price (required), sku, product\n' +
  '  products roles: sku, name, price (required), category, unit, active\n'

/** Where output goes; tests pass collectors, the CLI passes the process streams. */
export interface ImportIo {
  out(text: string): void
  err(text: string): void
  /** A terminal: progress rewrites one line instead of adding lines. */
  tty?: boolean
}

const processIo: ImportIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  tty: process.stderr.isTTY,
}

const phaseNames: Record<ImportProgress['phase'], string> = {
  read: 'reading the file',
  check: 'checking lines',
  duplicates: 'looking for duplicates',
  write: 'writing',
}

/** `checking lines 40,000 / 100,000 (40 %)`; the file's reading in percent only (it counts characters). */
export function progressText(p: ImportProgress): string {
  const percent = Math.floor((100 * p.done) / Math.max(1, p.total))
  if (p.phase === 'read') return `${phaseNames.read} (${percent} %)`
  if (p.phase === 'duplicates')
    return `${phaseNames.duplicates} among ${p.total.toLocaleString('en')} customers`
  return `${phaseNames[p.phase]} ${p.done.toLocaleString('en')} / ${p.total.toLocaleString('en')} (${percent} %)`
}

/**
 * Progress on stderr (stdout keeps only the report): on a terminal one line rewritten in place; in a
 * log, a line per phase and per tenth done.
 */
function progressTo(io: ImportIo) {
  let last = ''
  let lastText = ''
  return {
    show(p: ImportProgress) {
      const text = progressText(p)
      const tenth = `${p.phase}:${Math.floor((10 * p.done) / Math.max(1, p.total))}`
      if (io.tty) io.err(`\r\x1b[K${text}`)
      else if (tenth !== last && text !== lastText) io.err(`${text}\n`)
      last = tenth
      lastText = text
    },
    end() {
      if (io.tty && last) io.err('\n')
    },
  }
}

class UsageError extends Error {}

type ImportArgs = {
  kind: ImportKind
  file: string
  columns: ColumnMapping
  options: ImportOptions
  json: boolean
  source: string | undefined
}

function parseArgs(args: string[]): ImportArgs {
  const [kind, ...rest] = args
  if (kind !== 'customers' && kind !== 'orders' && kind !== 'products')
    throw new UsageError(`first argument must be customers, orders or products, got "${kind ?? ''}"`)
  const files: string[] = []
  let columns: ColumnMapping | undefined
  let source: string | undefined
  const flags = {
    dryRun: false,
    skipInvalid: false,
    skipDuplicates: false,
    importDuplicates: false,
    json: false,
  }
  for (let i = 0; i < rest.length; i++) {
    const raw = rest[i] as string
    const eq = raw.startsWith('--') ? raw.indexOf('=') : -1
    const name = eq > 0 ? raw.slice(0, eq) : raw
    const value = (): string => {
      const v = eq > 0 ? raw.slice(eq + 1) : rest[++i]
      if (v === undefined || v === '') throw new UsageError(`${name} needs a value`)
      return v
    }
    if (name === '--columns') {
      try {
        columns = parseColumnSpec(value())
      } catch (err) {
        throw new UsageError((err as Error).message)
      }
    } else if (name === '--source') source = value()
    else if (name === '--dry-run') flags.dryRun = true
    else if (name === '--skip-invalid') flags.skipInvalid = true
    else if (name === '--skip-duplicates') flags.skipDuplicates = true
    else if (name === '--import-duplicates') flags.importDuplicates = true
    else if (name === '--json') flags.json = true
    else if (name.startsWith('--')) throw new UsageError(`unknown option ${name}`)
    else files.push(raw)
  }
  if (files.length !== 1)
    throw new UsageError(files.length === 0 ? 'give one CSV file' : 'give only one CSV file')
  if (!columns) throw new UsageError('--columns is required')
  if (flags.skipDuplicates && flags.importDuplicates)
    throw new UsageError('give --skip-duplicates or --import-duplicates, not both')
  const { json, ...options } = flags
  return { kind, file: files[0] as string, columns, options, json, source }
}

/** `pnpm cli import customers|orders|products <file.csv> --columns …`: the API's import pipeline, from a shell. */
export async function run(
  args: string[],
  io: ImportIo = processIo,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  let parsed: ImportArgs
  let file: { csv: string; encoding: TextEncoding }
  try {
    parsed = parseArgs(args)
    let bytes: Buffer
    try {
      bytes = readFileSync(parsed.file)
    } catch (err) {
      throw new UsageError(
        `cannot read ${parsed.file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      )
    }
    try {
      file = decodeCsv(bytes)
    } catch (err) {
      throw new UsageError(`${parsed.file}: ${(err as Error).message}`)
    }
    // Check the mapping against the header before opening the database, so a typo fails fast.
    try {
      mappedTable(parsed.kind, { csv: file.csv, columns: parsed.columns })
    } catch (err) {
      if (!(err instanceof ImportInputError)) throw err
      throw new UsageError(`${parsed.file}: ${err.message}`)
    }
  } catch (err) {
    if (!(err instanceof UsageError)) throw err
    io.err(`error: ${err.message}\n${USAGE}`)
    return 2
  }

  const config = loadConfig({ LOG_LEVEL: 'silent', ...env })
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  try {
    await migrate(db)
    const actor = { userId: null, role: 'admin', teamId: null } as const
    const request = { ...file, columns: parsed.columns, ...(parsed.source ? { source: parsed.source } : {}) }
    const importer = { customers: importCustomers, orders: importOrders, products: importProducts }[
      parsed.kind
    ]
    const progress = progressTo(io)
    const { report } = await importer(
      db,
      actor,
      request,
      {
        ...parsed.options,
        onProgress: progress.show,
      },
      // Devices connected to a running server are woken for what the file changed.
      changeNoticesRepo.publish,
    ).finally(progress.end)
    // Imported orders move the population: its thresholds follow, and running servers tell devices.
    if (!parsed.options.dryRun) await recomputeThresholds(db, changeNoticesRepo.publish)
    io.out(parsed.json ? `${JSON.stringify(report, null, 2)}\n` : summary(report, parsed))
    return report.errors.length > 0 && !parsed.options.skipInvalid ? 1 : 0
  } catch (err) {
    if (!(err instanceof ImportInputError)) throw err
    io.err(`error: ${err.message}\n`)
    return 2
  } finally {
    await db.close()
  }
}

function summary(r: ImportReport, a: ImportArgs): string {
  const out: string[] = []
  const blocked = r.errors.length > 0 && !a.options.skipInvalid
  out.push(
    `${a.file} (${textEncodingLabels[r.encoding].en}): ${r.rows} data lines, ${r.valid} valid, ${r.errors.length} problems, ${r.duplicates.length} possible duplicates`,
  )
  for (const e of r.errors) out.push(`  line ${e.line} [${e.field}]: ${e.reason}`)
  for (const d of r.duplicates) {
    const why = d.evidence.map(
      (e) => `${typeof e.match === 'number' ? `line ${e.match}` : e.match} (${e.en})`,
    )
    const verb = d.kind === 'exact' ? 'repeats' : 'looks like'
    out.push(`  line ${d.line} ${verb} ${why.join(', ')} → ${d.valid ? d.action.action : 'invalid'}`)
  }
  const c = r.counts
  out.push(
    `plan: ${c.insert} new, ${c.merge} merged, ${c.skip} skipped, ${c.review} held for review (--import-duplicates imports them), ${c.invalid} invalid`,
  )
  if (a.options.dryRun) out.push('dry run: nothing was written')
  else if (blocked) out.push('nothing imported: fix the lines above or pass --skip-invalid')
  else out.push(`imported ${r.imported} ${a.kind === 'orders' ? 'order lines' : a.kind}`)
  return `${out.join('\n')}\n`
}

import { createHash } from 'node:crypto'
import {
  type ColumnMapping,
  type DuplicateCandidate,
  type DuplicateKind,
  type ImportLineAction,
  planImport,
  type TextEncoding,
} from '@outrider/domain'
import type pg from 'pg'
import type { Database } from '../db/database.ts'
import { listCustomFields } from '../repositories/custom-fields-repo.ts'
import { customersRepo } from '../repositories/customers-repo.ts'
import { documentsRepo } from '../repositories/documents-repo.ts'
import type { ChangeNotice } from '../sync/change-bus.ts'
import { readMappedPieces } from './column-mapping.ts'
import type { CsvRow } from './csv-table.ts'
import { type CustomerRow, type CustomerRowsInput, type RepRef, readCustomerRows } from './customer-rows.ts'
import { auditImport } from './import-audit.ts'
import { type DetectedDuplicate, importDuplicateSearch } from './import-duplicates.ts'
import { ImportInputError } from './import-input-error.ts'
import { saveMapping } from './import-mappings.ts'
import {
  type ImportActor,
  type ImportDuplicate,
  type ImportError,
  type ImportOptions,
  type ImportReport,
  lineError,
  progressReporter,
} from './import-report.ts'
import { lockCustomers, mergeRowIntoCustomer } from './merge-stored-customers.ts'
import { serverStamp } from './server-stamp.ts'
import { takeTurns } from './take-turns.ts'

export type CustomerImportRequest = {
  csv: string
  columns: ColumnMapping
  /** Lines to fold into an existing customer instead of inserting them (older form of `decisions`). */
  merge?: { line: number; into: string }[]
  /** What to do with particular lines (usually duplicates); the rest follow the defaults. */
  decisions?: { line: number; action: ImportLineAction }[]
  source?: string
  /** How the file's bytes were decoded, for the report. */
  encoding?: TextEncoding
}

export type ImportOutcome = { report: ImportReport; notice: ChangeNotice | null }
/** Runs inside the import's transaction, e.g. to queue the wake-up notice. */
export type InTx = (client: pg.PoolClient, notice: ChangeNotice) => Promise<void>

/** Lines checked (and, when written, built again) between two turns of the event loop. */
const SLICE = 500

/**
 * The whole customer import, shared by the API and the CLI: reads and checks every line, finds
 * duplicates within the file and against the actor's customers, plans each line with the domain's
 * `planImport` (the same counts for the preview and the import) and — unless it is a dry run or bad
 * lines block it — inserts (or merges) the planned lines in one transaction. The file is read a
 * piece at a time, twice: first to check each line and compare it with the stored customers and the
 * lines before it (`importDuplicateSearch`), keeping only each line's problems, whether it is valid
 * and its duplicate profile; then, once the plan is known, to build and write the planned lines a
 * slice at a time. Other requests get a turn between slices; the file's lines and documents are never
 * all held at once.
 */
export async function importCustomers(
  db: Database,
  actor: ImportActor,
  request: CustomerImportRequest,
  options: ImportOptions,
  inTx: InTx = async () => {},
  nowMs = Date.now(),
): Promise<ImportOutcome> {
  const progress = progressReporter(options)
  const turn = takeTurns()
  const now = new Date(nowMs).toISOString()
  let seq = 0
  const build: RowBuilder = {
    columns: request.columns,
    reps: await loadReps(db),
    customFields: await listCustomFields(db.pool),
    actor,
    now,
    stamp: serverStamp(nowMs),
    newId: (prefix) =>
      `${prefix}-${nowMs.toString(36)}-${(++seq).toString(36)}-${crypto.randomUUID().slice(0, 8)}`,
  }
  // Live customers the actor can see: their team's, or all for an admin.
  const existing = await customersRepo.duplicateCandidates(
    db.pool,
    actor.role === 'supervisor' ? { teamId: actor.teamId } : 'organisation',
  )
  const checked = await checkAndSearch(request, build, existing, progress, turn)
  const { report, plan, validLines } = planLines(request, options, checked, existing)
  if (options.dryRun) return { report, notice: null }

  // Lines to write, by line: as a new customer (null) or merged into a stored one.
  const wanted = new Map<number, string | null>()
  if (!report.blocked)
    for (const line of validLines) {
      const a = plan.actions.get(line) ?? { action: 'new' as const }
      if (a.action === 'new') wanted.set(line, null)
      else if (a.action === 'merge') wanted.set(line, a.into)
    }
  return db.tx(async (client) => {
    if (request.source) await saveMapping(client, request.source, 'customers', request.columns)
    if (wanted.size === 0) return { report, notice: null }
    const notice = await writeInSlices(client, request, build, wanted, nowMs, progress, turn)
    await auditImport(client, actor, 'customers', request.source, report, wanted.size)
    await inTx(client, notice)
    return { report: { ...report, imported: wanted.size }, notice }
  })
}

/**
 * The plan and the report from the checked lines: merge decisions naming customers the actor cannot
 * see become errors, and the domain's `planImport` decides each line (the same counts for the preview
 * and the import).
 */
function planLines(
  request: CustomerImportRequest,
  options: ImportOptions,
  checked: Awaited<ReturnType<typeof checkAndSearch>>,
  existing: readonly DuplicateCandidate[],
) {
  const { decisions, rows } = checked
  const live = new Set(existing.map((c) => c.id))
  const errors = checked.errors
  for (const [line, d] of decisions)
    if (d.action === 'merge' && !live.has(d.into))
      errors.push(
        lineError(
          line,
          'merge',
          `customer ${d.into} is not one of your customers`,
          `客户 ${d.into} 不在您的客户中`,
        ),
      )
  errors.sort((a, b) => a.line - b.line)
  const badLines = new Set(errors.map((e) => e.line))
  const validLines = checked.validLines.filter((line) => !badLines.has(line))
  const detected = checked.detected

  const policy = options.skipDuplicates ? 'skip' : options.importDuplicates ? 'new' : 'default'
  const plan = planImport({
    valid: validLines.length,
    invalid: badLines.size,
    special: [
      ...detected.map((d) => ({ line: d.line, valid: !badLines.has(d.line), duplicate: d.kind })),
      ...[...decisions.keys()].map((line) => ({ line, valid: !badLines.has(line) })),
    ],
    decisions,
    policy,
  })
  const duplicates: ImportDuplicate[] = detected.map((d) => ({
    ...d,
    valid: !badLines.has(d.line),
    action: plan.actions.get(d.line) ?? { action: 'skip' },
  }))
  const blocked = errors.length > 0 && !options.skipInvalid
  const report: ImportReport = {
    encoding: request.encoding ?? 'utf-8',
    rows,
    valid: validLines.length,
    errors,
    duplicates,
    counts: plan.counts,
    blocked,
    imported: 0,
  }

  return { report, plan, validLines }
}

/** What `readCustomerRows` needs besides the lines. */
type RowBuilder = Omit<CustomerRowsInput, 'table'>
type Progress = ReturnType<typeof progressReporter>
type Turn = ReturnType<typeof takeTurns>

/**
 * The file's first reading: every line checked and compared, as it comes, with the stored customers
 * and the lines before it. Returns the problems by line, the valid lines, the duplicates found, the
 * decisions by line (checked against the file's lines) and how many lines and candidates there were.
 */
async function checkAndSearch(
  request: CustomerImportRequest,
  build: RowBuilder,
  existing: readonly DuplicateCandidate[],
  progress: Progress,
  turn: Turn,
) {
  const errors: ImportError[] = []
  const validLines: number[] = []
  const search = importDuplicateSearch(existing)
  const repeats = exactRepeats()
  const named = decisionLines(request)
  const seen = new Set<number>()
  let rows = 0
  let candidates = 0
  const { lines } = await readMappedPieces('customers', request, async (piece, read, total) => {
    for (const m of piece.malformed) {
      errors.push(lineError(m.line, 'row', m.reason, m.zh))
      if (named.has(m.line)) seen.add(m.line)
    }
    for (let i = 0; i < piece.rows.length; i += SLICE) {
      const slice = piece.rows.slice(i, i + SLICE)
      const checked = readCustomerRows({ ...build, table: { ...piece, rows: slice, malformed: [] } })
      errors.push(...checked.errors)
      for (const r of checked.rows) validLines.push(r.line)
      for (const r of slice) if (named.has(r.line)) seen.add(r.line)
      for (const c of checked.candidates) {
        search.add(c.candidate)
        repeats.add(c.line, c.key)
        candidates++
        await turn()
      }
      await turn()
    }
    rows += piece.rows.length
    progress({ phase: 'read', done: read, total })
  })
  progress({ phase: 'check', done: rows, total: rows })
  const searched = candidates + existing.length
  progress({ phase: 'duplicates', done: searched, total: searched })
  return {
    errors,
    validLines,
    detected: repeats.mark(search.detected()),
    decisions: decisionsOf(request, seen),
    rows: lines,
    candidates,
  }
}

/**
 * The file's second reading, once the plan is known: the planned lines built again and written a
 * slice at a time, in file order, each slice's documents dropped once written.
 */
async function writeInSlices(
  client: pg.PoolClient,
  request: CustomerImportRequest,
  build: RowBuilder,
  wanted: ReadonlyMap<number, string | null>,
  nowMs: number,
  progress: Progress,
  turn: Turn,
): Promise<ChangeNotice> {
  const owners = new Set<string>()
  const teams = new Set<string>()
  let done = 0
  let header: string[] = []
  let pending: CsvRow[] = []
  const flush = async () => {
    const rows = pending
    pending = []
    const built = readCustomerRows({ ...build, table: { header, rows, malformed: [] } }).rows
    const notice = await writeRows(
      client,
      built.flatMap((row) => {
        const into = wanted.get(row.line)
        return into === undefined ? [] : [{ row, into }]
      }),
      nowMs,
    )
    for (const o of notice.owners) owners.add(o)
    for (const t of notice.teams) teams.add(t)
    done += rows.length
    progress({ phase: 'write', done, total: wanted.size })
    await turn()
  }
  await readMappedPieces('customers', request, async (piece) => {
    header = piece.header
    for (const row of piece.rows) {
      if (!wanted.has(row.line)) continue
      pending.push(row)
      if (pending.length >= SLICE) await flush()
    }
  })
  if (pending.length > 0) await flush()
  return { collections: ['customers', 'contacts'], owners: [...owners], teams: [...teams], broadcast: false }
}

/** The lines the request's decisions (and the older `merge` list) name. */
function decisionLines(request: CustomerImportRequest): ReadonlySet<number> {
  return new Set([...(request.merge ?? []), ...(request.decisions ?? [])].map((d) => d.line))
}

/** Decisions by line; the older `merge` list counts as merge decisions. */
function decisionsOf(request: CustomerImportRequest, lines: ReadonlySet<number>) {
  const out = new Map<number, ImportLineAction>()
  const all = [
    ...(request.merge ?? []).map((m) => ({
      line: m.line,
      action: { action: 'merge' as const, into: m.into },
    })),
    ...(request.decisions ?? []),
  ]
  for (const d of all) {
    if (!lines.has(d.line))
      throw new ImportInputError(`decision for line ${d.line}: not a data line of the file`)
    out.set(d.line, d.action)
  }
  return out
}

/**
 * Repeats of an earlier line (every mapped cell the same), as the lines come: each line's key is
 * kept as a digest, so a long file costs a few dozen bytes a line. `mark` makes a duplicate the
 * detector paired with the line it repeats exact, and adds the repeats it did not pair (it compares
 * only names, phones, addresses and places).
 */
function exactRepeats() {
  const firstWithKey = new Map<string, number>()
  const repeatOf = new Map<number, number>()
  return {
    add(line: number, key: string) {
      const digest = createHash('sha256').update(key).digest('base64')
      const first = firstWithKey.get(digest)
      if (first === undefined) firstWithKey.set(digest, line)
      else repeatOf.set(line, first)
    },
    mark(detected: DetectedDuplicate[]): (DetectedDuplicate & { kind: DuplicateKind })[] {
      const out = detected.map((d) => {
        const first = repeatOf.get(d.line)
        return { ...d, kind: first !== undefined && d.matches.includes(first) ? 'exact' : 'likely' } as const
      })
      const reported = new Set(detected.map((d) => d.line))
      for (const [line, first] of repeatOf)
        if (!reported.has(line))
          out.push({
            line,
            matches: [first],
            evidence: [{ match: first, score: 1, en: 'The same line again', zh: '与该行完全相同' }],
            kind: 'exact',
          })
      return out.sort((a, b) => a.line - b.line)
    },
  }
}

async function writeRows(
  client: pg.PoolClient,
  wanted: { row: CustomerRow; into: string | null }[],
  nowMs: number,
): Promise<ChangeNotice> {
  const now = new Date(nowMs).toISOString()
  const inserts = wanted.filter((w) => w.into === null).map((w) => w.row)
  const customers = inserts.map((r) => ({ ...r.customer, serverUpdatedAt: now }))
  await documentsRepo.insertMany(client, 'customers', customers)
  const scopeOf = new Map(customers.map((c) => [c.id, { owner_rep_id: c.ownerRepId, team_id: c.teamId }]))
  const contacts = inserts.flatMap((r) =>
    r.contact ? [{ ...r.contact, ownerRepId: r.customer.ownerRepId, serverUpdatedAt: now }] : [],
  )
  await documentsRepo.insertMany(client, 'contacts', contacts, (d) => scopeOf.get(String(d.customerId)) ?? {})
  const owners = new Set<string>()
  const teams = new Set<string>()
  for (const c of customers) {
    if (c.ownerRepId) owners.add(c.ownerRepId)
    if (c.teamId) teams.add(c.teamId)
  }
  for (const { row, into } of wanted) {
    if (into === null) continue
    const survivor = (await lockCustomers(client, [into])).get(into)
    if (!survivor) continue
    const merged = await mergeRowIntoCustomer(client, survivor, row.customer, row.contact, nowMs)
    for (const o of merged.notice.owners) owners.add(o)
    for (const t of merged.notice.teams) teams.add(t)
  }
  return { collections: ['customers', 'contacts'], owners: [...owners], teams: [...teams], broadcast: false }
}

/** Active reps by id and by lower-cased email. */
async function loadReps(db: Database): Promise<Map<string, RepRef>> {
  const { rows } = await db.pool.query<{ id: string; email: string; team_id: string | null }>(
    "SELECT id, email, team_id FROM users WHERE role = 'rep' AND NOT disabled",
  )
  const reps = new Map<string, RepRef>()
  for (const r of rows) {
    const ref = { id: r.id, teamId: r.team_id }
    reps.set(r.id, ref)
    reps.set(r.email.toLowerCase(), ref)
  }
  return reps
}

import {
  type ColumnMapping,
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
import { mappedTableInChunks } from './column-mapping.ts'
import type { CsvTable } from './csv-table.ts'
import {
  type CustomerRow,
  type CustomerRowsInput,
  type CustomerRowsResult,
  type RepRef,
  readCustomerRows,
} from './customer-rows.ts'
import { auditImport } from './import-audit.ts'
import { type DetectedDuplicate, searchImportDuplicates } from './import-duplicates.ts'
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
import { runInTurns, takeTurns } from './take-turns.ts'

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
 * lines block it — inserts (or merges) the planned lines in one transaction. It works in slices,
 * giving other requests a turn between them, and keeps only the file and what each line needs
 * (line checks, duplicate candidates) until the write builds each slice's documents again: a
 * 100,000-line file neither stalls the server nor holds 100,000 documents at once.
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
  const table = await mappedTableInChunks('customers', request, (done, total) =>
    progress({ phase: 'read', done, total }),
  )
  const decisions = decisionsOf(request, new Set([...table.rows, ...table.malformed].map((r) => r.line)))

  const now = new Date(nowMs).toISOString()
  let seq = 0
  const build: RowBuilder = {
    header: table.header,
    columns: request.columns,
    reps: await loadReps(db),
    customFields: await listCustomFields(db.pool),
    actor,
    now,
    stamp: serverStamp(nowMs),
    newId: (prefix) =>
      `${prefix}-${nowMs.toString(36)}-${(++seq).toString(36)}-${crypto.randomUUID().slice(0, 8)}`,
  }
  // Checked and searched in a function of its own: the duplicate candidates of every line and of
  // every stored customer are garbage before the write starts (kept here, they raised the heap the
  // write's garbage could fill, to about twice the import's live data).
  const { errors, badLines, validLines, detected } = await checkAndSearch(
    db,
    actor,
    table,
    build,
    decisions,
    progress,
    turn,
  )

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
    rows: table.rows.length + table.malformed.length,
    valid: validLines.length,
    errors,
    duplicates,
    counts: plan.counts,
    blocked,
    imported: 0,
  }
  if (options.dryRun) return { report, notice: null }

  const wanted = blocked
    ? []
    : validLines.flatMap((line): Wanted[] => {
        const a = plan.actions.get(line) ?? { action: 'new' as const }
        if (a.action === 'new') return [{ line, into: null }]
        return a.action === 'merge' ? [{ line, into: a.into }] : []
      })
  return db.tx(async (client) => {
    if (request.source) await saveMapping(client, request.source, 'customers', request.columns)
    if (wanted.length === 0) return { report, notice: null }
    const notice = await writeInSlices(client, table, build, wanted, nowMs, progress, turn)
    await auditImport(client, actor, 'customers', request.source, report, wanted.length)
    await inTx(client, notice)
    return { report: { ...report, imported: wanted.length }, notice }
  })
}

/** What `readCustomerRows` needs besides the lines. */
type RowBuilder = Omit<CustomerRowsInput, 'table'> & { header: string[] }
/** A line to write: as a new customer (`into` null) or merged into a stored one. */
type Wanted = { line: number; into: string | null }
type Progress = ReturnType<typeof progressReporter>
type Turn = ReturnType<typeof takeTurns>

/**
 * Every line checked, then the duplicates searched among the lines and against the stored customers
 * the actor can see: the problems by line, the lines left to write, and the duplicates found.
 */
async function checkAndSearch(
  db: Database,
  actor: ImportActor,
  table: CsvTable,
  build: RowBuilder,
  decisions: ReadonlyMap<number, ImportLineAction>,
  progress: Progress,
  turn: Turn,
) {
  const checked = await checkLines(table, build, progress, turn)
  // Live customers the actor can see: their team's, or all for an admin.
  const existing = await customersRepo.duplicateCandidates(
    db.pool,
    actor.role === 'supervisor' ? { teamId: actor.teamId } : 'organisation',
  )
  const errors = checked.errors
  const live = new Set(existing.map((c) => c.id))
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
  const searched = checked.candidates.length + existing.length
  progress({ phase: 'duplicates', done: 0, total: searched })
  const found = await runInTurns(searchImportDuplicates(checked.candidates, existing), turn)
  progress({ phase: 'duplicates', done: searched, total: searched })
  const detected = withExactRepeats(found, checked.candidates)
  return { errors, badLines, validLines, detected }
}

/** Every line checked, a slice at a time; the documents are dropped (the write builds them again). */
async function checkLines(table: CsvTable, build: RowBuilder, progress: Progress, turn: Turn) {
  const errors: ImportError[] = table.malformed.map((m) => lineError(m.line, 'row', m.reason, m.zh))
  const candidates: CustomerRowsResult['candidates'] = []
  const validLines: number[] = []
  for (let i = 0; i < table.rows.length; i += SLICE) {
    const read = readCustomerRows({
      ...build,
      table: { ...table, rows: table.rows.slice(i, i + SLICE), malformed: [] },
    })
    errors.push(...read.errors)
    candidates.push(...read.candidates)
    for (const r of read.rows) validLines.push(r.line)
    progress({ phase: 'check', done: Math.min(table.rows.length, i + SLICE), total: table.rows.length })
    await turn()
  }
  return { errors, candidates, validLines }
}

/** The planned lines written a slice at a time, each slice's documents built again from its lines. */
async function writeInSlices(
  client: pg.PoolClient,
  table: CsvTable,
  build: RowBuilder,
  wanted: readonly Wanted[],
  nowMs: number,
  progress: Progress,
  turn: Turn,
): Promise<ChangeNotice> {
  const rowOf = new Map(table.rows.map((r) => [r.line, r]))
  const owners = new Set<string>()
  const teams = new Set<string>()
  for (let i = 0; i < wanted.length; i += SLICE) {
    const slice = wanted.slice(i, i + SLICE)
    const rows = slice.flatMap((w) => rowOf.get(w.line) ?? [])
    const built = new Map(
      readCustomerRows({ ...build, table: { ...table, rows, malformed: [] } }).rows.map((r) => [r.line, r]),
    )
    const notice = await writeRows(
      client,
      slice.flatMap((w) => {
        const row = built.get(w.line)
        return row ? [{ row, into: w.into }] : []
      }),
      nowMs,
    )
    for (const o of notice.owners) owners.add(o)
    for (const t of notice.teams) teams.add(t)
    progress({ phase: 'write', done: Math.min(wanted.length, i + SLICE), total: wanted.length })
    await turn()
  }
  return { collections: ['customers', 'contacts'], owners: [...owners], teams: [...teams], broadcast: false }
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
 * Marks repeats of an earlier line (every mapped cell the same) as exact, adding those the detector
 * did not pair (it compares only names, phones, addresses and places).
 */
function withExactRepeats(
  detected: DetectedDuplicate[],
  candidates: readonly { line: number; key: string }[],
): (DetectedDuplicate & { kind: DuplicateKind })[] {
  const firstWithKey = new Map<string, number>()
  const repeatOf = new Map<number, number>()
  for (const c of candidates) {
    const first = firstWithKey.get(c.key)
    if (first === undefined) firstWithKey.set(c.key, c.line)
    else repeatOf.set(c.line, first)
  }
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

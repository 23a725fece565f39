import type { DuplicateCandidate } from '@outrider/domain'
import type pg from 'pg'
import type { Database } from '../db/database.ts'
import type { ChangeNotice } from '../sync/change-bus.ts'
import { bulkInsert, tables } from '../sync/tables.ts'
import { type ColumnMapping, checkColumns } from './column-mapping.ts'
import { parseCsvTable } from './csv-table.ts'
import { type CustomerRow, type RepRef, readCustomerRows } from './customer-rows.ts'
import { findImportDuplicates } from './import-duplicates.ts'
import { ImportInputError } from './import-input-error.ts'
import { saveMapping } from './import-mappings.ts'
import { type ImportActor, type ImportOptions, type ImportReport, lineError } from './import-report.ts'
import { lockCustomers, mergeRowIntoCustomer } from './merge-stored-customers.ts'
import { serverStamp } from './server-stamp.ts'

export type CustomerImportRequest = {
  csv: string
  columns: ColumnMapping
  /** Lines to fold into an existing customer instead of inserting them. */
  merge?: { line: number; into: string }[]
  source?: string
}

export type ImportOutcome = { report: ImportReport; notice: ChangeNotice | null }
/** Runs inside the import's transaction, e.g. to queue the wake-up notice. */
export type InTx = (client: pg.PoolClient, notice: ChangeNotice) => Promise<void>

/**
 * The whole customer import, shared by the API and the CLI: reads and checks every line, finds
 * duplicates within the file and against the actor's customers, and — unless it is a dry run or bad
 * lines block it — inserts (or merges) the lines in one transaction.
 */
export async function importCustomers(
  db: Database,
  actor: ImportActor,
  request: CustomerImportRequest,
  options: ImportOptions,
  inTx: InTx = async () => {},
  nowMs = Date.now(),
): Promise<ImportOutcome> {
  const table = parseCsvTable(request.csv)
  if ('error' in table) throw new ImportInputError(table.error)
  const problem = checkColumns('customers', request.columns, table.header)
  if (problem) throw new ImportInputError(problem)
  const lines = new Set(table.rows.map((r) => r.line))
  const merges = new Map<number, string>()
  for (const m of request.merge ?? []) {
    if (!lines.has(m.line) && !table.malformed.some((x) => x.line === m.line))
      throw new ImportInputError(`merge: line ${m.line} is not a data line of the file`)
    merges.set(m.line, m.into)
  }

  const now = new Date(nowMs).toISOString()
  let seq = 0
  const read = readCustomerRows({
    table,
    columns: request.columns,
    reps: await loadReps(db),
    actor,
    now,
    stamp: serverStamp(nowMs),
    newId: (prefix) =>
      `${prefix}-${nowMs.toString(36)}-${(++seq).toString(36)}-${crypto.randomUUID().slice(0, 8)}`,
  })
  const existing = await loadExisting(db, actor)
  const duplicates = findImportDuplicates(read.candidates, existing)
  const errors = read.errors
  const live = new Set(existing.map((c) => c.id))
  for (const [line, into] of merges)
    if (!live.has(into))
      errors.push(
        lineError(
          line,
          'merge',
          `customer ${into} is not one of your customers`,
          `客户 ${into} 不在您的客户中`,
        ),
      )
  errors.sort((a, b) => a.line - b.line)
  const badLines = new Set(errors.map((e) => e.line))

  const report: ImportReport = {
    rows: table.rows.length + table.malformed.length,
    valid: read.rows.filter((r) => !badLines.has(r.line)).length,
    errors,
    duplicates,
    imported: 0,
  }
  const blocked = errors.length > 0 && !options.skipInvalid
  if (options.dryRun) return { report, notice: null }

  const dupLines = new Set(duplicates.map((d) => d.line))
  const wanted = blocked
    ? []
    : read.rows.filter(
        (r) =>
          !badLines.has(r.line) && (merges.has(r.line) || !(options.skipDuplicates && dupLines.has(r.line))),
      )
  return db.tx(async (client) => {
    if (request.source) await saveMapping(client, request.source, 'customers', request.columns)
    if (wanted.length === 0) return { report, notice: null }
    const notice = await writeRows(client, wanted, merges, nowMs)
    await inTx(client, notice)
    return { report: { ...report, imported: wanted.length }, notice }
  })
}

async function writeRows(
  client: pg.PoolClient,
  rows: CustomerRow[],
  merges: ReadonlyMap<number, string>,
  nowMs: number,
): Promise<ChangeNotice> {
  const now = new Date(nowMs).toISOString()
  const inserts = rows.filter((r) => !merges.has(r.line))
  const customers = inserts.map((r) => ({ ...r.customer, serverUpdatedAt: now }))
  await bulkInsert(client, tables.customers, customers)
  const scopeOf = new Map(customers.map((c) => [c.id, { owner_rep_id: c.ownerRepId, team_id: c.teamId }]))
  const contacts = inserts.flatMap((r) =>
    r.contact ? [{ ...r.contact, ownerRepId: r.customer.ownerRepId, serverUpdatedAt: now }] : [],
  )
  await bulkInsert(client, tables.contacts, contacts, (d) => scopeOf.get(String(d.customerId)) ?? {})
  const owners = new Set<string>()
  const teams = new Set<string>()
  for (const c of customers) {
    if (c.ownerRepId) owners.add(c.ownerRepId)
    if (c.teamId) teams.add(c.teamId)
  }
  for (const r of rows) {
    const into = merges.get(r.line)
    if (into === undefined) continue
    const survivor = (await lockCustomers(client, [into])).get(into)
    if (!survivor) continue
    const merged = await mergeRowIntoCustomer(client, survivor, r.customer, r.contact, nowMs)
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

/** Live customers the actor can see: their team's, or all for an admin. */
async function loadExisting(db: Database, actor: ImportActor): Promise<DuplicateCandidate[]> {
  const teamOnly = actor.role === 'supervisor'
  const { rows } = await db.pool.query<{
    id: string
    name: string
    phone: string | null
    city: string | null
    lat: number | null
    lng: number | null
    address: string | null
    district: string | null
  }>(
    `SELECT id, name, phone, city, lat, lng, doc->>'address' AS address, doc->>'district' AS district
       FROM customers
      WHERE NOT deleted AND doc->>'mergedInto' IS NULL ${teamOnly ? 'AND team_id = $1' : ''}`,
    teamOnly ? [actor.teamId] : [],
  )
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    address: r.address ?? '',
    city: r.city ?? '',
    location: r.lat !== null && r.lng !== null ? { lat: r.lat, lng: r.lng } : null,
    ...(r.phone ? { phone: r.phone } : {}),
    ...(r.district ? { district: r.district } : {}),
  }))
}

/**
 * How each synced collection maps onto its table: the typed columns extracted from a document
 * (for scope, authorization and queries) next to the full document in `doc`.
 */
type Doc = Record<string, unknown>
export type Column = { name: string; type: string; from: (doc: Doc) => unknown }

/** Who may pull a row: scoped rows by the owner rep (or their supervisor's team); reference data by everyone. */
export type Scope = 'owner' | 'reference' | 'team-members'

export type TableDef = { table: string; scope: Scope; columns: Column[] }

const str = (k: string) => (d: Doc) => (typeof d[k] === 'string' ? d[k] : null)
const num = (k: string) => (d: Doc) => (typeof d[k] === 'number' ? d[k] : null)
const bool = (k: string) => (d: Doc) => d[k] === true
const scoped: Column[] = [
  { name: 'owner_rep_id', type: 'text', from: str('ownerRepId') },
  { name: 'team_id', type: 'text', from: str('teamId') },
]
const appendOnly: Column[] = [
  { name: 'customer_id', type: 'text', from: str('customerId') },
  ...scoped,
  { name: 'author_id', type: 'text', from: str('authorId') },
  { name: 'revision_of', type: 'text', from: str('revisionOf') },
  { name: 'revision', type: 'integer', from: num('revision') },
]

export const tables = {
  customers: {
    table: 'customers',
    scope: 'owner',
    columns: [
      ...scoped,
      { name: 'name', type: 'text', from: str('name') },
      { name: 'phone', type: 'text', from: str('phone') },
      { name: 'city', type: 'text', from: str('city') },
      {
        name: 'lat',
        type: 'double precision',
        from: (d) => (d.location as { lat?: number } | null)?.lat ?? null,
      },
      {
        name: 'lng',
        type: 'double precision',
        from: (d) => (d.location as { lng?: number } | null)?.lng ?? null,
      },
      { name: 'deleted', type: 'boolean', from: bool('deleted') },
    ],
  },
  contacts: {
    table: 'contacts',
    scope: 'owner',
    columns: [
      { name: 'customer_id', type: 'text', from: str('customerId') },
      ...scoped,
      { name: 'deleted', type: 'boolean', from: bool('deleted') },
    ],
  },
  orders: {
    table: 'orders',
    scope: 'owner',
    columns: [
      ...appendOnly,
      { name: 'ordered_at', type: 'timestamptz', from: str('orderedAt') },
      {
        name: 'total',
        type: 'numeric',
        from: (d) =>
          Array.isArray(d.lines)
            ? (d.lines as { quantity: number; unitPrice: number }[]).reduce(
                (s, l) => s + Math.round(l.quantity * l.unitPrice * 100),
                0,
              ) / 100
            : 0,
      },
    ],
  },
  visits: {
    table: 'visits',
    scope: 'owner',
    columns: [
      ...appendOnly,
      { name: 'check_in_at', type: 'timestamptz', from: str('checkInAt') },
      { name: 'outcome', type: 'text', from: str('outcome') },
      {
        name: 'review_status',
        type: 'text',
        from: (d) => (d.review as { status?: string } | undefined)?.status ?? 'pending',
      },
    ],
  },
  feedback: {
    table: 'feedback',
    scope: 'owner',
    columns: [
      ...appendOnly,
      { name: 'at', type: 'timestamptz', from: str('at') },
      { name: 'score', type: 'integer', from: num('score') },
      {
        name: 'complaint_status',
        type: 'text',
        from: (d) => (d.complaint as { status?: string } | null)?.status ?? null,
      },
    ],
  },
  tasks: {
    table: 'tasks',
    scope: 'owner',
    columns: [
      { name: 'customer_id', type: 'text', from: str('customerId') },
      { name: 'owner_rep_id', type: 'text', from: str('assigneeId') },
      { name: 'team_id', type: 'text', from: str('teamId') },
      { name: 'due', type: 'date', from: str('due') },
      { name: 'status', type: 'text', from: str('status') },
      { name: 'deleted', type: 'boolean', from: bool('deleted') },
    ],
  },
  dayPlans: {
    table: 'day_plans',
    scope: 'owner',
    columns: [
      { name: 'owner_rep_id', type: 'text', from: str('repId') },
      { name: 'team_id', type: 'text', from: str('teamId') },
      { name: 'date', type: 'date', from: str('date') },
      { name: 'deleted', type: 'boolean', from: bool('deleted') },
    ],
  },
  products: { table: 'products', scope: 'reference', columns: [] },
  policies: { table: 'policies', scope: 'reference', columns: [] },
  tagRules: { table: 'tag_rules', scope: 'reference', columns: [] },
  teams: { table: 'teams', scope: 'team-members', columns: [] },
  conflicts: {
    table: 'conflicts',
    scope: 'owner',
    columns: [
      { name: 'collection', type: 'text', from: str('collection') },
      { name: 'doc_id', type: 'text', from: str('docId') },
      { name: 'customer_id', type: 'text', from: str('customerId') },
      ...scoped,
    ],
  },
} satisfies Record<string, TableDef>

export type TableName = keyof typeof tables

/** Row object for bulk inserts: id, extracted columns and the document itself. */
export function toRow(
  def: TableDef,
  doc: Doc,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const row: Record<string, unknown> = { id: doc.id, doc }
  for (const c of def.columns) row[c.name] = c.name in overrides ? overrides[c.name] : c.from(doc)
  return row
}

/**
 * Inserts many documents in one statement per chunk through `jsonb_to_recordset`, so seeding
 * thousands of rows costs a handful of round trips.
 */
export async function bulkInsert(
  client: { query: (text: string, values?: unknown[]) => Promise<unknown> },
  def: TableDef,
  docs: readonly Doc[],
  overridesFor: (doc: Doc) => Record<string, unknown> = () => ({}),
  chunk = 2000,
): Promise<void> {
  const cols = ['id', ...def.columns.map((c) => c.name), 'doc']
  const types = ['text', ...def.columns.map((c) => c.type), 'jsonb']
  const recordset = cols.map((c, i) => `${c} ${types[i]}`).join(', ')
  const sql = `INSERT INTO ${def.table} (${cols.join(', ')}) SELECT ${cols.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS x(${recordset})`
  for (let i = 0; i < docs.length; i += chunk) {
    const rows = docs.slice(i, i + chunk).map((d) => toRow(def, d, overridesFor(d)))
    await client.query(sql, [JSON.stringify(rows)])
  }
}

import type { ColumnMapping, ImportKind, SavedMapping } from '@outrider/domain'
import type pg from 'pg'

type Queryable = Pick<pg.Pool, 'query'>

/** Remembers the column mapping used for a named source, so the next file from it maps itself. */
export async function saveMapping(
  db: Queryable,
  source: string,
  kind: ImportKind,
  columns: ColumnMapping,
): Promise<void> {
  await db.query(
    `INSERT INTO import_mappings (source, kind, mapping) VALUES ($1, $2, $3)
     ON CONFLICT (source, kind) DO UPDATE SET mapping = EXCLUDED.mapping, updated_at = now()`,
    [source, kind, JSON.stringify(columns)],
  )
}

/** The mapping saved for a source and kind; without a kind, the one saved last. */
export async function loadMapping(
  db: Queryable,
  source: string,
  kind?: ImportKind,
): Promise<SavedMapping | null> {
  const { rows } = await db.query<{
    source: string
    kind: ImportKind
    mapping: ColumnMapping
    updated_at: Date
  }>(
    `SELECT source, kind, mapping, updated_at FROM import_mappings
      WHERE source = $1 AND ($2::text IS NULL OR kind = $2) ORDER BY updated_at DESC LIMIT 1`,
    [source, kind ?? null],
  )
  const r = rows[0]
  return r
    ? { source: r.source, kind: r.kind, columns: r.mapping, updatedAt: new Date(r.updated_at).toISOString() }
    : null
}

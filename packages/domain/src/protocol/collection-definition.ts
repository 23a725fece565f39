import type { z } from 'zod'

/**
 * How a collection's records change: `mergeable` ones merge field by field on per-field clocks,
 * `appendOnly` ones never change (a correction is a new revision), `readOnly` ones devices only pull.
 */
export type CollectionKind = 'mergeable' | 'appendOnly' | 'readOnly'

/**
 * How the server fills a server-owned field; a device's value is never trusted.
 * `writeTime`: the time of every write. `owner` / `ownerTeam`: the row's scope (see `Scope`).
 * `author`: who first pushed it, or for a correction its original's author. `writer`: who first pushed
 * this very row. `firstReceived`: when the server first stored it.
 * `{ initial }`: kept once set (by another server route), else this value.
 */
export type ServerStamp =
  | 'writeTime'
  | 'owner'
  | 'ownerTeam'
  | 'author'
  | 'writer'
  | 'firstReceived'
  | { initial: unknown }

/**
 * How a row reaches a device.
 * `everyone`: reference data every signed-in device pulls.
 * `ownTeam`: the row whose id is the user's team. `teamMembers`: rows whose team column is the user's team.
 * `owned`: rows carry an owner rep and a team (columns `owner_rep_id`, `team_id`); a rep pulls their own,
 * a supervisor their team's. `ownerField` is the document field naming the owner. New rows hang off
 * their customer (`parent: 'customer'`, when the document names one) or belong to whoever creates
 * them; `assignable` rows may be created for another rep by a supervisor (a rep's are always their own).
 * `handler` names a document field holding the user who handles the row (a complaint's assignee): any
 * writer may set it, but only to a member of the row's team.
 */
export type Scope =
  | { kind: 'everyone' }
  | { kind: 'ownTeam' }
  | { kind: 'teamMembers' }
  | {
      kind: 'owned'
      ownerField: string
      parent: 'customer' | 'none'
      assignable: boolean
      handler?: string
    }

/** Postgres types of the typed columns the server keeps next to each row's `doc jsonb`. */
export type ColumnType =
  | 'text'
  | 'integer'
  | 'double precision'
  | 'numeric'
  | 'boolean'
  | 'timestamptz'
  | 'date'

/**
 * A typed column: extracted from the document on every write (for scope, authorization and
 * queries), or (`from` absent) written only by the server's own statements or its default.
 */
export type Column = {
  name: string
  type: ColumnType
  from?: (doc: Readonly<Record<string, unknown>>) => unknown
}

export type CollectionDefinition<
  S extends z.ZodObject = z.ZodObject,
  K extends CollectionKind = CollectionKind,
  Sc extends Scope = Scope,
> = {
  /** The documents devices see (for users, the public projection); parsing strips every other key. */
  schema: S
  kind: K
  serverOwned: Readonly<Partial<Record<keyof z.infer<S> & string, ServerStamp>>>
  scope: Sc
  /** The Postgres table; besides `columns` it has `id`, `doc`, `txid` and `server_updated_at`. */
  table: string
  columns: readonly Column[]
  /**
   * Documents built from the row rather than stored whole: each listed field is read from this
   * column, the other schema fields from `doc` (users: role and team are kept as columns).
   */
  projection?: Readonly<Partial<Record<keyof z.infer<S> & string, string>>>
  /** Fields devices index locally (RxDB), besides the id. */
  deviceIndexes?: readonly (keyof z.infer<S> & string)[]
}

/** Declares one synced entity; every copy of its rules (server, SQL, device) is derived from this. */
export function defineCollection<S extends z.ZodObject, const K extends CollectionKind, Sc extends Scope>(
  definition: CollectionDefinition<S, K, Sc>,
): CollectionDefinition<S, K, Sc> {
  return definition
}

const read = (doc: Readonly<Record<string, unknown>>, field: string) => doc[field]

/** Column helpers: a document field copied into a typed column (null when absent or of another type). */
export const columns = {
  text: (name: string, field: string): Column => ({
    name,
    type: 'text',
    from: (d) => (typeof read(d, field) === 'string' ? read(d, field) : null),
  }),
  integer: (name: string, field: string): Column => ({
    name,
    type: 'integer',
    from: (d) => (typeof read(d, field) === 'number' ? read(d, field) : null),
  }),
  timestamptz: (name: string, field: string): Column => ({
    ...columns.text(name, field),
    type: 'timestamptz',
  }),
  date: (name: string, field: string): Column => ({ ...columns.text(name, field), type: 'date' }),
  flag: (name: string, field: string): Column => ({
    name,
    type: 'boolean',
    from: (d) => read(d, field) === true,
  }),
  /** The scope columns of an `owned` row; push, import and reassignment set them from the row's owner. */
  scope: (ownerField: string): Column[] => [
    columns.text('owner_rep_id', ownerField),
    columns.text('team_id', 'teamId'),
  ],
  /** What every append-only record stores: its customer, scope, author and revision. */
  appendOnly: (): Column[] => [
    columns.text('customer_id', 'customerId'),
    ...columns.scope('ownerRepId'),
    columns.text('author_id', 'authorId'),
    columns.text('revision_of', 'revisionOf'),
    columns.integer('revision', 'revision'),
    // Defaults to the insert time; the document's `receivedAt` is the server-owned copy devices see.
    { name: 'received_at', type: 'timestamptz' },
  ],
}

/** The server-owned fields every append-only record has. */
export const appendOnlyStamps = {
  ownerRepId: 'owner',
  authorId: 'author',
  revisedBy: 'writer',
  receivedAt: 'firstReceived',
  serverUpdatedAt: 'writeTime',
} as const satisfies Record<string, ServerStamp>

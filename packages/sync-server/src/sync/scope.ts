import type { Principal } from '../auth/sessions.ts'
import type { TableDef } from './tables.ts'

/**
 * The column holding who handles a row (a complaint's assignee), or null: the snake_case of the
 * scope's `handler` field, which the collection must keep as a column.
 */
export function handlerColumn(def: TableDef): string | null {
  const scope = def.scope
  if (scope.kind !== 'owned' || scope.handler === undefined) return null
  const name = scope.handler.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)
  if (!def.columns.some((c) => c.name === name))
    throw new Error(`${def.table}: the handler ${scope.handler} needs a column ${name}`)
  return name
}

/** Who handles a stored or incoming document (a complaint's assignee), or null. */
export function handlerOf(
  def: TableDef,
  doc: Readonly<Record<string, unknown>> | null | undefined,
): string | null {
  const scope = def.scope
  if (!doc || scope.kind !== 'owned' || scope.handler === undefined) return null
  const value = doc[scope.handler]
  return typeof value === 'string' ? value : null
}

/** SQL condition (on alias `r`) limiting rows to what `who` may see, with its parameters appended to `params`. */
export function scopeCondition(def: TableDef, who: Principal, params: unknown[]): string {
  const scope = def.scope
  if (who.role === 'admin' || scope.kind === 'everyone') return 'true'
  if (scope.kind === 'ownTeam') {
    params.push(who.teamId)
    return `r.id = $${params.length}`
  }
  if (scope.kind === 'teamMembers' || who.role === 'supervisor') {
    params.push(who.teamId)
    return `r.team_id = $${params.length}`
  }
  params.push(who.userId)
  // A rep also gets the rows they handle on customers of another rep (a complaint handed to them).
  const handler = handlerColumn(def)
  return handler === null
    ? `r.owner_rep_id = $${params.length}`
    : `(r.owner_rep_id = $${params.length} OR r.${handler} = $${params.length})`
}

/**
 * Whether `who` may write a row whose scope columns are (ownerRepId, teamId); `handlerId` is who
 * handles the stored row (a complaint's assignee), who may progress it as its owner may.
 */
export function mayWrite(
  who: Principal,
  owner: { ownerRepId: string | null; teamId: string | null },
  handlerId: string | null = null,
): boolean {
  if (who.role === 'admin') return true
  if (who.role === 'supervisor') return owner.teamId !== null && owner.teamId === who.teamId
  return owner.ownerRepId === who.userId || (handlerId !== null && handlerId === who.userId)
}

import type { Principal } from '../auth/sessions.ts'
import type { TableDef } from './tables.ts'

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
  return `r.owner_rep_id = $${params.length}`
}

/** Whether `who` may write a row whose scope columns are (ownerRepId, teamId). */
export function mayWrite(
  who: Principal,
  owner: { ownerRepId: string | null; teamId: string | null },
): boolean {
  if (who.role === 'admin') return true
  if (who.role === 'supervisor') return owner.teamId !== null && owner.teamId === who.teamId
  return owner.ownerRepId === who.userId
}

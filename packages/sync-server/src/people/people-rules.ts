import type { Principal } from '../auth/sessions.ts'

export type Role = 'rep' | 'supervisor' | 'admin'
type Person = { role: Role; teamId: string | null }

/**
 * Who may manage whom: an admin everyone; a supervisor the reps of their own team (and may only
 * keep them reps in that team); a rep nobody. `after` is the person as the change would leave them.
 */
export function canManage(
  actor: Pick<Principal, 'role' | 'teamId'>,
  before: Person | null,
  after: Person,
): boolean {
  if (actor.role === 'admin') return true
  if (actor.role !== 'supervisor' || actor.teamId === null) return false
  const mine = (p: Person) => p.role === 'rep' && p.teamId === actor.teamId
  return (before === null || mine(before)) && mine(after)
}

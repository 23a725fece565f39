import { type CollectionName, collectionNameSchema } from '@outrider/domain'
import type { Principal } from '../auth/sessions.ts'
import type { ChangeNotice } from './change-bus.ts'

/** Every notice is checked for every socket, so membership is a set lookup, not a schema parse. */
const known: ReadonlySet<string> = new Set(collectionNameSchema.options)

/**
 * The collections of a notice that `who` may see, for the `changed` hint. A broadcast without
 * collections (the listener reconnected and may have missed notices) means "pull everything".
 */
export function wakeCollections(who: Principal, n: ChangeNotice): CollectionName[] {
  const visible =
    n.broadcast ||
    who.role === 'admin' ||
    (who.role === 'supervisor' && who.teamId !== null && n.teams.includes(who.teamId)) ||
    n.owners.includes(who.userId)
  if (!visible) return []
  if (n.broadcast && n.collections.length === 0) return [...collectionNameSchema.options]
  return n.collections.filter((c): c is CollectionName => known.has(c))
}

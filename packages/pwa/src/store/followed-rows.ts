import { type OutriderDb, rowsOf } from './device-db.ts'
import type { RowCollection, RowDocs } from './schemas.ts'

type Followed<C extends RowCollection> = {
  docs: RowDocs[C][] | null
  takers: Set<(docs: RowDocs[C][]) => void>
}
type ByName = { [C in RowCollection]?: Followed<C> }

const followedBy = new WeakMap<OutriderDb, ByName>()

function followed<C extends RowCollection>(db: OutriderDb, name: C): Followed<C> {
  let byName = followedBy.get(db)
  if (!byName) {
    byName = {}
    followedBy.set(db, byName)
  }
  const known: ByName[C] = byName[name]
  if (known) return known
  const entry: Followed<C> = { docs: null, takers: new Set() }
  Object.assign(byName, { [name]: entry })
  // Kept for as long as the database is open: the next screen that reads the collection gets its
  // documents at once instead of reading and copying all of them again (RxDB ends it on close).
  // RxDB keeps one document object per stored revision: a document unchanged since the last list
  // keeps its copy, so a change (or a page of a first sync) copies only what it brought.
  const copyOf = new WeakMap<object, RowDocs[C]>()
  rowsOf(db, name)
    .find()
    .$.subscribe((docs) => {
      const copies = docs.map((d) => {
        let copy = copyOf.get(d)
        if (copy === undefined) {
          copy = d.toMutableJSON()
          copyOf.set(d, copy)
        }
        return copy
      })
      entry.docs = copies
      for (const take of entry.takers) take(copies)
    })
  return entry
}

/**
 * Follows every document of a row collection, shared by all readers of the open database (the
 * insights engine, the supervisor's screens): one live query and one copy of each document per
 * change, whoever reads. `take` gets the current documents at once when they are known, then every
 * new list; readers must not change the arrays. Returns the stop function.
 */
export function followRows<C extends RowCollection>(
  db: OutriderDb,
  name: C,
  take: (docs: RowDocs[C][]) => void,
): () => void {
  const entry = followed(db, name)
  entry.takers.add(take)
  if (entry.docs) take(entry.docs)
  return () => {
    entry.takers.delete(take)
  }
}

/** The documents of a followed collection as last read, or null before its first read. */
export function followedRows<C extends RowCollection>(db: OutriderDb, name: C): RowDocs[C][] | null {
  const byName: ByName | undefined = followedBy.get(db)
  return byName?.[name]?.docs ?? null
}

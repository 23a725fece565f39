import { logFailure } from './log-failure.ts'

const flushers = new Set<() => Promise<void>>()

/** Forms with unsaved input register a flush; it runs before the app reloads itself (an update). */
export function registerDraftFlush(flush: () => Promise<void>): () => void {
  flushers.add(flush)
  return () => flushers.delete(flush)
}

/** Saves every open draft now; a failing flush does not stop the others. */
export async function flushDrafts(): Promise<void> {
  await Promise.all(
    [...flushers].map((f) =>
      f().catch(logFailure('a draft could not be saved before the update; the others still are')),
    ),
  )
}

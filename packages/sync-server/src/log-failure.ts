/**
 * For clean-up whose failure must not hide the error being handled (a rollback after a failure, closing
 * a connection that is already broken): the error is logged with the reason it is let go.
 */
export function logFailure(reason: string): (err: unknown) => void {
  return (err) => console.warn(`outrider-server: ${reason}:`, err instanceof Error ? err.message : err)
}

/** A ROLLBACK after an error: when it fails too, the connection is broken and the first error is the one raised. */
export const rollbackFailed = 'ROLLBACK after an error failed too (the connection is likely broken)'

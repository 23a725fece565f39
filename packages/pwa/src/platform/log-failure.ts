/**
 * For work whose failure must not stop its caller (it is retried later, or nothing waits on it): the
 * error is logged with the reason it may be let go, never dropped without a trace.
 */
export function logFailure(reason: string): (err: unknown) => void {
  return (err) => console.warn(`outrider: ${reason}`, err)
}

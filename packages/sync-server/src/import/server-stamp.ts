import { formatStamp } from '@outrider/domain'

/** Field-clock stamp for edits the server makes itself (imports, merges), ordered by wall time. */
export function serverStamp(ms: number): string {
  return formatStamp(ms, 0, 'server')
}

export type PlanFileFormat = 'tsplib' | 'solomon' | 'optw' | 'day-json'

/** Guesses an input file's format from its content (file names are not trusted). */
export function detectPlanFormat(text: string): PlanFileFormat {
  const head = text.trimStart()
  if (head.startsWith('{')) return 'day-json'
  if (/^\s*NODE_COORD_SECTION\b/m.test(text) || /^\s*(NAME|TYPE|DIMENSION)\s*:/m.test(text)) return 'tsplib'
  if (/CUST\s*NO/i.test(text)) return 'solomon'
  const first = head.split(/\r?\n/, 1)[0] ?? ''
  if (/^\d+(\.\d+)?(\s+\d+(\.\d+)?){2,3}\s*$/.test(first.trim())) return 'optw'
  throw new Error('unrecognised planner input: expected TSPLIB .tsp, Solomon, OPTW text or day-plan JSON')
}

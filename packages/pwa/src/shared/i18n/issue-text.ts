import type { TFunction } from 'i18next'

/** The part of a zod issue a message needs (kept structural so any zod version's issues fit). */
export type Issue = {
  code: string
  path: readonly PropertyKey[]
  minimum?: unknown
  maximum?: unknown
  expected?: unknown
  origin?: unknown
}

/**
 * What is wrong with a value, in the reader's language ("不能小于 1"), for the message beside its field:
 * never zod's English ("Too small: expected number to be >=1").
 */
export function issueText(t: TFunction, issue: Issue): string {
  const n = (v: unknown) => (typeof v === 'bigint' ? Number(v) : v)
  switch (issue.code) {
    case 'too_small':
      return issue.origin === 'string' && n(issue.minimum) === 1
        ? t('forms.required')
        : t('forms.min', { min: n(issue.minimum) })
    case 'too_big':
      return issue.origin === 'string'
        ? t('forms.tooLong', { max: n(issue.maximum) })
        : t('forms.max', { max: n(issue.maximum) })
    case 'invalid_type':
      if (issue.expected === 'int') return t('forms.whole')
      return issue.expected === 'number' ? t('forms.number') : t('forms.required')
    case 'not_multiple_of':
      return t('forms.whole')
    default:
      return t('forms.invalid')
  }
}

/** Issues by field path ("tiers.A.visitEveryDays"), the first per field, as readable text. */
export function issuesByPath(t: TFunction, issues: readonly Issue[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const i of issues) {
    const key = i.path.map(String).join('.')
    out[key] ??= issueText(t, i)
  }
  return out
}

/** Why an analytics run could not start: a stable code for programs, a message for people. */
export interface AnalyticsError {
  code: 'bad_period' | 'bad_as_of' | 'bad_options' | 'bad_input'
  message: string
}

export type AnalyticsResult<T> = { ok: true; value: T } | { ok: false; error: AnalyticsError }

export function analyticsError<T>(code: AnalyticsError['code'], message: string): AnalyticsResult<T> {
  return { ok: false, error: { code, message } }
}

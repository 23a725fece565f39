import type { WorkDay } from './insights-types.ts'

export const DEFAULT_WORK_START = 8 * 60 + 30
export const DEFAULT_WORK_END = 18 * 60

type UserFields = {
  home?: { lat: number; lng: number } | null | undefined
  workStart?: number | null | undefined
  workEnd?: number | null | undefined
}

/** The rep's working day from their user record: 08:30–18:00 and no home unless they set them. */
export function workDayOf(user: UserFields | undefined, lunch: boolean): WorkDay {
  const start = user?.workStart ?? DEFAULT_WORK_START
  const end = user?.workEnd ?? DEFAULT_WORK_END
  const valid = start >= 0 && end <= 1440 && start < end
  return {
    home: user?.home ?? null,
    workStart: valid ? start : DEFAULT_WORK_START,
    workEnd: valid ? end : DEFAULT_WORK_END,
    lunch,
  }
}

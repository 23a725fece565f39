import { type Organisation, organisationSchema, timeZoneSchema } from '@outrider/domain'
import { minutesToTime, timeToMinutes } from '../../shared/weekday-names.ts'

/** The settings form as typed: times as "09:00", working days as checkbox values. */
export type OrganisationForm = {
  name: string
  timeZone: string
  currency: string
  workingDays: string[]
  workStart: string
  workEnd: string
  holidayCalendar: 'cn' | 'none'
}
export type OrganisationField = keyof OrganisationForm

/** Why a field is refused: keys of `admin.organisation.errors`. */
export type FieldProblems = Partial<Record<OrganisationField, string>>

export const organisationToForm = (o: Organisation): OrganisationForm => ({
  name: o.name,
  timeZone: o.timeZone,
  currency: o.currency,
  workingDays: o.workingDays.map(String),
  workStart: minutesToTime(o.workStart),
  workEnd: minutesToTime(o.workEnd),
  holidayCalendar: o.holidayCalendar,
})

/**
 * The organisation the form describes, or each refused field with the reason, checked by the same
 * schema the server applies (so what passes here is not refused there for a reason the form could show).
 */
export function organisationFromForm(
  f: OrganisationForm,
): { ok: true; organisation: Organisation } | { ok: false; problems: FieldProblems } {
  const problems: FieldProblems = {}
  const name = f.name.trim()
  if (name.length === 0 || name.length > 200) problems.name = 'name'
  if (!timeZoneSchema.safeParse(f.timeZone.trim()).success) problems.timeZone = 'timeZone'
  const currency = f.currency.trim().toUpperCase()
  if (!/^[A-Z]{3}$/.test(currency)) problems.currency = 'currency'
  if (f.workingDays.length === 0) problems.workingDays = 'days'
  const workStart = timeToMinutes(f.workStart)
  const workEnd = timeToMinutes(f.workEnd)
  if (Number.isNaN(workStart)) problems.workStart = 'time'
  if (Number.isNaN(workEnd)) problems.workEnd = 'time'
  else if (!Number.isNaN(workStart) && workEnd <= workStart) problems.workEnd = 'hours'
  if (Object.keys(problems).length > 0) return { ok: false, problems }
  const parsed = organisationSchema.safeParse({
    name,
    timeZone: f.timeZone.trim(),
    currency,
    workingDays: f.workingDays.map(Number).sort((a, b) => a - b),
    workStart,
    workEnd,
    holidayCalendar: f.holidayCalendar,
  })
  if (!parsed.success) return { ok: false, problems: problemsOf(parsed.error.issues) }
  return { ok: true, organisation: parsed.data }
}

const fieldReasons: Record<OrganisationField, string> = {
  name: 'name',
  timeZone: 'timeZone',
  currency: 'currency',
  workingDays: 'days',
  workStart: 'time',
  workEnd: 'hours',
  holidayCalendar: 'invalid',
}

/** The server's validation issues (zod issues with paths) as problems next to the fields they name. */
export function problemsOf(issues: unknown): FieldProblems {
  const out: FieldProblems = {}
  if (!Array.isArray(issues)) return out
  for (const issue of issues) {
    const field = (issue as { path?: unknown[] } | null)?.path?.[0]
    if (typeof field === 'string' && Object.hasOwn(fieldReasons, field))
      out[field as OrganisationField] = fieldReasons[field as OrganisationField]
  }
  return out
}

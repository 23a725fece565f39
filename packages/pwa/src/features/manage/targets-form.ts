import { type MonthTargets, monthTargetsSchema } from '@outrider/domain'
import { z } from 'zod'
import { percentFields, type TargetField, targetFields } from './target-fields.ts'

/** What the inputs hold: text as typed. */
export type TargetsDraft = Record<TargetField, string>

const count = z.number().int().min(0).max(10_000)
const percent = z.number().min(0).max(100)
/** The form's own check, in the units the supervisor types (so "at most 100" for a percentage). */
const draftSchema = z.object({
  visits: count,
  contacts: count,
  orders: count,
  visitCoverage: percent,
  careOnTime: percent,
  openComplaints: count,
})

export function draftOf(targets: MonthTargets | undefined): TargetsDraft {
  const value = (f: TargetField) => {
    if (!targets) return ''
    const v = targets[f]
    return String(percentFields.has(f) ? Math.round(v * 1000) / 10 : v)
  }
  return Object.fromEntries(targetFields.map((f) => [f, value(f)])) as TargetsDraft
}

/** The targets a draft stands for, or the zod issues of each field that is wrong (paths are field names). */
export function readDraft(
  draft: TargetsDraft,
): { ok: true; targets: MonthTargets } | { ok: false; issues: z.core.$ZodIssue[] } {
  const numbers = Object.fromEntries(
    targetFields.map((f) => {
      const raw = draft[f].trim()
      return [f, raw === '' ? undefined : Number(raw)]
    }),
  )
  const parsed = draftSchema.safeParse(numbers)
  if (!parsed.success) return { ok: false, issues: parsed.error.issues }
  const d = parsed.data
  const targets = monthTargetsSchema.parse({
    ...d,
    visitCoverage: d.visitCoverage / 100,
    careOnTime: d.careOnTime / 100,
  })
  return { ok: true, targets }
}

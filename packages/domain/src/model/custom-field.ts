import { z } from 'zod'
import { entityBase, isoDateSchema, reservedKeys, shortText, text } from './common.ts'

export const customFieldTypes = ['text', 'number', 'date', 'choice'] as const
export const customFieldTypeSchema = z.enum(customFieldTypes)
export type CustomFieldType = z.infer<typeof customFieldTypeSchema>

/**
 * Keys a definition may not take: the prototype's, and `tier`, which the import stores as the tier a
 * customer's record declares (`customFields.tier`, read by the value tiers).
 */
export const reservedCustomFieldKeys: ReadonlySet<string> = new Set([...reservedKeys, 'tier'])

/** Letters (any script), digits and underscores: safe as a CSV header, a clock name and a rule field. */
export const customFieldKeySchema = text(64)
  .regex(/^[\p{L}\p{N}_]+$/u, 'key: letters, digits and _ only')
  .refine((k) => !reservedCustomFieldKeys.has(k), 'this name is reserved')

/** What a custom field's value may be once stored on a customer. */
export const customFieldValueSchema = z.union([text(500), z.number(), z.boolean()])
export type CustomFieldValue = z.infer<typeof customFieldValueSchema>

/**
 * A field an admin defines for customers: reference data every device pulls. Values live on the
 * customer (`customFields[key]`), checked against the definition on the device and the server.
 * An inactive field is no longer offered; the values already stored stay.
 */
export const customFieldSchema = z
  .object({
    ...entityBase,
    key: customFieldKeySchema,
    label: z.object({ en: shortText.min(1), zh: shortText.min(1) }),
    type: customFieldTypeSchema,
    /** The values a choice field offers, shown as they are (the admin types them in the team's words). */
    options: z.array(shortText.min(1)).max(100),
    required: z.boolean(),
    active: z.boolean(),
  })
  .refine((f) => f.type !== 'choice' || f.options.length > 0, {
    message: 'a choice field needs at least one option',
    path: ['options'],
  })
export type CustomField = z.infer<typeof customFieldSchema>

/** Why a custom field's value is refused; screens show each in the user's language. */
export type CustomFieldProblem = 'unknown' | 'required' | 'text' | 'number' | 'date' | 'choice'

export type CustomFieldIssue = { key: string; problem: CustomFieldProblem }

const problemText: Record<CustomFieldProblem, string> = {
  unknown: 'no such custom field',
  required: 'a value is required',
  text: 'must be text of at most 500 characters',
  number: 'must be a number',
  date: 'must be a date (YYYY-MM-DD)',
  choice: 'must be one of the field’s options',
}

/** An issue in English, for server replies and logs. */
export function describeCustomFieldIssue(issue: CustomFieldIssue, field?: CustomField): string {
  const options = issue.problem === 'choice' && field ? ` (${field.options.join(', ')})` : ''
  return `customFields.${issue.key}: ${problemText[issue.problem]}${options}`
}

/** Whether a stored value fits the field's type; null when it does. */
export function customFieldValueProblem(field: CustomField, value: unknown): CustomFieldProblem | null {
  switch (field.type) {
    case 'text':
      return typeof value === 'string' && value.length <= 500 ? null : 'text'
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'number'
    case 'date':
      return isoDateSchema.safeParse(value).success ? null : 'date'
    case 'choice':
      return typeof value === 'string' && field.options.includes(value) ? null : 'choice'
  }
}

export type CustomFieldCheck = {
  /** Only these keys are checked (those an edit changed); all of `values` when absent. */
  changed?: Iterable<string>
  /** Whether every active required field must hold a value (forms and imports; not merges). */
  requireRequired?: boolean
}

/**
 * The problems of a customer's custom field values against the definitions: a key no definition
 * names, a value of the wrong type or not among a choice's options, and, when asked, an active
 * required field left empty. Values of keys outside `changed` are left alone, so records holding
 * older values (or columns an import kept) can still be edited.
 */
export function checkCustomFieldValues(
  values: Readonly<Record<string, unknown>>,
  definitions: readonly CustomField[],
  check: CustomFieldCheck = {},
): CustomFieldIssue[] {
  const byKey = new Map(definitions.map((d) => [d.key, d]))
  const issues: CustomFieldIssue[] = []
  const keys = check.changed ? [...check.changed] : Object.keys(values)
  for (const key of [...new Set(keys)].sort()) {
    const value = Object.hasOwn(values, key) ? values[key] : undefined
    if (value === undefined) continue
    const field = byKey.get(key)
    if (!field) {
      issues.push({ key, problem: 'unknown' })
      continue
    }
    const problem = customFieldValueProblem(field, value)
    if (problem) issues.push({ key, problem })
  }
  if (check.requireRequired) {
    for (const field of definitions) {
      if (!field.active || !field.required) continue
      const value = Object.hasOwn(values, field.key) ? values[field.key] : undefined
      if (value === undefined || value === '') issues.push({ key: field.key, problem: 'required' })
    }
  }
  return issues
}

/** Keys whose value differs between two versions of a customer's custom fields. */
export function changedCustomFieldKeys(
  before: Readonly<Record<string, unknown>> | undefined,
  after: Readonly<Record<string, unknown>>,
): string[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after)])
  const json = (v: unknown) => (v === undefined ? '' : JSON.stringify(v))
  return [...keys].filter((k) => json(before?.[k]) !== json(after[k]))
}

export type ParsedCustomFieldInput =
  | { ok: true; value: CustomFieldValue | undefined }
  | { ok: false; problem: CustomFieldProblem }

const isoDate = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/

/**
 * A value typed in a form or read from a file, as the field stores it: text trimmed, a number
 * (`1,234.5` and full-width digits read), a date `YYYY-MM-DD` (also `2026/3/7`), a choice matched to
 * its option ignoring case and surrounding spaces. Empty input clears the value.
 */
export function parseCustomFieldInput(field: CustomField, raw: string): ParsedCustomFieldInput {
  const input = raw.normalize('NFKC').trim()
  if (input === '') return { ok: true, value: undefined }
  switch (field.type) {
    case 'text':
      return raw.trim().length <= 500 ? { ok: true, value: raw.trim() } : { ok: false, problem: 'text' }
    case 'number': {
      const n = /^[-+]?[\d,]*\.?\d+(e[-+]?\d+)?$/i.test(input)
        ? Number(input.replaceAll(',', ''))
        : Number.NaN
      return Number.isFinite(n) ? { ok: true, value: n } : { ok: false, problem: 'number' }
    }
    case 'date': {
      const m = isoDate.exec(input)
      const value = m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : ''
      return isoDateSchema.safeParse(value).success ? { ok: true, value } : { ok: false, problem: 'date' }
    }
    case 'choice': {
      const wanted = input.toLowerCase()
      const option = field.options.find((o) => o.normalize('NFKC').trim().toLowerCase() === wanted)
      return option === undefined ? { ok: false, problem: 'choice' } : { ok: true, value: option }
    }
  }
}

/** A stored value as a form shows it (the inverse of `parseCustomFieldInput`). */
export function customFieldInputText(value: unknown): string {
  return value === undefined || value === null ? '' : String(value)
}

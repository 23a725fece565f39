import { type CustomField, parseCustomFieldInput } from '@outrider/domain'

// Apart from filter-customers.ts: reading a typed value needs the domain's schemas, which the list's
// first paint does not ship; the list loads this with the custom field definitions.

const folded = (s: string) => s.normalize('NFKC').trim().toLowerCase()

/**
 * Whether a customer's custom field holds what the filter asks: with no value, that it is set; a text
 * field contains the typed words (ignoring case and width); a number, date or choice equals the value
 * read the way the form reads it. A value that cannot be read for the type matches no one.
 */
export function customFieldMatches(
  field: CustomField,
  values: Readonly<Record<string, unknown>> | undefined,
  wanted: string,
): boolean {
  const stored = values && Object.hasOwn(values, field.key) ? values[field.key] : undefined
  if (stored === undefined || stored === '') return false
  if (wanted.trim() === '') return true
  if (field.type === 'text') return folded(String(stored)).includes(folded(wanted))
  const parsed = parseCustomFieldInput(field, wanted)
  return parsed.ok && parsed.value === stored
}

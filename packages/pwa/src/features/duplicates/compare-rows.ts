import { type CustomField, customFieldInputText, type DuplicateSide } from '@outrider/domain'
import { customFieldLabel } from '../../shared/custom-fields.ts'

/** One line of the side-by-side comparison: a field (an i18n key, or a custom field's own label). */
export type CompareRow = {
  key: string
  /** `duplicates.fields.<key>` for a standard field; a custom field's label as it is. */
  label: { i18n: string } | { text: string }
  left: string
  right: string
  differs: boolean
}

const contactLine = (c: DuplicateSide['contacts'][number]) =>
  [c.name, c.title, c.phone, c.wechat, c.email].filter((x) => typeof x === 'string' && x !== '').join(' · ')

/**
 * Every field of two customers side by side, as a supervisor compares them before a merge: the
 * record's fields, each custom field either holds (labelled in the reader's language, or by its key
 * when no definition names it), the contacts, and how many orders and visits each has.
 */
export function compareRows(
  a: DuplicateSide,
  b: DuplicateSide,
  customFields: readonly CustomField[],
  language: string,
  statusText: (status: string) => string,
): CompareRow[] {
  const standard: [string, (s: DuplicateSide) => string][] = [
    ['name', (s) => s.customer.name],
    ['phone', (s) => s.customer.phone ?? ''],
    ['address', (s) => s.customer.address],
    ['city', (s) => s.customer.city],
    ['district', (s) => s.customer.district ?? ''],
    ['industry', (s) => s.customer.industry ?? ''],
    ['status', (s) => statusText(s.customer.status)],
    ['owner', (s) => s.owner ?? ''],
    ['tags', (s) => s.customer.tags.join('、')],
    ['notes', (s) => s.customer.notes ?? ''],
    [
      'location',
      (s) => (s.customer.location ? `${s.customer.location.lat}, ${s.customer.location.lng}` : ''),
    ],
    ['created', (s) => s.customer.createdAt.slice(0, 10)],
  ]
  const rows: CompareRow[] = standard.map(([key, read]) => row(key, { i18n: key }, read(a), read(b)))
  const byKey = new Map(customFields.map((f) => [f.key, f]))
  const keys = [
    ...new Set([...Object.keys(a.customer.customFields), ...Object.keys(b.customer.customFields)]),
  ]
  for (const key of keys.sort()) {
    const field = byKey.get(key)
    rows.push(
      row(
        `custom.${key}`,
        { text: field ? customFieldLabel(field, language) : key },
        customFieldInputText(a.customer.customFields[key]),
        customFieldInputText(b.customer.customFields[key]),
      ),
    )
  }
  rows.push(
    row(
      'contacts',
      { i18n: 'contacts' },
      a.contacts.map(contactLine).join('\n'),
      b.contacts.map(contactLine).join('\n'),
    ),
    row('orders', { i18n: 'orders' }, String(a.orders), String(b.orders)),
    row('visits', { i18n: 'visits' }, String(a.visits), String(b.visits)),
  )
  return rows
}

function row(key: string, label: CompareRow['label'], left: string, right: string): CompareRow {
  return { key, label, left, right, differs: left !== right }
}

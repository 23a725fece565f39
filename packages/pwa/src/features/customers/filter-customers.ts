import {
  type CustomField,
  haversineKm,
  type LatLng,
  parseCustomFieldInput,
  type SearchIndex,
  search,
} from '@outrider/domain'
import type { ListCustomer, ListInsight } from '../../store/list-snapshot.ts'

export interface CustomerFilters {
  query: string
  tier: string
  segment: string
  lifecycle: string
  tag: string
  overdueOnly: boolean
  /** A custom field's key and the value wanted in it ('' for any value that is set). */
  customKey: string
  customValue: string
  sort: 'priority' | 'distance' | 'name'
}

export const noFilters: CustomerFilters = {
  query: '',
  tier: '',
  segment: '',
  lifecycle: '',
  tag: '',
  overdueOnly: false,
  customKey: '',
  customValue: '',
  sort: 'priority',
}

export interface ListRow {
  customer: ListCustomer
  insight: ListInsight | undefined
  /** Straight-line km from here, when the position is known and the customer has a location. */
  km: number | null
}

/**
 * What the list filters: a search index, or the customers with a way to get their index, which is then
 * built only when a search needs it (an unfiltered list does not).
 */
export type CustomerSource<T extends ListCustomer> =
  | SearchIndex<T>
  | { customers: readonly T[]; index: () => SearchIndex<T> }

const collator = new Intl.Collator('zh-CN')

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

/**
 * The list the rep sees: search (name, pinyin, initials, phone, address — best match first), then the
 * tier/segment/lifecycle/tag/overdue/custom field filters, then the chosen order (a search keeps its relevance order).
 * Customers not analysed yet pass the filters only when no insight filter is set.
 */
export function filterCustomers<T extends ListCustomer>(
  source: CustomerSource<T>,
  insights: Readonly<Record<string, ListInsight>>,
  f: CustomerFilters,
  here: LatLng | null,
  customFields: readonly CustomField[] = [],
): ListRow[] {
  const query = f.query.trim()
  const custom = f.customKey ? customFields.find((c) => c.key === f.customKey) : undefined
  let found: readonly T[]
  if ('entries' in source)
    found =
      query === '' ? source.entries.map((e) => e.customer) : search(source, query, source.entries.length)
  else found = query === '' ? source.customers : search(source.index(), query, source.customers.length)
  const rows: ListRow[] = []
  for (const customer of found) {
    const insight = insights[customer.id]
    if (f.tier && insight?.tier !== f.tier) continue
    if (f.segment && insight?.segment !== f.segment) continue
    if (f.lifecycle && insight?.lifecycle !== f.lifecycle) continue
    if (f.tag && !insight?.tags.some((t) => t.key === f.tag)) continue
    if (f.overdueOnly && !(insight && insight.daysOverdue > 0)) continue
    if (custom && !customFieldMatches(custom, customer.customFields, f.customValue)) continue
    const km = here && customer.location ? haversineKm(here, customer.location) : null
    rows.push({ customer, insight, km })
  }
  if (query !== '') return rows
  if (f.sort === 'name') rows.sort((a, b) => collator.compare(a.customer.name, b.customer.name))
  else if (f.sort === 'distance' && here)
    rows.sort((a, b) => (a.km ?? Number.POSITIVE_INFINITY) - (b.km ?? Number.POSITIVE_INFINITY))
  else
    rows.sort(
      (a, b) =>
        (b.insight?.priority ?? -1) - (a.insight?.priority ?? -1) ||
        collator.compare(a.customer.name, b.customer.name),
    )
  return rows
}

/** The values present in the data, for the filter menus. */
export function filterOptions(insights: Readonly<Record<string, ListInsight>>) {
  const segments = new Map<string, { en: string; zh: string }>()
  const lifecycles = new Map<string, { en: string; zh: string }>()
  const tags = new Map<string, { en: string; zh: string }>()
  for (const i of Object.values(insights)) {
    if (i.segment && i.segmentLabel) segments.set(i.segment, i.segmentLabel)
    lifecycles.set(i.lifecycle, i.lifecycleLabel)
    for (const t of i.tags) tags.set(t.key, t.label)
  }
  const sorted = (m: Map<string, { en: string; zh: string }>) =>
    [...m].map(([key, label]) => ({ key, label })).sort((a, b) => a.key.localeCompare(b.key))
  return { segments: sorted(segments), lifecycles: sorted(lifecycles), tags: sorted(tags) }
}

import { type CustomField, haversineKm, type LatLng, type SearchIndex, search } from '@outrider/domain'
import type { ListCustomer, ListInsight } from '../../store/list-snapshot.ts'

export interface CustomerFilters {
  query: string
  tier: string
  segment: string
  lifecycle: string
  tag: string
  /** A cluster of the team's saved clusters, by its stable id ('' for any; see the domain's `clusterIds`). */
  cluster: string
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
  cluster: '',
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

/** The custom fields offered, with how a filter's value is matched (custom-field-match.ts, loaded with them). */
export type CustomFieldFilter = {
  fields: readonly CustomField[]
  matches: (
    field: CustomField,
    values: Readonly<Record<string, unknown>> | undefined,
    wanted: string,
  ) => boolean
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
  customFields: CustomFieldFilter = { fields: [], matches: () => false },
): ListRow[] {
  const query = f.query.trim()
  const custom = f.customKey ? customFields.fields.find((c) => c.key === f.customKey) : undefined
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
    if (f.cluster && (insight?.cluster ?? null) !== f.cluster) continue
    if (f.overdueOnly && !(insight && insight.daysOverdue > 0)) continue
    if (custom && !customFields.matches(custom, customer.customFields, f.customValue)) continue
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

const numbered = new Intl.Collator('en', { numeric: true })

/** The values present in the data, for the filter menus. */
export function filterOptions(insights: Readonly<Record<string, ListInsight>>) {
  const segments = new Map<string, { en: string; zh: string }>()
  const lifecycles = new Map<string, { en: string; zh: string }>()
  const tags = new Map<string, { en: string; zh: string }>()
  const clusters = new Map<string, { en: string; zh: string }>()
  for (const i of Object.values(insights)) {
    if (i.segment && i.segmentLabel) segments.set(i.segment, i.segmentLabel)
    lifecycles.set(i.lifecycle, i.lifecycleLabel)
    for (const t of i.tags) tags.set(t.key, t.label)
    if (i.cluster !== null && i.clusterLabel) clusters.set(i.cluster, i.clusterLabel)
  }
  const sorted = (m: Map<string, { en: string; zh: string }>) =>
    [...m].map(([key, label]) => ({ key, label })).sort((a, b) => a.key.localeCompare(b.key))
  return {
    segments: sorted(segments),
    lifecycles: sorted(lifecycles),
    tags: sorted(tags),
    // In the model's order: each label starts with its cluster's number ("#2 老客户").
    clusters: [...clusters]
      .map(([key, label]) => ({ key, label }))
      .sort((a, b) => numbered.compare(a.label.en, b.label.en)),
  }
}

import { useDeferredValue, useEffect, useMemo, useState } from 'react'
import { useSearchParams } from 'react-router'
import type { CustomerFilters } from './filter-customers.ts'

/** The URL parameters the list's filters live in (so Back returns to the same list). */
export type FilterParam =
  | 'q'
  | 'tier'
  | 'segment'
  | 'lifecycle'
  | 'tag'
  | 'cluster'
  | 'overdue'
  | 'sort'
  | 'field'
  | 'value'

/** Writes the given parameters into the URL; an empty value removes its parameter. */
export type SetFilters = (patch: Partial<Record<FilterParam, string>>) => void

export function filtersFrom(params: URLSearchParams): CustomerFilters {
  const sort = params.get('sort')
  return {
    query: params.get('q') ?? '',
    tier: params.get('tier') ?? '',
    segment: params.get('segment') ?? '',
    lifecycle: params.get('lifecycle') ?? '',
    tag: params.get('tag') ?? '',
    cluster: params.get('cluster') ?? '',
    overdueOnly: params.get('overdue') === '1',
    customKey: params.get('field') ?? '',
    customValue: params.get('value') ?? '',
    sort: sort === 'distance' || sort === 'name' ? sort : 'priority',
  }
}

/** Whether any filter beyond the search and the sort narrows the list (the filter panel then opens). */
export function isFiltering(filters: CustomerFilters): boolean {
  return Boolean(
    filters.tier ||
      filters.segment ||
      filters.lifecycle ||
      filters.tag ||
      filters.cluster ||
      filters.overdueOnly ||
      filters.customKey,
  )
}

/** The parameters that "clear" empties: every filter, not the search nor the sort. */
export const clearedFilters: Partial<Record<FilterParam, string>> = {
  tier: '',
  segment: '',
  lifecycle: '',
  tag: '',
  cluster: '',
  overdue: '',
  field: '',
  value: '',
}

/**
 * The list's filters, read from the URL. The search box is typed into local state and its settled
 * (deferred) value is what filters and what is written back to the URL, so a key press does not wait
 * for the list nor re-render the router.
 */
export function useCustomerFilters() {
  const [params, setParams] = useSearchParams()
  const filters = useMemo(() => filtersFrom(params), [params])
  const [query, setQuery] = useState(filters.query)
  const deferredQuery = useDeferredValue(query)

  const set: SetFilters = (patch) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p)
        for (const [k, v] of Object.entries(patch)) {
          if (v) next.set(k, v)
          else next.delete(k)
        }
        return next
      },
      { replace: true },
    )

  // Keep the typed query in the URL (so Back returns to the same list) without re-rendering on each key.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the settled query is written back
  useEffect(() => {
    if (deferredQuery !== filters.query) set({ q: deferredQuery })
  }, [deferredQuery])

  return { filters, query, setQuery, deferredQuery, set }
}

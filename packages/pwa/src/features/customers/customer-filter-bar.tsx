import type { CustomField } from '@outrider/domain'
import { useTranslation } from 'react-i18next'
import { ChoiceSelect } from '../../shared/choice-select.tsx'
import { customFieldLabel } from '../../shared/custom-fields.ts'
import { useBilingual } from '../../shared/use-bilingual.ts'
import type { CustomerFilters, filterOptions } from './filter-customers.ts'
import { clearedFilters, isFiltering, type SetFilters } from './use-customer-filters.ts'

type FilterOptions = ReturnType<typeof filterOptions>
type Option = FilterOptions['segments'][number]

interface FilterBarProps {
  filters: CustomerFilters
  set: SetFilters
  /** What the search box shows: typed, not yet settled into the filters. */
  query: string
  onQuery: (query: string) => void
  /** The segments, lifecycles and tags the last analysis found. */
  options: FilterOptions
  /** The custom fields offered as filters (none: the custom field filter is not shown). */
  customFields: readonly CustomField[]
}

/** The customer list's search box and its filter panel (open while a filter narrows the list). */
export function CustomerFilterBar({ filters, set, query, onQuery, options, customFields }: FilterBarProps) {
  const { t } = useTranslation()
  const filtering = isFiltering(filters)
  return (
    <>
      <input
        type="search"
        className="search"
        aria-label={t('customers.search')}
        placeholder={t('customers.search')}
        value={query}
        onChange={(e) => onQuery(e.target.value)}
      />
      <details className="filters" open={filtering}>
        <summary>{t('customers.filters')}</summary>
        <div className="filter-grid">
          <TierFilter value={filters.tier} onChange={(tier) => set({ tier })} />
          <OptionFilter
            label={t('customers.segment')}
            value={filters.segment}
            options={options.segments}
            onChange={(segment) => set({ segment })}
          />
          <OptionFilter
            label={t('customers.lifecycle')}
            value={filters.lifecycle}
            options={options.lifecycles}
            onChange={(lifecycle) => set({ lifecycle })}
            testId="filter-lifecycle"
          />
          <OptionFilter
            label={t('customers.tag')}
            value={filters.tag}
            options={options.tags}
            onChange={(tag) => set({ tag })}
            testId="filter-tag"
          />
          {options.clusters.length > 0 && (
            <OptionFilter
              label={t('customers.cluster')}
              value={filters.cluster}
              options={options.clusters}
              onChange={(cluster) => set({ cluster })}
              testId="filter-cluster"
            />
          )}
          <label className="check">
            <input
              type="checkbox"
              checked={filters.overdueOnly}
              onChange={(e) => set({ overdue: e.target.checked ? '1' : '' })}
              data-testid="filter-overdue"
            />
            {t('customers.overdueOnly')}
          </label>
          <CustomFieldFilter filters={filters} set={set} customFields={customFields} />
          <SortFilter value={filters.sort} onChange={(sort) => set({ sort })} />
          {filtering && (
            <button type="button" className="secondary" onClick={() => set(clearedFilters)}>
              {t('customers.clear')}
            </button>
          )}
        </div>
      </details>
    </>
  )
}

function TierFilter({ value, onChange }: { value: string; onChange: (tier: string) => void }) {
  const { t } = useTranslation()
  return (
    <ChoiceSelect
      label={t('customers.tier')}
      value={value}
      onChange={onChange}
      none={t('customers.any')}
      choices={['A', 'B', 'C'].map((tier) => ({ value: tier, label: t('customers.tierOption', { tier }) }))}
      testId="filter-tier"
    />
  )
}

/** A filter on one of the analysis's groupings (segment, lifecycle, tag), labelled in both languages. */
function OptionFilter(props: {
  label: string
  value: string
  options: readonly Option[]
  onChange: (key: string) => void
  testId?: string
}) {
  const { t } = useTranslation()
  const b = useBilingual()
  return (
    <ChoiceSelect
      label={props.label}
      value={props.value}
      onChange={props.onChange}
      none={t('customers.any')}
      choices={props.options.map((o) => ({ value: o.key, label: b(o.label) }))}
      testId={props.testId}
    />
  )
}

/** Which custom field to filter on and, once one is chosen, the value wanted in it (typed as the form reads it). */
function CustomFieldFilter({
  filters,
  set,
  customFields,
}: Pick<FilterBarProps, 'filters' | 'set' | 'customFields'>) {
  const { t, i18n } = useTranslation()
  if (customFields.length === 0) return null
  const field = customFields.find((f) => f.key === filters.customKey)
  return (
    <>
      <ChoiceSelect
        label={t('customers.customField')}
        value={filters.customKey}
        onChange={(key) => set({ field: key, value: '' })}
        none={t('customers.any')}
        choices={customFields.map((f) => ({ value: f.key, label: customFieldLabel(f, i18n.language) }))}
        testId="filter-custom-field"
      />
      {field && (
        <label htmlFor="filter-custom-value">
          {t('customers.customValue', { field: customFieldLabel(field, i18n.language) })}
          {field.type === 'choice' ? (
            <select
              value={filters.customValue}
              onChange={(e) => set({ value: e.target.value })}
              id="filter-custom-value"
              data-testid="filter-custom-value"
            >
              <option value="">{t('customers.anyValue')}</option>
              {field.options.map((o) => (
                <option key={o} value={o}>
                  {o}
                </option>
              ))}
            </select>
          ) : (
            <input
              type={field.type === 'date' ? 'date' : 'text'}
              inputMode={field.type === 'number' ? 'decimal' : undefined}
              value={filters.customValue}
              placeholder={t('customers.anyValue')}
              onChange={(e) => set({ value: e.target.value })}
              id="filter-custom-value"
              data-testid="filter-custom-value"
            />
          )}
        </label>
      )}
    </>
  )
}

/** The list's order; priority is the default and so leaves no parameter in the URL. */
function SortFilter({
  value,
  onChange,
}: {
  value: CustomerFilters['sort']
  onChange: (sort: string) => void
}) {
  const { t } = useTranslation()
  return (
    <label>
      {t('customers.sort')}
      <select value={value} onChange={(e) => onChange(e.target.value === 'priority' ? '' : e.target.value)}>
        <option value="priority">{t('customers.sortPriority')}</option>
        <option value="distance">{t('customers.sortDistance')}</option>
        <option value="name">{t('customers.sortName')}</option>
      </select>
    </label>
  )
}

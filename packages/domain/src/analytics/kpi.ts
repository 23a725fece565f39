/**
 * One key figure. `value` is null when it cannot be computed (nothing to divide by), so a UI shows "—"
 * rather than a misleading 0; `numerator`/`denominator` let it show "12 / 40" next to 30%.
 */
export interface Kpi {
  value: number | null
  numerator?: number
  denominator?: number
}

export function ratioKpi(numerator: number, denominator: number): Kpi {
  return { value: denominator > 0 ? numerator / denominator : null, numerator, denominator }
}

/** Median of a list (sorted in place); null when empty. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null
  values.sort((a, b) => a - b)
  const mid = values.length >> 1
  return values.length % 2 === 1 ? values[mid]! : (values[mid - 1]! + values[mid]!) / 2
}

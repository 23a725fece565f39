import { z } from 'zod'
import { DEFAULT_TIME_ZONE } from '../calendar/time-zone.ts'
import { entityBase, isoDateTimeSchema } from '../model/common.ts'
import type { ServicePolicy } from '../model/service-policy.ts'
import { stableStringify } from '../protocol/stable-stringify.ts'
import {
  type ClassificationThresholds,
  classificationThresholdsSchema,
  computeThresholds,
} from './classification-thresholds.ts'
import { parseAsOf } from './compute-rfm.ts'
import type { CustomerFact } from './profile-fields.ts'
import type { OrderFact } from './purchase-lines-from-orders.ts'
import { buildPurchaseTableFromOrders } from './purchase-table-from-orders.ts'
import type { SegmentationResult } from './segmentation-error.ts'

/**
 * Reference data every device pulls: the thresholds of one population (the organisation, or one team
 * when the policy says `population: 'team'`), computed on the server. `version` grows by one each time
 * they change, so two screens can tell whether they classified against the same ones.
 */
export const populationThresholdsSchema = z.object({
  ...entityBase,
  version: z.number().int().min(1),
  /** When the server computed them (the population's day is `thresholds.asOf`). */
  computedAt: isoDateTimeSchema,
  thresholds: classificationThresholdsSchema,
})
export type PopulationThresholds = z.infer<typeof populationThresholdsSchema>

/** The stored id of a population's thresholds: one organisation row, one row per team. */
export function thresholdsId(population: 'organisation' | 'team', teamId: string | null): string {
  return population === 'team' && teamId !== null ? `thresholds-team-${teamId}` : 'thresholds-organisation'
}

/**
 * The thresholds a device classifies against: those of the population its policy names (its team's
 * when the policy says team), or null when none has reached it yet (the device then computes its own).
 */
export function thresholdsFor(
  docs: readonly PopulationThresholds[],
  policy: Pick<ServicePolicy, 'population'>,
  teamId: string | null,
): PopulationThresholds | null {
  const id = thresholdsId(policy.population ?? 'organisation', teamId)
  return docs.find((d) => d.id === id) ?? null
}

/**
 * The thresholds of a population (all of its customers and orders) as of a day, with the population
 * named; the server stores them as `PopulationThresholds`.
 */
export function computePopulationThresholds(
  input: { customers: readonly CustomerFact[]; orders: readonly OrderFact[] },
  policy: ServicePolicy,
  asOf: string,
  population: { scope: 'organisation' | 'team'; teamId: string | null },
): SegmentationResult<ClassificationThresholds> {
  const day = parseAsOf(asOf)
  if (!day.ok) return day
  const live = input.customers.filter((c) => !c.deleted && c.mergedInto === undefined).map((c) => c.id)
  const table = buildPurchaseTableFromOrders(
    input.orders,
    day.value,
    live,
    undefined,
    policy.timeZone ?? DEFAULT_TIME_ZONE,
  )
  return { ok: true, value: computeThresholds(table, policy, asOf, population) }
}

/** Whether two sets of thresholds classify alike (same day, same population, same numbers). */
export function sameThresholds(a: ClassificationThresholds, b: ClassificationThresholds): boolean {
  // Stored as jsonb, whose key order is its own: compare key-order-free.
  return stableStringify(a) === stableStringify(b)
}

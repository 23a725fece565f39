import { z } from 'zod'
import { entityBase, idSchema, isoDateSchema, isoDateTimeSchema } from '../model/common.ts'
import { type RfmScaling, scaleRfmValue } from './rfm-features.ts'

export const MIN_CLUSTERS = 2
export const MAX_CLUSTERS = 8

const finite = z.number().finite()
const triple = z.tuple([finite, finite, finite])
const clusterName = z.string().trim().max(60)

/** A cluster's name in both languages (either may be empty until the supervisor names it). */
export const clusterNameSchema = z.object({ en: clusterName, zh: clusterName })
export type ClusterName = z.infer<typeof clusterNameSchema>

export const rfmScalingSchema = z.object({ mean: triple, std: triple })

/** A cluster's stable id: kept across re-clusterings that find the same group (see `carryClusterIds`). */
export const clusterIdSchema = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z0-9_-]+$/)

/**
 * A team's k-means clusters as its supervisor saved them (reference data the team's devices pull):
 * the centres on the scaled R/F/M space (`rfmFeatures`), the scaling that puts a customer on it, and a
 * name per cluster. Every device puts each of its customers in the nearest centre (`clusterOfRfm`), so
 * a customer is in the same cluster on the rep's phone, offline, as on the supervisor's screens.
 */
export const clusterModelSchema = z.object({
  ...entityBase,
  teamId: idSchema,
  k: z.number().int().min(MIN_CLUSTERS).max(MAX_CLUSTERS),
  /** k centres, each [recency, frequency, monetary] on the scaled space; cluster i is centres[i]. */
  centres: z.array(triple).min(MIN_CLUSTERS).max(MAX_CLUSTERS),
  scaling: rfmScalingSchema,
  names: z.array(clusterNameSchema).min(MIN_CLUSTERS).max(MAX_CLUSTERS),
  /**
   * Each cluster's stable id (what tag rules and list filters name). Models saved before ids existed
   * have none: read them through `clusterIds`, which gives those the index as text, as rules then used.
   */
  ids: z.array(clusterIdSchema).min(MIN_CLUSTERS).max(MAX_CLUSTERS).optional(),
  /** When the clustering ran, and the day its recency was counted to. */
  computedAt: isoDateTimeSchema,
  asOf: isoDateSchema,
  /** How many buyers it was computed over. */
  population: z.number().int().min(0),
})
export type ClusterModel = z.infer<typeof clusterModelSchema>

/** The stored id of a team's cluster model: one per team, replaced on each save. */
export const clusterModelId = (teamId: string) => `clusters-team-${teamId}`

/** The cluster model of a team among the pulled ones, or null before one was saved. */
export function clusterModelFor(docs: readonly ClusterModel[], teamId: string | null): ClusterModel | null {
  if (teamId === null) return null
  return docs.find((d) => d.id === clusterModelId(teamId) && d.teamId === teamId) ?? null
}

/** Each cluster's id, in centre order; a model saved before ids existed has its indices as text ("0" is #1). */
export function clusterIds(model: Pick<ClusterModel, 'centres' | 'ids'>): string[] {
  const { ids } = model
  return model.centres.map((_, i) => ids?.[i] ?? String(i))
}

/** Index of the centre nearest to `point` (squared Euclidean distance; a tie goes to the lower index). */
export function nearestCentre(centres: readonly (readonly number[])[], point: readonly number[]): number {
  let best = 0
  let bestD = Number.POSITIVE_INFINITY
  for (let c = 0; c < centres.length; c++) {
    const centre = centres[c] as readonly number[]
    let s = 0
    for (let d = 0; d < point.length; d++) {
      const x = (point[d] as number) - (centre[d] ?? 0)
      s += x * x
    }
    if (s < bestD) {
      bestD = s
      best = c
    }
  }
  return best
}

/** What clustering reads of a customer: the classification's R/F/M. */
export interface RfmFacts {
  /** Null for a customer who never bought. */
  recencyDays: number | null
  frequency: number
  monetary: number
}

/** A customer's R/F/M on a scaling (the clustering's feature space). */
export function scaledRfm(scaling: RfmScaling, rfm: RfmFacts): [number, number, number] {
  return [
    scaleRfmValue(scaling, 0, rfm.recencyDays ?? 0),
    scaleRfmValue(scaling, 1, rfm.frequency),
    scaleRfmValue(scaling, 2, rfm.monetary),
  ]
}

/**
 * The cluster (index into the model's centres and names) a customer belongs to: the nearest centre to
 * its scaled R/F/M. Null for a customer who never bought (clusters are of buyers, as they were computed).
 */
export function clusterOfRfm(model: Pick<ClusterModel, 'centres' | 'scaling'>, rfm: RfmFacts): number | null {
  if (rfm.recencyDays === null || rfm.frequency <= 0) return null
  return nearestCentre(model.centres, scaledRfm(model.scaling, rfm))
}

/** The index of the cluster with this id, or null when the model has none such (it disappeared). */
export function clusterIndexOfId(model: Pick<ClusterModel, 'centres' | 'ids'>, id: string): number | null {
  const i = clusterIds(model).indexOf(id)
  return i < 0 ? null : i
}

/** A cluster's name in a language, falling back to the other language and then to "#n" (1-based). */
export function clusterDisplayName(model: Pick<ClusterModel, 'names'>, index: number, zh: boolean): string {
  const name = model.names[index]
  const text = zh ? name?.zh || name?.en : name?.en || name?.zh
  return text ? `#${index + 1} ${text}` : `#${index + 1}`
}

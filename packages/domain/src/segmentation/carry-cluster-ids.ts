import { type ClusterModel, type ClusterName, clusterIds } from './cluster-model.ts'
import type { RfmScaling } from './rfm-features.ts'

type Centre = readonly number[]

/**
 * A centre of one scaling on another: back to log1p of R/F/M, then standardized as `to` does. Two models
 * fit their scaling on the population of their day, so their centres are compared on the newer one's.
 */
export function rescaleCentre(centre: Centre, from: RfmScaling, to: RfmScaling): [number, number, number] {
  const out: [number, number, number] = [0, 0, 0]
  for (const d of [0, 1, 2] as const) {
    const raw = from.std[d] > 0 ? (centre[d] ?? 0) * from.std[d] + from.mean[d] : from.mean[d]
    out[d] = to.std[d] > 0 ? (raw - to.mean[d]) / to.std[d] : 0
  }
  return out
}

const squaredDistance = (a: Centre, b: Centre) => {
  let s = 0
  for (let d = 0; d < a.length; d++) {
    const x = (a[d] ?? 0) - (b[d] ?? 0)
    s += x * x
  }
  return s
}

/**
 * How far (on the standardized R/F/M space: one standard deviation of log1p R, F or M) a centre may
 * have moved and still be the same group: farther, it is a new group and the saved one is gone.
 */
export const MAX_MATCH_DISTANCE = 1

/**
 * The optimal matching of `next` centres to `previous` ones: pairs no farther apart than `maxDistance`,
 * each pair worth its squared distance minus the squared limit, the total made least (so as many groups
 * as possible are found again, each as near as possible). Exact, by dynamic programming over subsets of
 * the previous centres (a model has at most 8). For each next centre, the index of its previous centre,
 * or null when it is new. Ties go to the lower indices, so the same input always matches the same way.
 */
export function matchCentres(
  previous: readonly Centre[],
  next: readonly Centre[],
  maxDistance = MAX_MATCH_DISTANCE,
): (number | null)[] {
  const p = previous.length
  const n = next.length
  const limit = maxDistance * maxDistance
  const masks = 1 << p
  const cost = new Float64Array((n + 1) * masks).fill(Number.POSITIVE_INFINITY)
  // What next centre i took on the way to (i + 1, mask): a previous index, or -1 for none.
  const took = new Int8Array((n + 1) * masks).fill(-1)
  cost[0] = 0
  for (let i = 0; i < n; i++) {
    for (let mask = 0; mask < masks; mask++) {
      const here = cost[i * masks + mask] as number
      if (here === Number.POSITIVE_INFINITY) continue
      const relax = (to: number, add: number, j: number) => {
        const at = (i + 1) * masks + to
        if (here + add < (cost[at] as number)) {
          cost[at] = here + add
          took[at] = j
        }
      }
      relax(mask, 0, -1)
      for (let j = 0; j < p; j++) {
        if ((mask & (1 << j)) !== 0) continue
        const d = squaredDistance(previous[j] ?? [], next[i] ?? [])
        if (d <= limit) relax(mask | (1 << j), d - limit, j)
      }
    }
  }
  let best = 0
  for (let mask = 1; mask < masks; mask++)
    if ((cost[n * masks + mask] as number) < (cost[n * masks + best] as number)) best = mask
  const matched: (number | null)[] = new Array(n).fill(null)
  for (let i = n, mask = best; i > 0; i--) {
    const j = took[i * masks + mask] as number
    if (j >= 0) {
      matched[i - 1] = j
      mask &= ~(1 << j)
    }
  }
  return matched
}

const named = (n: ClusterName | undefined): n is ClusterName =>
  n !== undefined && (n.en !== '' || n.zh !== '')

/** What re-clustering keeps of the saved clusters. */
export interface CarriedClusters {
  /** Each new cluster's id: its matched saved cluster's, or a fresh one. */
  ids: string[]
  /** Each new cluster's name: as given, or its matched saved cluster's when given none. */
  names: ClusterName[]
  /** Saved clusters no new one matched (rules and filters naming them match nobody from now on). */
  vanished: { id: string; index: number; name: ClusterName }[]
}

/**
 * Carries the saved model's cluster ids and names over to a new clustering: its centres are matched to
 * the saved ones (`matchCentres`, on the new model's scaling), so a group found again keeps its id and
 * name, and tag rules and list filters naming it still mean it; a new group gets `newId()` (never one of
 * the saved ids); a saved group no new one matched is reported as vanished.
 */
export function carryClusterIds(
  saved: Pick<ClusterModel, 'centres' | 'scaling' | 'ids' | 'names'> | null,
  next: Pick<ClusterModel, 'centres' | 'scaling' | 'names'>,
  newId: () => string,
): CarriedClusters {
  const savedIds = saved ? clusterIds(saved) : []
  const matched = saved
    ? matchCentres(
        saved.centres.map((c) => rescaleCentre(c, saved.scaling, next.scaling)),
        next.centres,
      )
    : next.centres.map(() => null)
  const taken = new Set(savedIds)
  const fresh = () => {
    let id = newId()
    while (taken.has(id)) id = newId()
    taken.add(id)
    return id
  }
  const ids = matched.map((j) => (j === null ? fresh() : (savedIds[j] as string)))
  const names = next.centres.map((_, i): ClusterName => {
    const given = next.names[i]
    const j = matched[i]
    if (named(given)) return given
    const before = j === null || j === undefined ? undefined : saved?.names[j]
    return named(before) ? { ...before } : { en: '', zh: '' }
  })
  const kept = new Set(matched)
  const vanished = savedIds.flatMap((id, index) =>
    kept.has(index) ? [] : [{ id, index, name: saved?.names[index] ?? { en: '', zh: '' } }],
  )
  return { ids, names, vanished }
}

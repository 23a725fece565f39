import {
  type ClusterModel,
  clusterDisplayName,
  clusterIds,
  type RuleNode,
  type TagRule,
} from '@outrider/domain'

/** The cluster ids a rule's `cluster` conditions name, at any depth. */
export function clusterIdsInRule(node: RuleNode): string[] {
  if ('field' in node) {
    if (node.field !== 'cluster' || node.value === undefined) return []
    const values = Array.isArray(node.value) ? node.value : [node.value]
    return values.map(String)
  }
  if ('not' in node) return clusterIdsInRule(node.not)
  return ('all' in node ? node.all : node.any).flatMap(clusterIdsInRule)
}

/** What a save took away: the saved clusters no new one matched, and the tag rules that name them. */
export interface VanishedClusters {
  /** Their names as the reader's language shows them ("#2 老客户"). */
  clusters: string[]
  /** Labels of the tag rules that name one of them (they no longer mean the group they were written for). */
  rules: string[]
}

/** Compares the model before a save with the one stored, by cluster id. */
export function vanishedClusters(
  before: ClusterModel | null,
  after: Pick<ClusterModel, 'centres' | 'ids'>,
  rules: readonly TagRule[],
  zh: boolean,
): VanishedClusters {
  if (!before) return { clusters: [], rules: [] }
  const kept = new Set(clusterIds(after))
  const gone = new Set<string>()
  const clusters: string[] = []
  clusterIds(before).forEach((id, i) => {
    if (kept.has(id)) return
    gone.add(id)
    clusters.push(clusterDisplayName(before, i, zh))
  })
  const naming = rules.filter((r) => clusterIdsInRule(r.rule).some((id) => gone.has(id)))
  return { clusters, rules: naming.map((r) => (zh ? r.label.zh : r.label.en) || r.tag) }
}

import {
  behaviourTagLabels,
  type CustomerFact,
  classifyCustomers,
  defaultServicePolicy,
  type FeedbackFact,
  lifecycleStageLabels,
  type OrderFact,
  type ServicePolicy,
  servicePolicySchema,
  type TagRule,
  type VisitFact,
} from '@outrider/domain'
import type pg from 'pg'
import { type CsvLang, excelCsv, pick } from './excel-csv.ts'

const columns = [
  { en: 'Customer ID', zh: '客户编号' },
  { en: 'Customer', zh: '客户名称' },
  { en: 'Owner', zh: '负责人' },
  { en: 'Tier', zh: '价值等级' },
  { en: 'Segment', zh: 'RFM 分群' },
  { en: 'Lifecycle', zh: '生命周期' },
  { en: 'Score', zh: '客户评分' },
  { en: 'Recency (days)', zh: '最近购买（天前）' },
  { en: 'Frequency', zh: '购买次数' },
  { en: 'Monetary', zh: '消费金额' },
  { en: 'Tags', zh: '标签' },
  // Stable codes for formulas and other systems: they do not change with the language or a relabel.
  { en: 'Segment code', zh: '分群代码' },
  { en: 'Lifecycle code', zh: '生命周期代码' },
  { en: 'Tag codes', zh: '标签代码' },
]

type Label = { en: string; zh: string }
/** The name of a tag: a behaviour tag's or a tag rule's label; a tag without one is shown as stored. */
function tagLabels(rules: TagRule[]): (tag: string) => Label {
  const byTag = new Map<string, Label>(Object.entries(behaviourTagLabels))
  for (const r of rules) byTag.set(r.tag, r.label)
  return (tag) => byTag.get(tag) ?? { en: tag, zh: tag }
}

type Queryable = Pick<pg.Pool, 'query'>

/** The policy in force: the default one if stored, else the first stored, else the domain default. */
export async function currentPolicy(db: Queryable): Promise<ServicePolicy> {
  const { rows } = await db.query<{ doc: unknown }>(
    "SELECT doc FROM policies ORDER BY (id = 'policy-default') DESC, id LIMIT 1",
  )
  const parsed = servicePolicySchema.safeParse(rows[0]?.doc)
  return parsed.success ? parsed.data : defaultServicePolicy
}

/**
 * The customers of a team (every team for `teamId` null) segmented with the domain over their orders
 * as of `asOf`: tier, RFM segment, lifecycle, score and the RFM facts, one customer a line.
 */
export async function segmentsCsv(
  db: Queryable,
  teamId: string | null,
  asOf: string,
  lang: CsvLang,
): Promise<string> {
  const scope = teamId === null ? '' : 'AND team_id = $1'
  const params = teamId === null ? [] : [teamId]
  const { rows: customers } = await db.query<{ doc: CustomerFact & { name: string }; owner: string | null }>(
    `SELECT c.doc, u.doc->>'displayName' AS owner FROM customers c LEFT JOIN users u ON u.id = c.owner_rep_id
      WHERE NOT c.deleted AND c.doc->>'mergedInto' IS NULL ${scope.replace('team_id', 'c.team_id')}`,
    params,
  )
  const { rows: orders } = await db.query<{ doc: OrderFact }>(
    `SELECT doc FROM orders WHERE true ${scope}`,
    params,
  )
  // Visits and feedback too: complaint and satisfaction tags, and the score, depend on them.
  const { rows: visits } = await db.query<{ doc: VisitFact }>(
    `SELECT doc FROM visits WHERE true ${scope}`,
    params,
  )
  const { rows: feedback } = await db.query<{ doc: FeedbackFact }>(
    `SELECT doc FROM feedback WHERE true ${scope}`,
    params,
  )
  const { rows: rules } = await db.query<{ doc: TagRule }>('SELECT doc FROM tag_rules')
  const result = classifyCustomers(
    {
      customers: customers.map((c) => c.doc),
      orders: orders.map((o) => o.doc),
      visits: visits.map((v) => v.doc),
      feedback: feedback.map((f) => f.doc),
      tagRules: rules.map((r) => r.doc),
    },
    await currentPolicy(db),
    asOf,
  )
  if (!result.ok) throw new Error(`segmentation failed: ${result.error.message}`)
  const byId = new Map(customers.map((c) => [c.doc.id, c]))
  const tagLabel = tagLabels(rules.map((r) => r.doc))
  const data = result.value.profiles.flatMap((p) => {
    const c = byId.get(p.customerId)
    if (!c) return []
    return [
      [
        p.customerId,
        c.doc.name,
        c.owner ?? '',
        p.tier,
        p.segmentLabel ? pick(lang, p.segmentLabel) : '',
        pick(lang, lifecycleStageLabels[p.lifecycle]),
        p.score,
        p.rfm.recencyDays,
        p.rfm.frequency,
        p.rfm.monetary,
        p.tags.map((t) => pick(lang, tagLabel(t))).join(lang === 'en' ? ', ' : '、'),
        p.segment ?? '',
        p.lifecycle,
        p.tags.join(' '),
      ],
    ]
  })
  return excelCsv(
    columns.map((c) => pick(lang, c)),
    data,
  )
}

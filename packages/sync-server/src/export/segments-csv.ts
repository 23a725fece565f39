import {
  behaviourTagLabels,
  type ComplaintFact,
  type CustomerFact,
  type CustomerProfile,
  classifyCustomers,
  customFieldInputText,
  type FeedbackFact,
  lifecycleStageLabels,
  type OrderFact,
  type TagRule,
  thresholdsFor,
  type VisitFact,
} from '@outrider/domain'
import type pg from 'pg'
import { currentPolicy, storedThresholds } from '../classification/population-thresholds.ts'
import { listCustomFields } from '../repositories/custom-fields-repo.ts'
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

type Scoped<T> = { doc: T; team_id: string | null }

/**
 * The customers of a team (every team for `teamId` null) classified by the domain over their orders,
 * visits and feedback as of `asOf`, against the stored population thresholds the devices hold too (so
 * the export agrees with the phones customer by customer): tier, RFM segment, lifecycle, score and the
 * RFM facts, then a column per active custom field (headed by its label in the sheet's language), one
 * customer a line. Before any thresholds are stored, they are computed over the export.
 */
export async function segmentsCsv(
  db: Queryable,
  teamId: string | null,
  asOf: string,
  lang: CsvLang,
): Promise<string> {
  const facts = await readFacts(db, teamId)
  const profiles = await classifyByPopulation(db, facts, teamId, asOf)
  const customFields = (await listCustomFields(db)).filter((f) => f.active)
  const byId = new Map(facts.customers.map((c) => [c.doc.id, c]))
  const tagLabel = tagLabels(facts.rules)
  const data = profiles.flatMap((p) => {
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
        ...customFields.map((f) => customFieldInputText(c.doc.customFields?.[f.key])),
      ],
    ]
  })
  return excelCsv(
    [...columns, ...customFields.map((f) => f.label)].map((c) => pick(lang, c)),
    data,
  )
}

type Facts = Awaited<ReturnType<typeof readFacts>>

/** The team's (or every team's) customers with their owners' names, and what classifying them reads. */
async function readFacts(db: Queryable, teamId: string | null) {
  const scope = teamId === null ? '' : 'AND team_id = $1'
  const params = teamId === null ? [] : [teamId]
  const { rows: customers } = await db.query<{
    doc: CustomerFact & { name: string }
    owner: string | null
    team_id: string | null
  }>(
    `SELECT c.doc, c.team_id, u.doc->>'displayName' AS owner FROM customers c
      LEFT JOIN users u ON u.id = c.owner_rep_id
      WHERE NOT c.deleted AND c.doc->>'mergedInto' IS NULL ${scope.replace('team_id', 'c.team_id')}`,
    params,
  )
  const scoped = async <T>(table: string) =>
    (await db.query<Scoped<T>>(`SELECT doc, team_id FROM ${table} WHERE true ${scope}`, params)).rows
  const orders = await scoped<OrderFact>('orders')
  // Visits and feedback too: complaint and satisfaction tags, and the score, depend on them.
  const visits = await scoped<VisitFact>('visits')
  const feedback = await scoped<FeedbackFact>('feedback')
  // The complaint records decide which complaints are open, as on the phones.
  const complaints = await scoped<ComplaintFact>('complaints')
  const { rows: rules } = await db.query<{ doc: TagRule }>('SELECT doc FROM tag_rules')
  return { customers, orders, visits, feedback, complaints, rules: rules.map((r) => r.doc) }
}

/** Profiles of every customer; team thresholds apply team by team, the organisation's to everyone at once. */
async function classifyByPopulation(
  db: Queryable,
  facts: Facts,
  teamId: string | null,
  asOf: string,
): Promise<CustomerProfile[]> {
  const policy = await currentPolicy(db)
  const stored = await storedThresholds(db)
  const groups = policy.population === 'team' ? [...new Set(facts.customers.map((c) => c.team_id))] : [teamId]
  const profiles: CustomerProfile[] = []
  for (const group of groups) {
    const of = <T>(rows: Scoped<T>[]) =>
      policy.population === 'team' ? rows.filter((r) => r.team_id === group) : rows
    const result = classifyCustomers(
      {
        customers: of(facts.customers).map((c) => c.doc),
        orders: of(facts.orders).map((o) => o.doc),
        visits: of(facts.visits).map((v) => v.doc),
        feedback: of(facts.feedback).map((f) => f.doc),
        complaints: of(facts.complaints).map((c) => c.doc),
        tagRules: facts.rules,
      },
      policy,
      asOf,
      { thresholds: thresholdsFor(stored, policy, group)?.thresholds ?? null },
    )
    if (!result.ok) throw new Error(`segmentation failed: ${result.error.message}`)
    profiles.push(...result.value.profiles)
  }
  return profiles
}

import type { ServicePolicy } from '../model/service-policy.ts'
import { servicePolicySchema } from '../model/service-policy.ts'
import type { RuleNode, TagRule } from '../model/tag-rule.ts'
import type { ActivityCustomers, FeedbackFact, VisitFact } from './activity-facts.ts'
import { type ComplaintFact, feedbackWithComplaints } from './complaint-facts.ts'
import { parseAsOf } from './compute-rfm.ts'
import { parseTagRule } from './evaluate-rule.ts'
import type { Label } from './explanation.ts'
import type { CustomerFact } from './profile-fields.ts'
import type { OrderFact } from './purchase-lines-from-orders.ts'
import type { PurchaseLine, PurchaseTable } from './purchase-table.ts'
import type { PurchaseTableBuilder } from './purchase-table-builder.ts'
import { buildPurchaseTable } from './purchase-table-from-lines.ts'
import { buildPurchaseTableFromOrders } from './purchase-table-from-orders.ts'
import { type SegmentationResult, segmentationError } from './segmentation-error.ts'

/** What every classification reads, on the phone, the dashboard, the exports, the server and the CLI. */
export interface SegmentationInput {
  /** Known customers, so those who never bought get a profile too; deleted and merged ones are skipped. */
  customers?: readonly CustomerFact[]
  /** Purchases, either as order lines (CSV rows) or as domain orders — one of the two. */
  lines?: readonly PurchaseLine[]
  orders?: readonly OrderFact[]
  /** Purchases already read into a table at the same as-of day (the CLI's streaming reader). */
  table?: PurchaseTable
  visits?: readonly VisitFact[]
  feedback?: readonly FeedbackFact[]
  /** Complaint records: when given, their state decides which complaints are open (not the feedback's). */
  complaints?: readonly ComplaintFact[]
  /** User-defined tags; inactive or invalid rules are skipped (invalid ones reported). */
  tagRules?: readonly Pick<TagRule, 'tag' | 'label' | 'rule' | 'active'>[]
}

/** The as-of day number, once the policy parses and the purchases come from exactly one source. */
export function checkInput(
  input: SegmentationInput,
  policy: ServicePolicy,
  asOf: string,
): SegmentationResult<number> {
  const day = parseAsOf(asOf)
  if (!day.ok) return day
  const checked = servicePolicySchema.safeParse(policy)
  if (!checked.success) {
    return segmentationError('bad_policy', `service policy: ${checked.error.issues[0]?.message ?? 'invalid'}`)
  }
  const sources = [input.lines, input.orders, input.table].filter((x) => x !== undefined).length
  if (sources > 1) {
    return segmentationError('bad_input', 'give purchases as lines, orders or a table, only one of them')
  }
  if (input.table !== undefined && input.table.asOfDay !== day.value) {
    return segmentationError('bad_input', 'the purchase table was built for another as-of day')
  }
  return day
}

/** Customers still on the books: deleted and merged-away ones are not classified. */
export function liveCustomers(input: SegmentationInput): CustomerFact[] {
  return (input.customers ?? []).filter((c) => !c.deleted && c.mergedInto === undefined)
}

export interface Purchases {
  table: PurchaseTable
  visits: readonly VisitFact[]
  feedback: readonly FeedbackFact[]
  /** Where each visit's and rating's customer landed in the table, when the table was built here. */
  customerAt: ActivityCustomers | undefined
}

/** The purchase table of the live customers, and the visits and feedback read alongside it. */
export function readPurchases(
  input: SegmentationInput,
  day: number,
  live: readonly CustomerFact[],
  timeZone: string,
): Purchases {
  const liveIds = live.map((c) => c.id)
  // Visited or rated customers count too, even when the customer list leaves them out; the builder
  // notes where each visit's and rating's customer lands, so they are looked up once.
  const visits = input.visits ?? []
  const feedback = feedbackWithComplaints(input.feedback ?? [], input.complaints)
  let customerAt: ActivityCustomers | undefined
  const track = (b: PurchaseTableBuilder) => {
    customerAt = { visits: b.trackCustomersOf(visits), feedback: b.trackCustomersOf(feedback) }
  }
  const table =
    input.table ??
    (input.orders
      ? buildPurchaseTableFromOrders(input.orders, day, liveIds, track, timeZone)
      : buildPurchaseTable(input.lines ?? [], day, liveIds, track, timeZone))
  return { table, visits, feedback, customerAt }
}

export type UserRule = { tag: string; label: Label; rule: RuleNode }

/** The active user tag rules, parsed; the invalid ones are reported, not applied. */
export function compileRules(input: SegmentationInput) {
  const rules: UserRule[] = []
  const errors: { tag: string; message: string }[] = []
  for (const r of input.tagRules ?? []) {
    if (!r.active) continue
    const parsed = parseTagRule(r.rule)
    if (parsed.ok) rules.push({ tag: r.tag, label: r.label, rule: parsed.value })
    else errors.push({ tag: r.tag, message: parsed.error.message })
  }
  const labels = new Map<string, Label>()
  for (const u of rules) if (!labels.has(u.tag)) labels.set(u.tag, u.label)
  return { rules, errors, labels }
}

import { DEFAULT_TIME_ZONE, parseDayNumber, startOfDay, type Visit } from '@outrider/domain'
import type pg from 'pg'
import { type CsvLang, excelCsv, pick, zonedDateTime } from './excel-csv.ts'

type Label = { en: string; zh: string }
const columns: Label[] = [
  { en: 'Date', zh: '拜访日期' },
  { en: 'Check-in', zh: '签到时间' },
  { en: 'Check-out', zh: '签退时间' },
  { en: 'Rep', zh: '销售代表' },
  { en: 'Customer', zh: '客户名称' },
  { en: 'Purpose', zh: '拜访目的' },
  { en: 'Outcome', zh: '拜访结果' },
  { en: 'Satisfaction', zh: '满意度' },
  { en: 'Order total', zh: '订单金额' },
  { en: 'Complaint', zh: '投诉' },
  { en: 'Notes', zh: '拜访记录' },
  { en: 'Review', zh: '审核状态' },
  { en: 'Review comment', zh: '审核意见' },
  { en: 'Visit ID', zh: '拜访编号' },
  // The correction trail: which revision this line is, when and why it replaced the one before.
  { en: 'Revision', zh: '版本' },
  { en: 'Revised at', zh: '更正时间' },
  { en: 'Correction reason', zh: '更正原因' },
  { en: 'Cancelled', zh: '已作废' },
  // Stable codes for formulas and other systems: they do not change with the language or a relabel.
  { en: 'Purpose code', zh: '拜访目的代码' },
  { en: 'Outcome code', zh: '拜访结果代码' },
  { en: 'Review code', zh: '审核状态代码' },
]
const purposes: Record<string, Label> = {
  routine: { en: 'Routine', zh: '例行拜访' },
  sales: { en: 'Sales', zh: '销售' },
  delivery: { en: 'Delivery', zh: '送货' },
  care: { en: 'Customer care', zh: '客户关怀' },
  complaint: { en: 'Complaint', zh: '投诉处理' },
  collection: { en: 'Collection', zh: '回款' },
  prospecting: { en: 'Prospecting', zh: '开发新客户' },
}
const outcomes: Record<string, Label> = {
  ordered: { en: 'Ordered', zh: '已下单' },
  interested: { en: 'Interested', zh: '有意向' },
  no_need: { en: 'No need', zh: '暂无需求' },
  not_met: { en: 'Contact not met', zh: '未见到联系人' },
  closed: { en: 'Shop closed', zh: '门店关门' },
  follow_up: { en: 'Needs follow-up', zh: '需要跟进' },
}
const reviews: Record<string, Label> = {
  pending: { en: 'Not reviewed', zh: '未审核' },
  approved: { en: 'Approved', zh: '已通过' },
  commented: { en: 'Commented', zh: '已批注' },
}

export type VisitsExportQuery = {
  from: string
  to: string
  repId?: string | undefined
  teamId: string | null
  /** The organisation's zone: `from` and `to` are its calendar days, and times are shown in it. */
  timeZone?: string | undefined
}

const yesNo: Record<'yes' | 'no', Label> = { yes: { en: 'Yes', zh: '是' }, no: { en: 'No', zh: '否' } }

/**
 * Visits checked in between `from` and `to` (inclusive calendar days in the organisation's zone) as an
 * Excel-friendly CSV: the latest revision of each visit, oldest first, with its revision number, when and
 * why it was corrected. The latest revision is chosen before the date window applies, so a visit whose
 * correction moved its check-in out of the window leaves it (and shows in the window it moved to). A
 * cancelled visit stays as a line marked cancelled, with an order total of 0 so that sums stay right.
 * `teamId` null means every team (admins).
 */
export async function visitsCsv(
  db: Pick<pg.Pool, 'query'>,
  q: VisitsExportQuery,
  lang: CsvLang,
): Promise<string> {
  const timeZone = q.timeZone ?? DEFAULT_TIME_ZONE
  const dayStart = (date: string, plus = 0) =>
    new Date(startOfDay(parseDayNumber(date) + plus, timeZone)).toISOString()
  const params: unknown[] = [dayStart(q.from), dayStart(q.to, 1)]
  // The scope applies to the latest revision; the chains are first narrowed to those with a revision in
  // the team (indexed), so a supervisor's export does not read every team's visits.
  let chains = ''
  let filter = ''
  if (q.teamId !== null) {
    params.push(q.teamId)
    chains = ` WHERE v.revision_of IN (SELECT revision_of FROM visits WHERE team_id = $${params.length})`
    filter += ` AND latest.team_id = $${params.length}`
  }
  if (q.repId) {
    params.push(q.repId)
    filter += ` AND latest.rep_id = $${params.length}`
  }
  const { rows } = await db.query<{ doc: Visit; customer: string; rep: string | null }>(
    `SELECT latest.doc, c.name AS customer, u.doc->>'displayName' AS rep
       FROM (SELECT DISTINCT ON (v.revision_of) v.doc, v.check_in_at, v.team_id, v.customer_id,
                    coalesce(v.author_id, v.owner_rep_id) AS rep_id
               FROM visits v${chains}
              ORDER BY v.revision_of, v.revision DESC) latest
       JOIN customers c ON c.id = latest.customer_id
       LEFT JOIN users u ON u.id = latest.rep_id
      WHERE latest.check_in_at >= $1::timestamptz AND latest.check_in_at < $2::timestamptz${filter}
      ORDER BY latest.check_in_at, (latest.doc->>'id')`,
    params,
  )
  const label = (map: Record<string, Label>, key: string | undefined) => {
    const l = key === undefined ? undefined : map[key]
    return l ? pick(lang, l) : (key ?? '')
  }
  const data = rows.map(({ doc: v, customer, rep }) => {
    const inAt = zonedDateTime(v.checkInAt, timeZone)
    const cancelled = v.cancelled === true
    const total = cancelled
      ? 0
      : (v.orderLines ?? []).reduce((s, l) => s + Math.round(l.quantity * l.unitPrice * 100), 0) / 100
    const revision = v.revision ?? 1
    const revisedAt = revision > 1 ? zonedDateTime(v.createdAt, timeZone) : null
    return [
      inAt.date,
      inAt.time,
      zonedDateTime(v.checkOutAt, timeZone).time,
      rep ?? '',
      customer,
      label(purposes, v.purpose),
      label(outcomes, v.outcome),
      v.satisfaction ?? null,
      total,
      v.complaint ?? '',
      v.notes ?? '',
      label(reviews, v.review?.status ?? 'pending'),
      v.review?.comment ?? '',
      // The visit's own id, the same through its corrections (each revision has an id of its own).
      v.revisionOf ?? v.id,
      revision,
      revisedAt ? `${revisedAt.date} ${revisedAt.time}` : '',
      revision > 1 ? (v.reason ?? '') : '',
      pick(lang, yesNo[cancelled ? 'yes' : 'no']),
      v.purpose ?? '',
      v.outcome,
      v.review?.status ?? 'pending',
    ]
  })
  return excelCsv(
    columns.map((c) => pick(lang, c)),
    data,
  )
}

import type { Customer, SurveyQuestion, Tier, Visit } from '../model/index.ts'
import { type AnalyticsResult, analyticsError } from './analytics-error.ts'
import { UNASSIGNED } from './compute-kpis.ts'
import { dayNumber } from './day-number.ts'
import type { Kpi } from './kpi.ts'
import type { KpiSet } from './kpi-accumulator.ts'
import { latestRevisions } from './latest-revisions.ts'

type Label = { zh: string; en: string }

export type SurveyVisit = Pick<Visit, 'revisionOf' | 'revision' | 'customerId' | 'checkInAt'> &
  Partial<Pick<Visit, 'survey' | 'cancelled'>>

export interface SurveyResultsInput {
  customers: readonly (Pick<Customer, 'id' | 'ownerRepId' | 'teamId'> &
    Partial<Pick<Customer, 'mergedInto'>>)[]
  visits: readonly SurveyVisit[]
  /** Inclusive ISO dates. */
  period: { from: string; to: string }
  /** Visits after this date are ignored. */
  asOf: string
  /** Groups as the KPIs do: by the customer's owner, team or tier; absent: overall only. */
  groupBy?: 'rep' | 'team' | 'tier'
  tierOf?: (customerId: string) => Tier | undefined
  /** Latest text answers kept per question (default 3). */
  latestTexts?: number
}

/** What the answers to one question came to. */
export type QuestionResult = {
  id: string
  /** The label as last asked (a later edit of the survey renames it; the answers stay). */
  label: Label
  /** Visits that answered it. */
  answers: number
} & (
  | { kind: 'rating' /** Mean of the 1–5 marks, null without answers. */; average: number | null }
  | {
      kind: 'choice'
      /** Each option as asked (in the latest survey's order, then options only older surveys had), with its count. */
      options: { label: Label; count: number }[]
    }
  | { kind: 'text' /** The newest answers, newest first. */; latest: { text: string; at: string }[] }
)

export interface SurveyGroup {
  /** Rep id, team id or tier, as `computeKpis` keys its groups; `overall` for everyone. */
  key: string
  /** Visits in the period with a survey that got at least one answer. */
  surveys: number
  questions: QuestionResult[]
}

export interface SurveyResults {
  overall: SurveyGroup
  /** One per rep/team/tier with answered surveys, sorted by key. */
  groups: SurveyGroup[]
}

/** Running sums of one question in one group. */
interface QuestionTally {
  id: string
  kind: SurveyQuestion['kind']
  label: Label
  /** checkInAt of the visit `label` comes from (the newest asking wins). */
  labelAt: string
  /** Place in the newest asking's list, so questions are listed as the survey asks them. */
  position: number
  answers: number
  sum: number
  /** Choice options by their bilingual label; order of the newest asking first. */
  options: Map<string, { label: Label; count: number }>
  optionOrder: string[]
  texts: { text: string; at: string }[]
}

const optionKey = (l: Label) => `${l.zh}\u0000${l.en}`

class SurveyTally {
  surveys = 0
  readonly questions = new Map<string, QuestionTally>()

  add(v: SurveyVisit & { survey: NonNullable<Visit['survey']> }): void {
    let answered = false
    for (const [position, q] of v.survey.questions.entries()) {
      const answer = v.survey.answers[q.id]
      if (answer === undefined) continue
      // A question is one id asked as one kind; an id reused with another kind is another question.
      const key = `${q.kind}:${q.id}`
      let t = this.questions.get(key)
      if (t === undefined) {
        t = {
          id: q.id,
          kind: q.kind,
          label: q.label,
          labelAt: v.checkInAt,
          position,
          answers: 0,
          sum: 0,
          options: new Map(),
          optionOrder: [],
          texts: [],
        }
        this.questions.set(key, t)
      }
      const newer = v.checkInAt > t.labelAt
      if (newer) {
        t.label = q.label
        t.labelAt = v.checkInAt
        t.position = position
      }
      if (q.kind === 'rating') {
        if (typeof answer !== 'number' || answer < 1 || answer > 5) continue
        t.sum += answer
      } else if (q.kind === 'choice') {
        const option = typeof answer === 'number' ? q.options[answer] : undefined
        if (option === undefined) continue
        const k = optionKey(option)
        const o = t.options.get(k) ?? { label: option, count: 0 }
        o.count++
        t.options.set(k, o)
        // The newest asking decides the order its options are listed in.
        if (newer || t.optionOrder.length === 0) t.optionOrder = q.options.map(optionKey)
      } else {
        if (typeof answer !== 'string' || answer.trim() === '') continue
        t.texts.push({ text: answer.trim(), at: v.checkInAt })
      }
      t.answers++
      answered = true
    }
    if (answered) this.surveys++
  }

  result(key: string, latestTexts: number): SurveyGroup {
    const questions: QuestionResult[] = []
    const asked = [...this.questions.values()].sort((a, b) => a.position - b.position)
    for (const t of asked) {
      if (t.answers === 0) continue
      const base = { id: t.id, label: t.label, answers: t.answers }
      if (t.kind === 'rating') questions.push({ ...base, kind: 'rating', average: t.sum / t.answers })
      else if (t.kind === 'choice') {
        const listed = t.optionOrder.map((k) => t.options.get(k) ?? { label: labelOf(k), count: 0 })
        const older = [...t.options].filter(([k]) => !t.optionOrder.includes(k)).map(([, o]) => o)
        questions.push({ ...base, kind: 'choice', options: [...listed, ...older] })
      } else {
        const latest = [...t.texts].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
        questions.push({ ...base, kind: 'text', latest: latest.slice(0, latestTexts) })
      }
    }
    return { key, surveys: this.surveys, questions }
  }
}

function labelOf(key: string): Label {
  const [zh = '', en = ''] = key.split('\u0000')
  return { zh, en }
}

/**
 * The answers to the tiers' surveys in a period, overall and per rep, team or tier: each question's
 * mean mark, count per option or newest texts, read from the survey each visit kept as it was asked.
 * Visits count as `computeKpis` counts them (newest revision, not cancelled, on their calendar day,
 * through the customer — a merged-away customer's for the survivor — and its owner, team or tier).
 */
export function surveyResults(input: SurveyResultsInput): AnalyticsResult<SurveyResults> {
  const from = dayNumber(input.period.from)
  const to = dayNumber(input.period.to)
  if (Number.isNaN(from) || Number.isNaN(to) || to < from)
    return analyticsError(
      'bad_period',
      `period must be two ISO dates, from ≤ to (got ${input.period.from}..${input.period.to})`,
    )
  const asOf = dayNumber(input.asOf)
  if (Number.isNaN(asOf)) return analyticsError('bad_as_of', `asOf must be an ISO date (got ${input.asOf})`)
  const byId = new Map(input.customers.map((c) => [c.id, c]))
  const survivor = (id: string) => {
    let c = byId.get(id)
    for (let hops = 0; hops < 16 && c?.mergedInto !== undefined; hops++) {
      const next = byId.get(c.mergedInto)
      if (next === undefined || next.id === id) break
      c = next
    }
    return c
  }
  const keyOf = (c: SurveyResultsInput['customers'][number]): string | undefined => {
    switch (input.groupBy) {
      case 'rep':
        return c.ownerRepId ?? UNASSIGNED
      case 'team':
        return c.teamId ?? UNASSIGNED
      case 'tier':
        return input.tierOf?.(c.id) ?? UNASSIGNED
      default:
        return undefined
    }
  }
  const overall = new SurveyTally()
  const groups = new Map<string, SurveyTally>()
  for (const v of latestRevisions(input.visits)) {
    if (v.cancelled === true || v.survey === undefined) continue
    const d = dayNumber(v.checkInAt)
    if (Number.isNaN(d) || d < from || d > to || d > asOf) continue
    const c = survivor(v.customerId)
    if (c === undefined) continue
    const visit = { ...v, survey: v.survey }
    overall.add(visit)
    const key = keyOf(c)
    if (key === undefined) continue
    let g = groups.get(key)
    if (g === undefined) {
      g = new SurveyTally()
      groups.set(key, g)
    }
    g.add(visit)
  }
  const latestTexts = input.latestTexts ?? 3
  return {
    ok: true,
    value: {
      overall: overall.result('overall', latestTexts),
      groups: [...groups]
        .filter(([, g]) => g.surveys > 0)
        .map(([key, g]) => g.result(key, latestTexts))
        .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
    },
  }
}

/** "Would you recommend us" answers of a KPI set, split: promoters (9–10), passives (7–8), detractors (0–6). */
export interface NpsBreakdown {
  answers: number
  promoters: number
  passives: number
  detractors: number
  /** Promoters − detractors as a share of answers, −1…1 (null without answers). */
  score: number | null
}

/** The NPS split out of the figures `computeKpis` already counted (promoter share and net score). */
export function npsBreakdown(kpis: Pick<KpiSet, 'promoterShare' | 'netPromoterScore'>): NpsBreakdown {
  const answers = count(kpis.netPromoterScore.denominator)
  const promoters = count(kpis.promoterShare.numerator)
  const detractors = promoters - count(kpis.netPromoterScore.numerator)
  return {
    answers,
    promoters,
    passives: answers - promoters - detractors,
    detractors,
    score: kpis.netPromoterScore.value,
  }
}

const count = (n: Kpi['numerator']): number => n ?? 0

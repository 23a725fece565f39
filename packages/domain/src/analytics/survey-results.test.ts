import { describe, expect, it } from 'vitest'
import type { SurveyQuestion, Visit } from '../model/index.ts'
import { computeKpis } from './compute-kpis.ts'
import { customer, feedback, visit } from './records.test-helpers.ts'
import { npsBreakdown, type SurveyResultsInput, surveyResults } from './survey-results.ts'

const rating: SurveyQuestion = { id: 'q-delivery', kind: 'rating', label: { zh: '送货', en: 'Delivery' } }
const choice: SurveyQuestion = {
  id: 'q-range',
  kind: 'choice',
  label: { zh: '品类', en: 'Category' },
  options: [
    { zh: '饮料', en: 'Drinks' },
    { zh: '零食', en: 'Snacks' },
  ],
}
const textQ: SurveyQuestion = { id: 'q-note', kind: 'text', label: { zh: '建议', en: 'Suggestions' } }

function surveyed(
  customerId: string,
  day: string,
  answers: Record<string, number | string>,
  patch: Partial<Visit> = {},
  questions: SurveyQuestion[] = [rating, choice, textQ],
): Visit {
  return visit(customerId, day, { survey: { questions, answers }, ...patch })
}

const customers = [
  customer('a1', { ownerRepId: 'rep1' }),
  customer('a2', { ownerRepId: 'rep2' }),
  customer('c1', { ownerRepId: 'rep2' }),
]
const tiers: Record<string, 'A' | 'C'> = { a1: 'A', a2: 'A', c1: 'C' }
const base: Omit<SurveyResultsInput, 'visits'> = {
  customers,
  period: { from: '2026-03-01', to: '2026-03-31' },
  asOf: '2026-03-31',
  tierOf: (id) => tiers[id],
}

function run(visits: Visit[], groupBy?: SurveyResultsInput['groupBy']) {
  const r = surveyResults({ ...base, visits, ...(groupBy ? { groupBy } : {}) })
  if (!r.ok) throw new Error(r.error.message)
  return r.value
}

describe('surveyResults', () => {
  const visits = [
    // Answered first in the period, the choice is still listed after the rating, as the survey asks them.
    surveyed('c1', '2026-03-01', { 'q-range': 0 }),
    surveyed('a1', '2026-03-02', { 'q-delivery': 5, 'q-range': 0, 'q-note': '多送冷饮' }),
    surveyed('a2', '2026-03-09', { 'q-delivery': 2, 'q-range': 1 }),
    surveyed('a2', '2026-03-20', { 'q-delivery': 3, 'q-note': '  ' }),
    surveyed('c1', '2026-03-21', { 'q-range': 1, 'q-note': '价格太高' }),
    // Not counted: before the period, cancelled, and a visit without a survey.
    surveyed('a1', '2026-02-27', { 'q-delivery': 1 }),
    surveyed('a1', '2026-03-05', { 'q-delivery': 1 }, { cancelled: true }),
    visit('a1', '2026-03-06'),
  ]

  it('sums each question per tier: mean mark, count per option, newest texts', () => {
    const r = run(visits, 'tier')
    expect(r.overall.surveys).toBe(5)
    expect(r.overall.questions.map((q) => q.id)).toEqual(['q-delivery', 'q-range', 'q-note'])
    expect(r.groups.map((g) => [g.key, g.surveys])).toEqual([
      ['A', 3],
      ['C', 2],
    ])
    const [a, c] = r.groups
    expect(a!.questions).toEqual([
      { id: 'q-delivery', kind: 'rating', label: rating.label, answers: 3, average: 10 / 3 },
      {
        id: 'q-range',
        kind: 'choice',
        label: choice.label,
        answers: 2,
        options: [
          { label: { zh: '饮料', en: 'Drinks' }, count: 1 },
          { label: { zh: '零食', en: 'Snacks' }, count: 1 },
        ],
      },
      // A blank text is no answer.
      {
        id: 'q-note',
        kind: 'text',
        label: textQ.label,
        answers: 1,
        latest: [{ text: '多送冷饮', at: visits[1]!.checkInAt }],
      },
    ])
    expect(c!.questions.map((q) => [q.id, q.answers])).toEqual([
      ['q-range', 2],
      ['q-note', 1],
    ])
  })

  it('groups per rep by the customer’s owner, as the KPIs do', () => {
    const r = run(visits, 'rep')
    expect(r.groups.map((g) => [g.key, g.surveys])).toEqual([
      ['rep1', 1],
      ['rep2', 4],
    ])
    const rep2Rating = r.groups[1]!.questions.find((q) => q.id === 'q-delivery')
    expect(rep2Rating).toMatchObject({ kind: 'rating', answers: 2, average: 2.5 })
  })

  it('names a question as last asked and lists options of older surveys after the current ones', () => {
    const renamed: SurveyQuestion = {
      ...choice,
      label: { zh: '想要的品类', en: 'Wanted category' },
      options: [
        { zh: '零食', en: 'Snacks' },
        { zh: '日用品', en: 'Household' },
      ],
    }
    const r = run([
      surveyed('a2', '2026-03-20', { 'q-range': 1 }, {}, [renamed]),
      surveyed('a1', '2026-03-02', { 'q-range': 0 }, {}, [choice]),
      surveyed('a1', '2026-03-03', { 'q-range': 1 }, {}, [choice]),
    ])
    expect(r.overall.questions).toEqual([
      {
        id: 'q-range',
        kind: 'choice',
        label: renamed.label,
        answers: 3,
        options: [
          { label: { zh: '零食', en: 'Snacks' }, count: 1 },
          { label: { zh: '日用品', en: 'Household' }, count: 1 },
          { label: { zh: '饮料', en: 'Drinks' }, count: 1 },
        ],
      },
    ])
  })

  it('counts only the newest revision of a corrected visit, and a merged-away customer’s for the survivor', () => {
    const first = surveyed('gone', '2026-03-04', { 'q-delivery': 1 }, { id: 'v-x' })
    const corrected = {
      ...first,
      id: 'v-x2',
      revision: 2,
      survey: { ...first.survey!, answers: { 'q-delivery': 4 } },
    }
    const r = surveyResults({
      ...base,
      customers: [...customers, customer('gone', { ownerRepId: 'rep9', mergedInto: 'c1' })],
      visits: [first, corrected],
      groupBy: 'rep',
    })
    if (!r.ok) throw new Error(r.error.message)
    expect(r.value.groups).toEqual([
      { key: 'rep2', surveys: 1, questions: [{ ...rating, answers: 1, average: 4 }] },
    ])
  })

  it('refuses a bad period', () => {
    const r = surveyResults({ ...base, visits: [], period: { from: '2026-03-31', to: '2026-03-01' } })
    expect(r.ok).toBe(false)
  })
})

describe('NPS per tier and per rep', () => {
  const input = {
    customers,
    orders: [],
    visits: [
      visit('a1', '2026-03-02', { nps: 10 }),
      visit('a1', '2026-03-03', { nps: 8 }),
      visit('a2', '2026-03-04', { nps: 3 }),
      visit('c1', '2026-03-05', { nps: 9 }),
    ],
    feedback: [feedback('a2', '2026-03-06T10:00:00+08:00', { recommend: 9 })],
    period: base.period,
    asOf: base.asOf,
    tierOf: base.tierOf!,
  }
  const groups = (groupBy: 'rep' | 'tier') => {
    const r = computeKpis({ ...input, groupBy })
    if (!r.ok) throw new Error(r.error.message)
    return Object.fromEntries(r.value.groups.map((g) => [g.key, npsBreakdown(g.kpis)]))
  }

  it('splits each tier’s answers into promoters, passives and detractors', () => {
    expect(groups('tier')).toEqual({
      A: { answers: 4, promoters: 2, passives: 1, detractors: 1, score: 0.25 },
      C: { answers: 1, promoters: 1, passives: 0, detractors: 0, score: 1 },
    })
  })

  it('and each rep’s, by the customer’s owner', () => {
    expect(groups('rep')).toEqual({
      rep1: { answers: 2, promoters: 1, passives: 1, detractors: 0, score: 0.5 },
      rep2: { answers: 3, promoters: 2, passives: 0, detractors: 1, score: 1 / 3 },
    })
  })

  it('has no score without answers', () => {
    const r = computeKpis({ ...input, visits: [], feedback: [] })
    if (!r.ok) throw new Error(r.error.message)
    expect(npsBreakdown(r.value.overall)).toEqual({
      answers: 0,
      promoters: 0,
      passives: 0,
      detractors: 0,
      score: null,
    })
  })
})

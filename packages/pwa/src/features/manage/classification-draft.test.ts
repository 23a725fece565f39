import { defaultServicePolicy, servicePolicySchema } from '@outrider/domain'
import { describe, expect, it } from 'vitest'
import {
  addOverride,
  applyDraft,
  type DraftError,
  draftToShares,
  draftToWeights,
  effectivePercents,
  overridesToRows,
  percentToShare,
  policyToDraft,
  remainderPercent,
  removeOverride,
  rowsToOverrides,
  shareToPercent,
  updateOverride,
  weightsSum,
} from './classification-draft.ts'
import { manageMessages } from './messages.ts'

describe('tier shares', () => {
  it('converts shares to percentages and back without floating-point noise', () => {
    expect(shareToPercent(0.8)).toBe('80')
    expect(shareToPercent(0.15)).toBe('15')
    expect(shareToPercent(0.155)).toBe('15.5')
    expect(percentToShare('80')).toBe(0.8)
    expect(percentToShare(' 15,5 ')).toBe(0.155)
    expect(percentToShare('')).toBeNaN()
    expect(percentToShare('lots')).toBeNaN()
    for (const s of [0.8, 0.15, 0.07, 0.333333]) expect(percentToShare(shareToPercent(s))).toBeCloseTo(s, 4)
  })

  it('shows what tier C keeps', () => {
    expect(remainderPercent({ a: '80', b: '15' })).toBe('5')
    expect(remainderPercent({ a: '80.5', b: '15.2' })).toBe('4.3')
    expect(remainderPercent({ a: '70', b: '' })).toBeNull()
  })

  it('accepts each share above 0 with A + B below 100 %, and says which part is wrong', () => {
    expect(draftToShares({ a: '80', b: '15' })).toEqual({ ok: true, value: { a: 0.8, b: 0.15 } })
    expect(draftToShares({ a: '0', b: '15' })).toEqual({ ok: false, error: { reason: 'shareA' } })
    expect(draftToShares({ a: '', b: '15' })).toEqual({ ok: false, error: { reason: 'shareA' } })
    expect(draftToShares({ a: '100', b: '15' })).toEqual({ ok: false, error: { reason: 'shareA' } })
    expect(draftToShares({ a: '80', b: '-1' })).toEqual({ ok: false, error: { reason: 'shareB' } })
    expect(draftToShares({ a: '80', b: '20' })).toEqual({
      ok: false,
      error: { reason: 'shareSum', sum: '100' },
    })
    expect(draftToShares({ a: '85', b: '20' })).toEqual({
      ok: false,
      error: { reason: 'shareSum', sum: '105' },
    })
    expect(draftToShares({ a: '80', b: '19.99' })).toMatchObject({ ok: true })
  })
})

describe('score weights', () => {
  const w = (value: string, potential: string, loyalty: string, risk: string) => ({
    value,
    potential,
    loyalty,
    risk,
  })

  it('parses weights from 0 to 1 and names the first one out of range', () => {
    expect(draftToWeights(w('0.4', '0.2', '0.25', '0.15'))).toEqual({
      ok: true,
      value: { value: 0.4, potential: 0.2, loyalty: 0.25, risk: 0.15 },
    })
    expect(draftToWeights(w('0.4', '1.5', '0.25', '0.15'))).toEqual({
      ok: false,
      error: { reason: 'weight', weight: 'potential' },
    })
    expect(draftToWeights(w('0.4', '0.2', '', '0.15'))).toMatchObject({ error: { weight: 'loyalty' } })
  })

  it('tells whether they sum to 1, and each one’s share of the score as the score rescales them', () => {
    expect(weightsSum(w('0.4', '0.2', '0.25', '0.15'))).toEqual({ kind: 'one' })
    expect(weightsSum(w('0.1', '0.2', '0.3', '0.4'))).toEqual({ kind: 'one' })
    expect(weightsSum(w('0.5', '0.5', '0.5', '0.5'))).toEqual({ kind: 'other', sum: '2' })
    expect(weightsSum(w('0', '0', '0', '0'))).toEqual({ kind: 'zero' })
    expect(weightsSum(w('x', '0', '0', '0'))).toBeNull()
    expect(effectivePercents(w('0.5', '0.5', '0.5', '0.5'))).toEqual({
      value: '25',
      potential: '25',
      loyalty: '25',
      risk: '25',
    })
    expect(effectivePercents(w('0.6', '0.2', '0', '0'))?.value).toBe('75')
    expect(effectivePercents(w('0', '0', '0', '0'))?.risk).toBe('25')
  })
})

describe('segment overrides', () => {
  it('lists overrides in segment order, adds the first free segment, edits and removes rows', () => {
    const rows = overridesToRows({
      cant_lose: { visitEveryDays: 5 },
      churned: { visitEveryDays: 3 },
      at_risk: { visitEveryDays: 7 },
    })
    expect(rows).toEqual([
      { key: 'at_risk', days: '7' },
      { key: 'cant_lose', days: '5' },
      { key: 'churned', days: '3' },
    ])
    const added = addOverride(rows)
    expect(added?.at(-1)).toEqual({ key: 'important_value', days: '7' })
    const edited = updateOverride(added!, 3, { key: 'lost', days: '21' })
    expect(rowsToOverrides(edited)).toEqual({
      ok: true,
      value: {
        at_risk: { visitEveryDays: 7 },
        cant_lose: { visitEveryDays: 5 },
        churned: { visitEveryDays: 3 },
        lost: { visitEveryDays: 21 },
      },
    })
    expect(rowsToOverrides(removeOverride(edited, 0))).toMatchObject({
      ok: true,
      value: { lost: { visitEveryDays: 21 } },
    })
    expect(
      Object.keys((rowsToOverrides(removeOverride(edited, 0)) as { value: object }).value),
    ).not.toContain('at_risk')
    expect(rowsToOverrides([])).toEqual({ ok: true, value: {} })
  })

  it('stops adding once every segment has a row', () => {
    let rows = overridesToRows({})
    // the Chinese RFM model's 8 segments and the R×F grid's 11
    for (let i = 0; i < 19; i++) rows = addOverride(rows) ?? rows
    expect(new Set(rows.map((r) => r.key)).size).toBe(19)
    expect(addOverride(rows)).toBeNull()
  })

  it('refuses days outside 1–365 or not whole, and a segment listed twice', () => {
    for (const days of ['0', '366', '7.5', '', 'x'])
      expect(rowsToOverrides([{ key: 'at_risk', days }])).toEqual({
        ok: false,
        error: { reason: 'overrideDays', key: 'at_risk' },
      })
    expect(
      rowsToOverrides([
        { key: 'lost', days: '30' },
        { key: 'lost', days: '20' },
      ]),
    ).toEqual({ ok: false, error: { reason: 'overrideDuplicate', key: 'lost' } })
  })
})

describe('the whole draft', () => {
  it('round-trips the default policy and replaces only its classification parts', () => {
    const p = defaultServicePolicy
    expect(applyDraft(p, policyToDraft(p))).toEqual({ ok: true, value: p })
    const d = policyToDraft(p)
    d.shares = { a: '70', b: '20' }
    d.overrides = [...d.overrides, { key: 'hibernating', days: '45' }]
    const r = applyDraft(p, d)
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.value.tierShares).toEqual({ a: 0.7, b: 0.2 })
    expect(r.value.segmentOverrides.hibernating).toEqual({ visitEveryDays: 45 })
    expect(r.value.tiers).toBe(p.tiers)
    expect(r.value.rfmGrid).toBe(p.rfmGrid)
    expect(servicePolicySchema.safeParse(r.value).success).toBe(true)
  })

  it('reports the first problem, which has a message in both languages', () => {
    const d = policyToDraft(defaultServicePolicy)
    d.shares.b = '25'
    expect(applyDraft(defaultServicePolicy, d)).toEqual({
      ok: false,
      error: { reason: 'shareSum', sum: '105' },
    })
    const reasons: DraftError['reason'][] = [
      'shareA',
      'shareB',
      'shareSum',
      'weight',
      'overrideDays',
      'overrideDuplicate',
    ]
    for (const r of reasons) {
      expect(manageMessages.en.classification.errors[r]).toMatch(/\S/)
      expect(manageMessages.zh.classification.errors[r]).toMatch(/\S/)
    }
  })
})

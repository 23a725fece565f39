import { type ServicePolicy, segmentKeys } from '@outrider/domain'

/**
 * The classification part of a service policy as the form holds it: tier shares in percent, score
 * weights and override days as typed (text), overrides as ordered rows. Pure, so the panel stays thin.
 */

export type Shares = ServicePolicy['tierShares']
export type Weights = ServicePolicy['scoreWeights']
export type Overrides = ServicePolicy['segmentOverrides']

export type WeightKey = keyof Weights
export const weightKeys: readonly WeightKey[] = ['value', 'potential', 'loyalty', 'risk']

export type SharesDraft = { a: string; b: string }
export type WeightsDraft = Record<WeightKey, string>
export type OverrideRow = { key: string; days: string }

/** Why a draft cannot be saved; `manage.classification.errors.<reason>` says it to the user. */
export type DraftError =
  | { reason: 'shareA' | 'shareB' }
  | { reason: 'shareSum'; sum: string }
  | { reason: 'weight'; weight: WeightKey }
  | { reason: 'overrideDays'; key: string }
  | { reason: 'overrideDuplicate'; key: string }

type Result<T> = { ok: true; value: T } | { ok: false; error: DraftError }

/** A number typed in a form: blank or not a finite number is NaN. Accepts a decimal comma. */
function parseNumber(text: string): number {
  const s = text.trim().replace(/[,，]/g, '.')
  return s === '' ? Number.NaN : Number(s)
}

/** Rounds away floating-point noise (0.15 × 100 = 15.000000000000002) to `digits` decimals. */
const round = (x: number, digits: number) => {
  const f = 10 ** digits
  return Math.round(x * f) / f
}

/** 0.8 → "80", 0.155 → "15.5". */
export function shareToPercent(share: number): string {
  return String(round(share * 100, 2))
}

/** "80" → 0.8; NaN when not a number. */
export function percentToShare(text: string): number {
  const p = parseNumber(text)
  return Number.isFinite(p) ? round(p / 100, 6) : Number.NaN
}

export function sharesToDraft(shares: Shares): SharesDraft {
  return { a: shareToPercent(shares.a), b: shareToPercent(shares.b) }
}

/** What tier C is left with, in percent ("5"), or null while A or B is not a number. */
export function remainderPercent(draft: SharesDraft): string | null {
  const a = parseNumber(draft.a)
  const b = parseNumber(draft.b)
  if (!Number.isFinite(a) || !Number.isFinite(b)) return null
  return String(round(100 - a - b, 2))
}

/** Shares from percentages: each above 0, and A + B below 100 so that tier C keeps a share. */
export function draftToShares(draft: SharesDraft): Result<Shares> {
  const a = percentToShare(draft.a)
  const b = percentToShare(draft.b)
  if (!(a > 0 && a < 1)) return { ok: false, error: { reason: 'shareA' } }
  if (!(b > 0 && b < 1)) return { ok: false, error: { reason: 'shareB' } }
  if (!(round(a + b, 6) < 1))
    return { ok: false, error: { reason: 'shareSum', sum: String(round((a + b) * 100, 2)) } }
  return { ok: true, value: { a, b } }
}

export function weightsToDraft(w: Weights): WeightsDraft {
  return {
    value: String(w.value),
    potential: String(w.potential),
    loyalty: String(w.loyalty),
    risk: String(w.risk),
  }
}

export function draftToWeights(draft: WeightsDraft): Result<Weights> {
  const out = { value: 0, potential: 0, loyalty: 0, risk: 0 }
  for (const k of weightKeys) {
    const x = parseNumber(draft[k])
    if (!(x >= 0 && x <= 1)) return { ok: false, error: { reason: 'weight', weight: k } }
    out[k] = x
  }
  return { ok: true, value: out }
}

/**
 * How the weights add up, as the score uses them (a weighted mean divided by their sum, so only their
 * proportions matter; all zero counts the four equally): `one` when they sum to 1, `other` (with the
 * sum) when the score rescales them, `zero` when all are zero, null while one is not a valid weight.
 */
export function weightsSum(
  draft: WeightsDraft,
): { kind: 'one' | 'zero' } | { kind: 'other'; sum: string } | null {
  const w = draftToWeights(draft)
  if (!w.ok) return null
  const sum = round(
    weightKeys.reduce((s, k) => s + w.value[k], 0),
    6,
  )
  if (sum === 0) return { kind: 'zero' }
  if (sum === 1) return { kind: 'one' }
  return { kind: 'other', sum: String(round(sum, 3)) }
}

/** Each weight's share of the score in percent ("40"), as the score rescales them; null while invalid. */
export function effectivePercents(draft: WeightsDraft): Record<WeightKey, string> | null {
  const w = draftToWeights(draft)
  if (!w.ok) return null
  const sum = weightKeys.reduce((s, k) => s + w.value[k], 0)
  const pct = (k: WeightKey) => String(round(sum > 0 ? (w.value[k] / sum) * 100 : 25, 1))
  return { value: pct('value'), potential: pct('potential'), loyalty: pct('loyalty'), risk: pct('risk') }
}

const segmentOrder: readonly string[] = segmentKeys

/** Override rows in the RFM segment order (keys the picker does not know, e.g. a lifecycle stage, last). */
export function overridesToRows(overrides: Overrides): OverrideRow[] {
  const rank = (k: string) => {
    const i = segmentOrder.indexOf(k)
    return i < 0 ? segmentOrder.length : i
  }
  return Object.entries(overrides)
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([key, o]) => ({ key, days: String(o.visitEveryDays) }))
}

/** A new row for the first segment without one (null when every segment has one), visited weekly. */
export function addOverride(rows: readonly OverrideRow[]): OverrideRow[] | null {
  const used = new Set(rows.map((r) => r.key))
  const key = segmentOrder.find((s) => !used.has(s))
  return key === undefined ? null : [...rows, { key, days: '7' }]
}

export function removeOverride(rows: readonly OverrideRow[], index: number): OverrideRow[] {
  return rows.filter((_, i) => i !== index)
}

export function updateOverride(
  rows: readonly OverrideRow[],
  index: number,
  patch: Partial<OverrideRow>,
): OverrideRow[] {
  return rows.map((r, i) => (i === index ? { ...r, ...patch } : r))
}

/** The record the policy stores: whole days 1–365, each segment once. */
export function rowsToOverrides(rows: readonly OverrideRow[]): Result<Overrides> {
  const out: Overrides = {}
  for (const r of rows) {
    if (Object.hasOwn(out, r.key)) return { ok: false, error: { reason: 'overrideDuplicate', key: r.key } }
    const days = parseNumber(r.days)
    if (!(Number.isInteger(days) && days >= 1 && days <= 365))
      return { ok: false, error: { reason: 'overrideDays', key: r.key } }
    out[r.key] = { visitEveryDays: days }
  }
  return { ok: true, value: out }
}

export type ClassificationDraft = { shares: SharesDraft; weights: WeightsDraft; overrides: OverrideRow[] }

export function policyToDraft(p: ServicePolicy): ClassificationDraft {
  return {
    shares: sharesToDraft(p.tierShares),
    weights: weightsToDraft(p.scoreWeights),
    overrides: overridesToRows(p.segmentOverrides),
  }
}

/** The policy with its tier shares, score weights and segment overrides replaced by the draft's. */
export function applyDraft(p: ServicePolicy, d: ClassificationDraft): Result<ServicePolicy> {
  const tierShares = draftToShares(d.shares)
  if (!tierShares.ok) return tierShares
  const scoreWeights = draftToWeights(d.weights)
  if (!scoreWeights.ok) return scoreWeights
  const segmentOverrides = rowsToOverrides(d.overrides)
  if (!segmentOverrides.ok) return segmentOverrides
  return {
    ok: true,
    value: {
      ...p,
      tierShares: tierShares.value,
      scoreWeights: scoreWeights.value,
      segmentOverrides: segmentOverrides.value,
    },
  }
}

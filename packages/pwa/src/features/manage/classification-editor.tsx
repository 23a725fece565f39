import { lifecycleStageLabels, type ServicePolicy, segmentKeys, segmentLabel } from '@outrider/domain'
import { type Dispatch, type SetStateAction, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  addOverride,
  applyDraft,
  type ClassificationDraft,
  type DraftError,
  draftToShares,
  effectivePercents,
  type OverrideRow,
  policyToDraft,
  remainderPercent,
  removeOverride,
  updateOverride,
  weightKeys,
  weightsSum,
} from './classification-draft.ts'
import { Message, type MessageSlot, useSave } from './policy-save.tsx'

type SetDraft = Dispatch<SetStateAction<ClassificationDraft>>

/**
 * Tier shares (客户分级), score weights (评分权重) and per-segment visit cycles (拜访周期) of the team's
 * policy, saved together with the rest of the synced policy unchanged.
 */
export function ClassificationEditor({
  policy,
  messageSlot,
}: {
  policy: ServicePolicy
  messageSlot?: MessageSlot
}) {
  const { t } = useTranslation()
  const [draft, setDraft] = useState<ClassificationDraft>(() => policyToDraft(policy))
  const { segmentName, errorText } = useDraftWords()
  const { busy, message, save } = useSave(
    () => {
      const built = applyDraft(policy, draft)
      return built.ok ? built.value : { invalid: errorText(built.error) }
    },
    'manage.classification.saved',
    messageSlot,
  )

  return (
    <section className="panel" aria-labelledby="classification-title" data-testid="classification-editor">
      <h2 id="classification-title">{t('manage.classification.title')}</h2>
      <TierShares draft={draft} setDraft={setDraft} errorText={errorText} />
      <ScoreWeights draft={draft} setDraft={setDraft} />
      <SegmentOverrides draft={draft} setDraft={setDraft} segmentName={segmentName} />
      <button type="button" disabled={busy} onClick={() => void save()}>
        {t('manage.classification.save')}
      </button>
      <Message message={message} />
    </section>
  )
}

/** A segment's (or lifecycle stage's) name and a draft error, in the user's language. */
function useDraftWords() {
  const { t, i18n } = useTranslation()
  const zh = i18n.language.startsWith('zh')
  // An override may name a lifecycle stage (at_risk) as well as a segment.
  const segmentName = (key: string) =>
    (Object.hasOwn(lifecycleStageLabels, key)
      ? lifecycleStageLabels[key as keyof typeof lifecycleStageLabels]
      : segmentLabel(key))[zh ? 'zh' : 'en']
  const errorText = (e: DraftError) => {
    const key = `manage.classification.errors.${e.reason}`
    switch (e.reason) {
      case 'shareSum':
        return t(key, { sum: e.sum })
      case 'weight':
        return t(key, { name: t(`manage.classification.weights.${e.weight}`) })
      case 'overrideDays':
      case 'overrideDuplicate':
        return t(key, { segment: segmentName(e.key) })
      default:
        return t(key)
    }
  }
  return { segmentName, errorText }
}

/** The shares of tiers A and B (C takes the rest). */
function TierShares({
  draft,
  setDraft,
  errorText,
}: {
  draft: ClassificationDraft
  setDraft: SetDraft
  errorText: (e: DraftError) => string
}) {
  const { t } = useTranslation()
  const id = useId()
  const remainder = remainderPercent(draft.shares)
  const shares = draftToShares(draft.shares)
  const setShare = (k: 'a' | 'b', v: string) => setDraft((d) => ({ ...d, shares: { ...d.shares, [k]: v } }))
  return (
    <fieldset className="policy-group" data-testid="tier-shares">
      <legend>{t('manage.classification.shares.title')}</legend>
      <p className="muted" id={`${id}-shares-help`}>
        {t('manage.classification.shares.help')}
      </p>
      <div className="share-fields">
        {(['a', 'b'] as const).map((k) => (
          <label key={k}>
            {t(`manage.classification.shares.${k}`)}
            <input
              type="number"
              inputMode="decimal"
              min={0}
              max={100}
              step="any"
              value={draft.shares[k]}
              aria-describedby={`${id}-shares-help`}
              onChange={(e) => setShare(k, e.target.value)}
            />
          </label>
        ))}
      </div>
      <p data-testid="tier-c-share">
        {remainder === null
          ? t('manage.classification.shares.cUnknown')
          : t('manage.classification.shares.c', { c: remainder })}
      </p>
      {!shares.ok && (
        <p className="error" data-testid="tier-shares-error">
          {errorText(shares.error)}
        </p>
      )}
    </fieldset>
  )
}

/** The score's weights, each with its share of the score once they add up. */
function ScoreWeights({ draft, setDraft }: { draft: ClassificationDraft; setDraft: SetDraft }) {
  const { t } = useTranslation()
  const id = useId()
  const sum = weightsSum(draft.weights)
  const percents = effectivePercents(draft.weights)
  return (
    <fieldset className="policy-group" data-testid="score-weights">
      <legend>{t('manage.classification.weights.title')}</legend>
      <p className="muted">{t('manage.classification.weights.help')}</p>
      <div className="weight-fields">
        {weightKeys.map((k) => (
          <div key={k} className="weight">
            <label>
              {t(`manage.classification.weights.${k}`)}
              <input
                type="number"
                inputMode="decimal"
                min={0}
                max={1}
                step={0.05}
                value={draft.weights[k]}
                aria-describedby={`${id}-weight-${k}`}
                onChange={(e) => setDraft((d) => ({ ...d, weights: { ...d.weights, [k]: e.target.value } }))}
              />
            </label>
            <p className="hint" id={`${id}-weight-${k}`}>
              {t(`manage.classification.weights.${k}Help`)}
              {percents && (
                <>
                  {' '}
                  <span className="share">
                    {t('manage.classification.weights.share', { pct: percents[k] })}
                  </span>
                </>
              )}
            </p>
          </div>
        ))}
      </div>
      <p data-testid="weights-sum">
        {sum === null
          ? null
          : sum.kind === 'other'
            ? t('manage.classification.weights.sumOther', { sum: sum.sum })
            : t(
                sum.kind === 'one'
                  ? 'manage.classification.weights.sumOne'
                  : 'manage.classification.weights.sumZero',
              )}
      </p>
    </fieldset>
  )
}

/** Per-segment visit cycles: one row each, added until every segment has one. */
function SegmentOverrides({
  draft,
  setDraft,
  segmentName,
}: {
  draft: ClassificationDraft
  setDraft: SetDraft
  segmentName: (key: string) => string
}) {
  const { t } = useTranslation()
  const canAdd = addOverride(draft.overrides) !== null
  return (
    <fieldset className="policy-group" data-testid="segment-overrides">
      <legend>{t('manage.classification.overrides.title')}</legend>
      <p className="muted">{t('manage.classification.overrides.help')}</p>
      {draft.overrides.length === 0 ? (
        <p className="muted">{t('manage.classification.overrides.none')}</p>
      ) : (
        <ul className="override-list">
          {draft.overrides.map((_, i) => (
            <SegmentOverrideRow
              // biome-ignore lint/suspicious/noArrayIndexKey: a row's key is the segment it edits, which changes
              key={i}
              draft={draft}
              index={i}
              setDraft={setDraft}
              segmentName={segmentName}
            />
          ))}
        </ul>
      )}
      {canAdd ? (
        <button
          type="button"
          className="secondary"
          onClick={() => setDraft((d) => ({ ...d, overrides: addOverride(d.overrides) ?? d.overrides }))}
        >
          {t('manage.classification.overrides.add')}
        </button>
      ) : (
        <p className="muted">{t('manage.classification.overrides.allUsed')}</p>
      )}
    </fieldset>
  )
}

function SegmentOverrideRow({
  draft,
  index: i,
  setDraft,
  segmentName,
}: {
  draft: ClassificationDraft
  index: number
  setDraft: SetDraft
  segmentName: (key: string) => string
}) {
  const { t } = useTranslation()
  const row = draft.overrides[i]!
  const others = new Set(draft.overrides.filter((_, j) => j !== i).map((r) => r.key))
  // A key the picker does not know (e.g. a lifecycle stage) stays as written.
  const options: string[] = segmentKeys.includes(row.key) ? [...segmentKeys] : [...segmentKeys, row.key]
  const update = (change: Partial<OverrideRow>) =>
    setDraft((d) => ({ ...d, overrides: updateOverride(d.overrides, i, change) }))
  return (
    <li className="override-row" data-testid="segment-override">
      <label>
        {t('manage.classification.overrides.segment')}
        <select value={row.key} onChange={(e) => update({ key: e.target.value })}>
          {options.map((s) => (
            <option key={s} value={s} disabled={others.has(s)}>
              {segmentName(s)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('manage.classification.overrides.days')}
        <input
          type="number"
          inputMode="numeric"
          min={1}
          max={365}
          step={1}
          value={row.days}
          onChange={(e) => update({ days: e.target.value })}
        />
      </label>
      <button
        type="button"
        className="secondary"
        aria-label={t('manage.classification.overrides.remove', { segment: segmentName(row.key) })}
        onClick={() => setDraft((d) => ({ ...d, overrides: removeOverride(d.overrides, i) }))}
      >
        ✕
      </button>
    </li>
  )
}

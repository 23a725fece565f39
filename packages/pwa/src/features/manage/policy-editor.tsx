import {
  careActionSchema,
  contactChannelSchema,
  maxOrderQuantity,
  rfmSegmentLabels,
  rfmSegmentSchema,
  type ServicePolicy,
  type Tier,
  type TierService,
} from '@outrider/domain'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { NumberField } from '../../shared/number-field.tsx'
import { ScrollRegion } from '../../shared/scroll-region.tsx'
import { Message, type MessageSlot, useSave } from './policy-save.tsx'
import { SurveyFields } from './survey-fields.tsx'

const tiers: Tier[] = ['A', 'B', 'C']

type TierFieldsProps = {
  tier: Tier
  value: TierService
  onChange: (v: TierService) => void
  /** Field errors of this tier, by field name. */
  errors: Record<string, string | undefined>
}

/** One tier's service: visit cycle, service time, contact channel and rhythm, callback, care, survey. */
function TierFields({ tier, value, onChange, errors }: TierFieldsProps) {
  const { t } = useTranslation()
  const num = (k: 'visitEveryDays' | 'serviceMinutes' | 'contactsPerMonth', raw: string) =>
    onChange({ ...value, [k]: raw === '' ? Number.NaN : Number(raw) })
  const field = (k: string) => ({
    id: `policy-${tier}-${k}`,
    label: t(`manage.policy.${k}`),
    error: errors[k],
  })
  return (
    <fieldset className="tier-policy" data-testid={`policy-tier-${tier}`}>
      <legend>{t('manage.policy.tier', { tier })}</legend>
      <NumberField
        {...field('visitEveryDays')}
        min={1}
        max={365}
        value={value.visitEveryDays}
        onChange={(raw) => num('visitEveryDays', raw)}
      />
      <NumberField
        {...field('serviceMinutes')}
        min={5}
        max={480}
        value={value.serviceMinutes}
        onChange={(raw) => num('serviceMinutes', raw)}
      />
      <label>
        {t('manage.policy.channel')}
        <select
          value={value.channel}
          onChange={(e) => onChange({ ...value, channel: contactChannelSchema.parse(e.target.value) })}
        >
          {contactChannelSchema.options.map((c) => (
            <option key={c} value={c}>
              {t(`code.channel.${c}`)}
            </option>
          ))}
        </select>
      </label>
      <NumberField
        {...field('contactsPerMonth')}
        min={0}
        max={60}
        value={value.contactsPerMonth}
        onChange={(raw) => num('contactsPerMonth', raw)}
      />
      <NumberField
        {...field('callbackAfterDays')}
        min={1}
        max={90}
        value={value.callbackAfterDays ?? null}
        onChange={(raw) => onChange({ ...value, callbackAfterDays: raw === '' ? null : Number(raw) })}
      />
      <CareActions
        value={value.careActions}
        onChange={(careActions) => onChange({ ...value, careActions })}
      />
      <SurveyFields
        tier={tier}
        value={value.survey}
        onChange={(survey) => {
          const { survey: _old, ...rest } = value
          onChange(survey ? { ...rest, survey } : rest)
        }}
        errors={errors}
      />
    </fieldset>
  )
}

type CareAction = TierService['careActions'][number]

/** The care actions a tier's customers get, one box each. */
function CareActions({ value, onChange }: { value: CareAction[]; onChange: (v: CareAction[]) => void }) {
  const { t } = useTranslation()
  return (
    <fieldset className="care">
      <legend>{t('manage.policy.careActions')}</legend>
      {careActionSchema.options.map((a) => (
        <label key={a} className="check">
          <input
            type="checkbox"
            checked={value.includes(a)}
            onChange={(e) => onChange(e.target.checked ? [...value, a] : value.filter((x) => x !== a))}
          />
          {t(`manage.policy.care.${a}`)}
        </label>
      ))}
    </fieldset>
  )
}

/** Per-tier service settings of the team's policy, saved as a whole document. */
export function PolicyEditor({ policy, messageSlot }: { policy: ServicePolicy; messageSlot?: MessageSlot }) {
  const { t } = useTranslation()
  const [tierEdits, setTiers] = useState(policy.tiers)
  const [maxQuantity, setMaxQuantity] = useState(maxOrderQuantity(policy))
  const { busy, message, save, fieldErrors } = useSave(
    () => ({ ...policy, tiers: tierEdits, maxOrderQuantity: maxQuantity }),
    'manage.policy.saved',
    messageSlot,
  )
  return (
    <section className="panel" aria-labelledby="policy-title">
      <h2 id="policy-title">{t('manage.policy.title')}</h2>
      <div className="tier-grid">
        {tiers.map((tier) => (
          <TierFields
            key={tier}
            tier={tier}
            value={tierEdits[tier]}
            onChange={(v) => setTiers((p) => ({ ...p, [tier]: v }))}
            errors={Object.fromEntries(
              Object.entries(fieldErrors)
                .filter(([path]) => path.startsWith(`tiers.${tier}.`))
                .map(([path, text]) => [path.slice(`tiers.${tier}.`.length), text]),
            )}
          />
        ))}
      </div>
      <NumberField
        id="policy-maxOrderQuantity"
        label={t('manage.policy.maxOrderQuantity')}
        min={1}
        max={1_000_000}
        step={1}
        value={maxQuantity}
        onChange={(raw) => setMaxQuantity(raw === '' ? Number.NaN : Number(raw))}
        error={fieldErrors.maxOrderQuantity}
      />
      <button type="button" disabled={busy} onClick={() => void save()}>
        {t('manage.policy.save')}
      </button>
      <Message message={message} />
    </section>
  )
}

/** The 5×5 R×F grid of segment keys (row R5 first, as the segment map is usually drawn). */
export function RfmGridEditor({
  policy,
  messageSlot,
  readOnly = false,
}: {
  policy: ServicePolicy
  messageSlot?: MessageSlot
  readOnly?: boolean
}) {
  const { t, i18n } = useTranslation()
  const [grid, setGrid] = useState(policy.rfmGrid)
  const { busy, message, save } = useSave(
    () => ({ ...policy, rfmGrid: grid }),
    'manage.policy.saved',
    messageSlot,
  )
  const zh = i18n.language.startsWith('zh')
  const set = (r: number, f: number, seg: string) =>
    setGrid((g) => g.map((row, ri) => (ri === r ? row.map((cell, fi) => (fi === f ? seg : cell)) : row)))
  return (
    <section className="panel" aria-labelledby="rfm-title">
      <h2 id="rfm-title">{t('manage.rfm.title')}</h2>
      <p className="muted">{t('manage.rfm.help')}</p>
      <ScrollRegion label={t('manage.rfm.title')}>
        <fieldset className="policy-scope" disabled={readOnly}>
          <table className="rfm-grid">
            <thead>
              <tr>
                <th scope="col">R \ F</th>
                {[1, 2, 3, 4, 5].map((f) => (
                  <th key={f} scope="col">
                    F{f}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {[4, 3, 2, 1, 0].map((r) => (
                <tr key={r}>
                  <th scope="row">R{r + 1}</th>
                  {[0, 1, 2, 3, 4].map((f) => (
                    <td key={f}>
                      <select
                        aria-label={t('manage.rfm.cell', { r: r + 1, f: f + 1 })}
                        value={grid[r]?.[f] ?? ''}
                        onChange={(e) => set(r, f, e.target.value)}
                      >
                        {rfmSegmentSchema.options.map((s) => (
                          <option key={s} value={s}>
                            {rfmSegmentLabels[s][zh ? 'zh' : 'en']}
                          </option>
                        ))}
                      </select>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </fieldset>
      </ScrollRegion>
      <button type="button" disabled={busy || readOnly} onClick={() => void save()}>
        {t('manage.rfm.save')}
      </button>
      <Message message={message} />
    </section>
  )
}

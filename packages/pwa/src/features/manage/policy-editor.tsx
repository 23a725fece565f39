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
import { ScrollRegion } from '../../shared/scroll-region.tsx'
import { FieldError, fieldProps, Message, type MessageSlot, useSave } from './policy-save.tsx'
import { SurveyFields } from './survey-fields.tsx'

const tiers: Tier[] = ['A', 'B', 'C']

function TierFields({
  tier,
  value,
  onChange,
  errors,
}: {
  tier: Tier
  value: TierService
  onChange: (v: TierService) => void
  /** Field errors of this tier, by field name. */
  errors: Record<string, string | undefined>
}) {
  const { t } = useTranslation()
  const err = (k: string) => ({ id: `policy-${tier}-${k}-error`, text: errors[k] })
  const num = (k: 'visitEveryDays' | 'serviceMinutes' | 'contactsPerMonth', raw: string) =>
    onChange({ ...value, [k]: raw === '' ? Number.NaN : Number(raw) })
  return (
    <fieldset className="tier-policy" data-testid={`policy-tier-${tier}`}>
      <legend>{t('manage.policy.tier', { tier })}</legend>
      <label>
        {t('manage.policy.visitEveryDays')}
        <input
          type="number"
          min={1}
          max={365}
          value={Number.isNaN(value.visitEveryDays) ? '' : value.visitEveryDays}
          onChange={(e) => num('visitEveryDays', e.target.value)}
          {...fieldProps(err('visitEveryDays').id, err('visitEveryDays').text)}
        />
        <FieldError {...err('visitEveryDays')} />
      </label>
      <label>
        {t('manage.policy.serviceMinutes')}
        <input
          type="number"
          min={5}
          max={480}
          value={Number.isNaN(value.serviceMinutes) ? '' : value.serviceMinutes}
          onChange={(e) => num('serviceMinutes', e.target.value)}
          {...fieldProps(err('serviceMinutes').id, err('serviceMinutes').text)}
        />
        <FieldError {...err('serviceMinutes')} />
      </label>
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
      <label>
        {t('manage.policy.contactsPerMonth')}
        <input
          type="number"
          min={0}
          max={60}
          value={Number.isNaN(value.contactsPerMonth) ? '' : value.contactsPerMonth}
          onChange={(e) => num('contactsPerMonth', e.target.value)}
          {...fieldProps(err('contactsPerMonth').id, err('contactsPerMonth').text)}
        />
        <FieldError {...err('contactsPerMonth')} />
      </label>
      <label>
        {t('manage.policy.callbackAfterDays')}
        <input
          type="number"
          min={1}
          max={90}
          value={value.callbackAfterDays ?? ''}
          onChange={(e) =>
            onChange({ ...value, callbackAfterDays: e.target.value === '' ? null : Number(e.target.value) })
          }
          {...fieldProps(err('callbackAfterDays').id, err('callbackAfterDays').text)}
        />
        <FieldError {...err('callbackAfterDays')} />
      </label>
      <fieldset className="care">
        <legend>{t('manage.policy.careActions')}</legend>
        {careActionSchema.options.map((a) => (
          <label key={a} className="check">
            <input
              type="checkbox"
              checked={value.careActions.includes(a)}
              onChange={(e) =>
                onChange({
                  ...value,
                  careActions: e.target.checked
                    ? [...value.careActions, a]
                    : value.careActions.filter((x) => x !== a),
                })
              }
            />
            {t(`manage.policy.care.${a}`)}
          </label>
        ))}
      </fieldset>
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
      <label>
        {t('manage.policy.maxOrderQuantity')}
        <input
          type="number"
          min={1}
          max={1_000_000}
          step={1}
          value={Number.isNaN(maxQuantity) ? '' : maxQuantity}
          onChange={(e) => setMaxQuantity(e.target.value === '' ? Number.NaN : Number(e.target.value))}
          {...fieldProps('policy-maxOrderQuantity-error', fieldErrors.maxOrderQuantity)}
        />
        <FieldError id="policy-maxOrderQuantity-error" text={fieldErrors.maxOrderQuantity} />
      </label>
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

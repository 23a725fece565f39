import type { CheckInFlag } from '@outrider/domain'
import type { UseFormRegisterReturn } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { formatDistance } from './check-in-panel.tsx'
import { ariaFor } from './field-errors.ts'
import { Counter, FieldMessage } from './field-message.tsx'
import { MAX_LENGTH } from './visit-form.ts'

type Props = { flags: CheckInFlag[]; reason: UseFormRegisterReturn; value: string; error: string | undefined }

/**
 * What the rep sees before saving a check-in the supervisor will be shown as flagged (too far from the
 * shop, the shop closed): the same rule, said first to the rep, with room to say why.
 */
export function CheckInWarnings({ flags, reason, value, error }: Props) {
  const { t, i18n } = useTranslation()
  const distance = (m: number) => formatDistance(m, i18n.language)
  return (
    <div className="notice check-in-warnings" role="alert" data-testid="check-in-warnings">
      <ul>
        {flags.map((f) => (
          <li key={f.kind} data-flag={f.kind}>
            {f.kind === 'far'
              ? t('visit.farWarning', { distance: distance(f.distanceM), radius: distance(f.radiusM) })
              : t('visit.closedWarning')}
          </li>
        ))}
      </ul>
      <label>
        {t('visit.checkInReason')}
        <textarea rows={2} {...reason} {...ariaFor(error, 'checkInReason')} />
        <Counter value={value} max={MAX_LENGTH.checkInReason} />
        <FieldMessage path="checkInReason" text={error} />
      </label>
    </div>
  )
}

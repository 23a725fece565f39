import { defaultLifecycleRules } from '@outrider/domain'
import { useTranslation } from 'react-i18next'

/** The lifecycle rules every screen classifies by, as the churned stage's definition reads them. */
const r = defaultLifecycleRules
export const churnedStageParams = {
  gaps: r.churnedGaps,
  floor: r.churnedFloorDays,
  days: r.churnedDays,
  rhythm: r.rhythmMinOrders,
  riskGaps: r.atRiskGaps,
  riskFloor: r.atRiskFloorDays,
  riskDays: r.atRiskDays,
}

/**
 * A figure's name that opens its definition with one tap. The period's rate of buyers not returning and
 * the lifecycle stage "Churned" are different things; the rate's definition names the stage's too.
 */
export function DefinedTerm({ name, kpi }: { name: string; kpi: 'retentionRate' | 'churnRate' }) {
  const { t } = useTranslation()
  return (
    <details className="kpi-def" data-testid={`kpi-def-${kpi}`}>
      <summary>{name}</summary>
      <p>{t(`service.kpi.defs.${kpi}`)}</p>
      {kpi === 'churnRate' && (
        <>
          <p>
            <strong>{t('service.kpi.names.churnedStage')}</strong>
          </p>
          <p>{t('service.kpi.defs.churnedStage', churnedStageParams)}</p>
        </>
      )}
    </details>
  )
}

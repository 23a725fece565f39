import type { PopulationThresholds } from '@outrider/domain'
import { useTranslation } from 'react-i18next'
import type { ClassifiedAgainst } from '../worker/insights-types.ts'

/** What a supervisor screen classified against: the synced thresholds, else its own records. */
export function classifiedAgainstOf(
  doc: PopulationThresholds | null,
  localCustomers: number,
): ClassifiedAgainst {
  if (doc === null)
    return { source: 'device', version: null, asOf: '', scope: 'local', customers: localCustomers }
  const t = doc.thresholds
  return {
    source: 'server',
    version: doc.version,
    asOf: t.asOf,
    scope: t.population.scope,
    customers: t.population.customers,
  }
}

/**
 * Says where tiers, segments and scores come from: the server's population thresholds (their day,
 * population and version), or, before any reached the device, this device's own customers.
 */
export function ClassifiedAgainstNote({ against }: { against: ClassifiedAgainst | null }) {
  const { t } = useTranslation()
  if (against === null) return null
  const text =
    against.source === 'server'
      ? t('classification.server', {
          population: t(against.scope === 'team' ? 'classification.team' : 'classification.organisation'),
          date: against.asOf,
          count: against.customers,
          version: against.version,
        })
      : t('classification.device', { count: against.customers })
  return (
    <p className="muted" data-testid="classified-against" data-source={against.source}>
      {text}
    </p>
  )
}

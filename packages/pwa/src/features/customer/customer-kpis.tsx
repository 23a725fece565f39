import { useTranslation } from 'react-i18next'
import { organisationTimeZone } from '../../shared/organisation-clock.ts'
import type { CustomerKpis as Kpis } from '../../worker/insights-types.ts'

const money = (x: number, lang: string) =>
  x.toLocaleString(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 })

export function CustomerKpis({ kpis }: { kpis: Kpis }) {
  const { t, i18n } = useTranslation()
  const lang = i18n.language
  const none = t('customer.none')
  const cells: [string, string][] = [
    [t('customer.orders'), String(kpis.orders)],
    [t('customer.revenue'), money(kpis.revenue, lang)],
    [t('customer.aov'), kpis.averageOrderValue === null ? none : money(kpis.averageOrderValue, lang)],
    [
      t('customer.lastOrder'),
      kpis.lastOrderAt
        ? new Date(kpis.lastOrderAt).toLocaleDateString(lang, { timeZone: organisationTimeZone() })
        : none,
    ],
    [t('customer.satisfaction'), kpis.satisfaction === null ? none : `${kpis.satisfaction}/5`],
    [t('customer.openComplaints'), String(kpis.openComplaints)],
  ]
  return (
    <dl className="kpis" data-testid="kpis">
      {cells.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  )
}

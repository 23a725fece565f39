import { useTranslation } from 'react-i18next'
import { useBilingual } from '../../shared/use-bilingual.ts'
import type { CustomerInsight, Fact } from '../../worker/insights-types.ts'

/** A badge that opens the facts behind it (a native disclosure: keyboard and screen-reader friendly). */
function Explained({ label, facts, className = '' }: { label: string; facts: Fact[]; className?: string }) {
  const { t } = useTranslation()
  const b = useBilingual()
  return (
    <details className="explained" data-testid="badge">
      <summary className={`badge ${className}`} aria-label={t('customer.explainLabel', { label })}>
        {label}
      </summary>
      <ul className="facts" data-testid="explanation">
        {facts.map((f) => (
          <li key={`${f.code}:${f.en}`}>{b(f)}</li>
        ))}
      </ul>
    </details>
  )
}

export function CustomerBadges({ insight }: { insight: CustomerInsight }) {
  const { t } = useTranslation()
  const b = useBilingual()
  const e = insight.explanations
  return (
    <div className="badges" data-testid="badges" data-tier={insight.tier} data-priority={insight.priority}>
      <Explained
        label={t('customer.tier', { tier: insight.tier })}
        facts={e.tier}
        className={`tier-${insight.tier}`}
      />
      {insight.segmentLabel ? (
        <Explained label={b(insight.segmentLabel)} facts={e.segment} />
      ) : (
        e.segment.length > 0 && <Explained label={b(e.segment[0])} facts={e.segment} />
      )}
      <Explained label={b(insight.lifecycleLabel)} facts={e.lifecycle} />
      {insight.tags.map((tag, i) => (
        <Explained key={tag.key} label={b(tag.label)} facts={e.tags[i] ?? []} />
      ))}
      <Explained label={t('customer.score', { score: Math.round(insight.score) })} facts={e.score} />
      <Explained
        label={`${t('customer.priority', { priority: insight.priority })} · ${t('customer.nextDue', { date: insight.nextDueDate })}${
          insight.daysOverdue > 0 ? ` (${t('customer.overdue', { days: insight.daysOverdue })})` : ''
        }`}
        facts={e.priority}
        className={insight.daysOverdue > 0 ? 'late' : ''}
      />
    </div>
  )
}

import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import type { TimelineItem } from './build-timeline.ts'

export function Timeline({ items }: { items: TimelineItem[] }) {
  const { t } = useTranslation()
  if (items.length === 0) return <p className="muted">{t('customer.noHistory')}</p>
  return (
    <ol className="timeline" data-testid="timeline">
      {items.slice(0, 200).map((i) => (
        <li key={`${i.kind}-${i.id}`} className={`tl-${i.kind}`}>
          <span className="tl-head">
            <span className="badge">{t(`customer.kind.${i.kind}`)}</span>{' '}
            <time dateTime={i.at}>{new Date(i.at).toLocaleDateString()}</time>
          </span>
          <span>{describe(i, t)}</span>
        </li>
      ))}
    </ol>
  )
}

function describe(i: TimelineItem, t: TFunction): string {
  switch (i.kind) {
    case 'visit':
      return [t('customer.visitOutcome', { outcome: i.outcome }), i.notes].filter(Boolean).join(' · ')
    case 'order':
      return (
        t('customer.orderTotal', { count: i.lines, total: i.total.toFixed(2) }) + (i.cancelled ? ' ✕' : '')
      )
    case 'feedback':
      return [
        i.score === null ? '' : t('customer.feedbackScore', { score: i.score }),
        i.complaint ? t('customer.complaint', { status: i.complaint }) : '',
        i.comment,
      ]
        .filter(Boolean)
        .join(' · ')
    case 'task':
      return `${i.title} · ${t('customer.taskDue', { due: i.due, status: i.status })}`
  }
}

import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import type { TimelineItem } from './build-timeline.ts'
import { VisitReview } from './visit-review.tsx'

export function Timeline({ items }: { items: TimelineItem[] }) {
  const { t, i18n } = useTranslation()
  if (items.length === 0) return <p className="muted">{t('customer.noHistory')}</p>
  return (
    <ol className="timeline" data-testid="timeline">
      {items.slice(0, 200).map((i) => (
        <li key={`${i.kind}-${i.id}`} className={`tl-${i.kind}`}>
          <span className="tl-head">
            <span className="badge">
              {i.kind === 'visit' && i.channel !== 'visit'
                ? t(`code.channel.${i.channel}`)
                : t(`customer.kind.${i.kind}`)}
            </span>{' '}
            <time dateTime={i.at}>{new Date(i.at).toLocaleDateString(i18n.language)}</time>
          </span>
          <span>{describe(i, t, i18n.language)}</span>
          {i.kind === 'visit' && i.review && i.review.status !== 'pending' && (
            <VisitReview visitId={i.id} review={i.review} />
          )}
        </li>
      ))}
    </ol>
  )
}

const money = (n: number, lang: string) =>
  new Intl.NumberFormat(lang, { style: 'currency', currency: 'CNY' }).format(n)

function describe(i: TimelineItem, t: TFunction, lang: string): string {
  switch (i.kind) {
    case 'visit':
      return [
        t('customer.visitOutcome', { outcome: t(`code.outcome.${i.outcome}`) }),
        i.nps === null ? '' : t('customer.nps', { score: i.nps }),
        i.notes,
      ]
        .filter(Boolean)
        .join(' · ')
    case 'order':
      return (
        t('customer.orderTotal', { count: i.lines, total: money(i.total, lang) }) +
        (i.cancelled ? ` · ${t('code.orderStatus.cancelled')}` : '')
      )
    case 'feedback':
      return [
        i.score === null ? '' : t('customer.feedbackScore', { score: i.score }),
        i.complaint ? t('customer.complaint', { status: t(`code.complaintStatus.${i.complaint}`) }) : '',
        i.comment,
      ]
        .filter(Boolean)
        .join(' · ')
    case 'task':
      return `${i.title} · ${t('customer.taskDue', {
        due: new Date(`${i.due}T00:00:00`).toLocaleDateString(lang),
        status: t(`code.taskStatus.${i.status}`),
      })}`
  }
}

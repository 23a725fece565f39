import {
  elementScroll,
  observeElementOffset,
  observeElementRect,
  useVirtualizer,
  type Virtualizer,
} from '@tanstack/react-virtual'
import { useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useBilingual } from '../../shared/use-bilingual.ts'
import type { ListRow } from './filter-customers.ts'

/**
 * Starts one of the virtualizer's observers a frame late: its first reading (the list's size, its scroll
 * position) would otherwise force a layout of the whole page before any row exists, and that layout is
 * the costliest step of the first paint on a slow phone. Until then the list assumes the window's size
 * (a few rows too many at most) and the top.
 */
function fromNextFrame<A extends unknown[]>(observe: (...args: A) => (() => void) | undefined) {
  return (...args: A) => {
    let stop: (() => void) | undefined
    const frame = requestAnimationFrame(() => {
      stop = observe(...args)
    })
    return () => {
      cancelAnimationFrame(frame)
      stop?.()
    }
  }
}
const observeRect = fromNextFrame(observeElementRect<HTMLDivElement>)
const observeOffset = fromNextFrame(observeElementOffset<HTMLDivElement>)
/** Scrolls, except from the top to the top (the virtualizer does that on mount; it too forces a layout). */
function scrollList(
  offset: number,
  options: { adjustments?: number; behavior?: ScrollBehavior },
  v: Virtualizer<HTMLDivElement, Element>,
) {
  if (offset + (options.adjustments ?? 0) === 0 && (v.scrollOffset ?? 0) === 0) return
  elementScroll(offset, options, v)
}

/** The filtered customers, only the rows near the view in the page (a rep may hold thousands). */
export function CustomerRows({ rows }: { rows: readonly ListRow[] }) {
  const parent = useRef<HTMLDivElement>(null)
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => parent.current,
    estimateSize: () => 72,
    overscan: 8,
    initialRect: { width: window.innerWidth, height: window.innerHeight },
    observeElementRect: observeRect,
    observeElementOffset: observeOffset,
    scrollToFn: scrollList,
  })
  return (
    <div ref={parent} className="vlist" data-testid="customer-list">
      <ul style={{ height: virtual.getTotalSize() }}>
        {virtual.getVirtualItems().map((item) => (
          <CustomerRow
            key={rows[item.index]!.customer.id}
            row={rows[item.index]!}
            index={item.index}
            start={item.start}
            measure={virtual.measureElement}
          />
        ))}
      </ul>
    </div>
  )
}

function CustomerRow({
  row: { customer: c, insight, km },
  index,
  start,
  measure,
}: {
  row: ListRow
  index: number
  start: number
  measure: (element: Element | null) => void
}) {
  const { t } = useTranslation()
  const b = useBilingual()
  // The start-up snapshot keeps no score: it shows once the worker has answered.
  const score = insight && 'score' in insight ? (insight.score as number) : undefined
  return (
    <li
      ref={measure}
      data-index={index}
      className="vrow crow"
      style={{ transform: `translateY(${start}px)` }}
      data-testid="customer-row"
      data-customer-id={c.id}
      data-tier={insight?.tier}
      data-segment={insight ? (insight.segment ?? 'none') : undefined}
      data-score={score}
    >
      <Link to={`/customers/${c.id}`} className="crow-link">
        <span className="crow-top">
          <span className="name">{c.name}</span>
          {insight && (
            <span className={`badge tier-${insight.tier}`}>
              {t('customers.tierBadge', { tier: insight.tier })}
            </span>
          )}
          {insight?.segmentLabel && <span className="badge">{b(insight.segmentLabel)}</span>}
          {score !== undefined && <span className="badge">{t('customers.scoreBadge', { score })}</span>}
          {c.status === 'prospect' && <span className="badge">{t('customers.prospect')}</span>}
        </span>
        <span className="sub">
          {insight && insight.daysOverdue > 0 && (
            <span className="overdue">{t('customers.overdue', { days: insight.daysOverdue })} · </span>
          )}
          {insight && insight.daysOverdue === 0 && <span>{t('customers.dueToday')} · </span>}
          {km !== null && <span>{t('customers.km', { km: km.toFixed(1) })} · </span>}
          {c.city} · {c.address}
        </span>
      </Link>
    </li>
  )
}

import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { type FirstSyncState, firstSyncFigures } from '../../store/sync/first-sync.ts'
import { useFirstSync } from '../../store/use-first-sync.ts'

/**
 * What a first sync has done, in the reader's language: "已同步 N / M（P%）", and whether the recent
 * weeks are in (review can start) or still coming. Null when no first sync is under way.
 */
export function firstSyncMessage(t: TFunction, lang: string, s: FirstSyncState): string | null {
  const figures = s.active ? firstSyncFigures(s) : null
  if (!figures) return null
  const n = new Intl.NumberFormat(lang)
  return t(s.recentIn ? 'review.firstSync.history' : 'review.firstSync.recent', {
    received: n.format(figures.received),
    total: n.format(figures.total),
    percent: figures.percent,
  })
}

/** The first sync's progress above the review: the newest weeks can be reviewed while history loads. */
export function FirstSyncStatus() {
  const { t, i18n } = useTranslation()
  const state = useFirstSync()
  const text = firstSyncMessage(t, i18n.language, state)
  const figures = firstSyncFigures(state)
  if (text === null || figures === null) return null
  return (
    <div className="first-sync" role="status" data-testid="first-sync">
      <p>{text}</p>
      <progress value={figures.received} max={figures.total} aria-label={text} />
    </div>
  )
}

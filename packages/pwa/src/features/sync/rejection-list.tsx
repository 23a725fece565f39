import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { Rejection } from '../../store/device-store.ts'
import { useOutrider } from '../../store/outrider-context.ts'
import { discardRejection, retryRejection } from '../../store/resolve-rejection.ts'
import { useDeviceQuery } from '../../store/use-device-query.ts'
import { recordLink } from './record-link.ts'

const knownCodes = new Set(['E_FORBIDDEN', 'E_VALIDATION', 'E_READ_ONLY', 'E_APPEND_ONLY'])

/** Refused pushes with their reason, and what the rep can do about each. */
export function RejectionList() {
  const { t } = useTranslation()
  const app = useOutrider()
  const [problem, setProblem] = useState<string | null>(null)
  const rejections = useDeviceQuery(
    () => app.device.rejections.filter((r) => !r.discarded).toArray(),
    [app.device],
  )
  const act = async (fn: () => Promise<void>) => {
    setProblem(null)
    try {
      await fn()
    } catch (err) {
      setProblem(t('sync.failed', { message: (err as Error).message }))
    }
  }
  const title = (r: Rejection) => String(r.doc.name ?? r.doc.title ?? r.docId)
  return (
    <section aria-labelledby="rejections-title" className="sync-card">
      <h2 id="rejections-title">{t('sync.rejections')}</h2>
      <p className="muted">{t('sync.rejectionsHint')}</p>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      {rejections && rejections.length === 0 && <p>{t('sync.noRejections')}</p>}
      <ul>
        {(rejections ?? []).map((r) => {
          const link = recordLink(r)
          return (
            <li key={r.id} data-testid="rejection">
              <strong>{title(r)}</strong>
              <span className="muted">
                {knownCodes.has(r.code) ? t(`sync.codes.${r.code}`) : r.code} — {r.reason}
              </span>
              <div className="row">
                {link && <Link to={link}>{t('sync.openRecord')}</Link>}
                <button type="button" onClick={() => void act(() => retryRejection(app, r))}>
                  {t('sync.retry')}
                </button>
                <button
                  type="button"
                  className="secondary"
                  onClick={() => {
                    if (window.confirm(t('sync.confirmDiscard'))) void act(() => discardRejection(app, r))
                  }}
                >
                  {t('sync.discard')}
                </button>
              </div>
            </li>
          )
        })}
      </ul>
    </section>
  )
}

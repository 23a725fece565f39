import { useTranslation } from 'react-i18next'
import { deviceId } from '../../platform/device-id.ts'
import { formatInstant } from '../../shared/organisation-clock.ts'
import { useLiveQuery } from '../../store/hooks.ts'
import { useOutrider } from '../../store/outrider-context.ts'

const show = (v: unknown) =>
  v === null || v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v)

/** Field conflicts on the rep's records: what this phone had against what was kept. */
export function ConflictList() {
  const { t, i18n } = useTranslation()
  const { user } = useOutrider()
  const me = deviceId()
  const rows = useLiveQuery('conflicts', { selector: {} }, [])
  const mine = (rows ?? [])
    .filter((c) => c.ownerRepId === user.id || c.losingDeviceId === me || c.winningClock?.endsWith(`-${me}`))
    .sort((a, b) => b.at.localeCompare(a.at))
    .slice(0, 50)
  return (
    <section aria-labelledby="conflicts-title" className="sync-card">
      <h2 id="conflicts-title">{t('sync.conflicts')}</h2>
      <p className="muted">{t('sync.conflictsHint')}</p>
      {rows && mine.length === 0 && <p>{t('sync.noConflicts')}</p>}
      <ul>
        {mine.map((c) => {
          const iLost = c.losingDeviceId === me
          const iWon = c.winningClock.endsWith(`-${me}`)
          return (
            <li key={c.id} data-testid="conflict">
              <span>
                {t('sync.field')}: <code>{c.field}</code> · {c.collection}/{c.docId}
              </span>
              <span>
                {iLost ? t('sync.mine') : t('sync.other')} ({t('sync.lost')}): {show(c.losingValue)}
              </span>
              <span>
                {iWon ? t('sync.mine') : t('sync.other')} ({t('sync.winning')}): {show(c.winningValue)}
              </span>
              <span className="muted">{formatInstant(c.at, i18n.language)}</span>
            </li>
          )
        })}
      </ul>
    </section>
  )
}

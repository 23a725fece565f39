import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { downloadUnsyncedExport } from '../../store/export-unsynced.ts'
import { useConnectionState, useOutrider } from '../../store/outrider-context.ts'
import { ensureSyncTracker } from '../../store/sync/sync-tracker.ts'
import { useDeviceQuery } from '../../store/use-device-query.ts'
import { ConflictList } from './conflict-list.tsx'
import { RejectionList } from './rejection-list.tsx'
import { useOnline } from './use-online.ts'
import './sync.css'
import { formatInstant } from '../../shared/organisation-clock.ts'

/** `/sync`: what is on this phone and not yet on the server, and what the server refused. */
export default function SyncPage() {
  const { t, i18n } = useTranslation()
  const app = useOutrider()
  const conn = useConnectionState()
  const online = useOnline()
  const tracker = ensureSyncTracker(app)
  const [lastSync, setLastSync] = useState(tracker.lastSyncAt$.value)
  useEffect(() => {
    const sub = tracker.lastSyncAt$.subscribe(setLastSync)
    return () => sub.unsubscribe()
  }, [tracker])
  const counts = useDeviceQuery(
    async () => ({
      pending: await app.device.outbox.count(),
      photosWaiting: await app.device.photos.filter((p) => !p.uploaded && !p.error).count(),
      photosRefused: await app.device.photos.filter((p) => !p.uploaded && !!p.error).count(),
      drafts: await app.device.drafts.count(),
    }),
    [app.device],
  )
  const [exported, setExported] = useState<string | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const nothingLeft = counts && counts.pending + counts.photosWaiting + counts.photosRefused === 0

  return (
    <section className="sync" aria-labelledby="sync-title">
      <h1 id="sync-title">{t('sync.title')}</h1>
      <dl className="sync-card">
        <dt>{t('sync.network')}</dt>
        <dd data-testid="sync-network">{online ? t('sync.networkOnline') : t('sync.networkOffline')}</dd>
        <dt>{t('sync.connection')}</dt>
        <dd data-testid="sync-connection">{t(`sync.states.${conn}`)}</dd>
        <dt>{t('sync.lastSync')}</dt>
        <dd data-testid="sync-last">{lastSync ? formatInstant(lastSync, i18n.language) : t('sync.never')}</dd>
        <dt>{t('sync.pending')}</dt>
        <dd data-testid="sync-pending">{counts?.pending ?? '…'}</dd>
        <dt>{t('sync.photosWaiting')}</dt>
        <dd data-testid="sync-photos">{counts?.photosWaiting ?? '…'}</dd>
        {!!counts?.photosRefused && (
          <>
            <dt>{t('sync.photosRefused')}</dt>
            <dd>{counts.photosRefused}</dd>
          </>
        )}
        <dt>{t('sync.drafts')}</dt>
        <dd data-testid="sync-drafts">{counts?.drafts ?? '…'}</dd>
      </dl>
      {nothingLeft && <p role="status">{t('sync.allSent')}</p>}
      <div className="sync-card">
        <button
          type="button"
          onClick={() => {
            setProblem(null)
            downloadUnsyncedExport(app).then(
              (name) => setExported(name),
              (err: Error) => setProblem(t('sync.failed', { message: err.message })),
            )
          }}
        >
          {t('sync.export')}
        </button>
        <p className="muted">{t('sync.exportHint')}</p>
        {exported && <p role="status">{t('sync.exported', { name: exported })}</p>}
        {problem && (
          <p className="error" role="alert">
            {problem}
          </p>
        )}
      </div>
      <RejectionList />
      <ConflictList />
    </section>
  )
}

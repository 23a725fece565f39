import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import pkg from '../../../package.json' with { type: 'json' }
import { logFailure } from '../../platform/log-failure.ts'
import { languages } from '../../shared/i18n/i18n.ts'
import { downloadUnsyncedExport } from '../../store/export-unsynced.ts'
import { useOutrider } from '../../store/outrider-context.ts'
import { signOut } from '../../store/sign-out.ts'
import {
  countUnsynced,
  ensureSyncTracker,
  totalUnsynced,
  type Unsynced,
} from '../../store/sync/sync-tracker.ts'
import { StoragePanel } from './storage-panel.tsx'
import './settings.css'

/** Sign-out forgets who last used this phone, so the next start shows the login screen. */
async function signOutAndRestart() {
  await signOut()
  localStorage.removeItem('outrider.lastUser')
  window.location.assign('/')
}

/** `/settings`: language, storage, version, and a sign-out that will not silently drop unsynced work. */
export default function SettingsPage() {
  const { t, i18n } = useTranslation()
  const app = useOutrider()
  ensureSyncTracker(app)
  const [leftBehind, setLeftBehind] = useState<Unsynced | null>(null)
  const [checking, setChecking] = useState(false)

  const startLogout = async () => {
    setChecking(true)
    // Unable to count: sign-out then asks as if something were left, never signs out silently.
    const unsynced = await countUnsynced(app).catch((err: unknown) => {
      logFailure('unsynced work could not be counted before sign-out')(err)
      return null
    })
    setChecking(false)
    if (unsynced && totalUnsynced(unsynced) === 0) await signOutAndRestart()
    else setLeftBehind(unsynced ?? { pending: 0, rejected: 0, drafts: 0, photos: 0 })
  }

  return (
    <section className="settings" aria-labelledby="settings-title">
      <h1 id="settings-title">{t('settings.title')}</h1>
      <dl className="settings-card">
        <dt>{t('settings.account')}</dt>
        <dd data-testid="settings-user">
          {app.user.displayName} ({app.user.email})
        </dd>
        <dt>{t('settings.version')}</dt>
        <dd data-testid="settings-version">{pkg.version}</dd>
      </dl>
      <div className="settings-card">
        <label>
          {t('settings.language')}
          <select
            value={i18n.resolvedLanguage ?? 'zh-CN'}
            onChange={(e) => void i18n.changeLanguage(e.target.value)}
          >
            {languages.map((l) => (
              <option key={l.code} value={l.code}>
                {l.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <StoragePanel />
      <div className="settings-card">
        {!leftBehind && (
          <button type="button" className="danger" disabled={checking} onClick={() => void startLogout()}>
            {checking ? t('settings.checking') : t('settings.logout')}
          </button>
        )}
        {leftBehind && (
          <div role="alertdialog" aria-labelledby="logout-warning" className="logout-warning">
            <p id="logout-warning">{t('settings.unsyncedWarning', leftBehind)}</p>
            <button type="button" onClick={() => void downloadUnsyncedExport(app)}>
              {t('settings.exportFirst')}
            </button>
            <button type="button" className="danger" onClick={() => void signOutAndRestart()}>
              {t('settings.confirmLogout')}
            </button>
            <button type="button" className="secondary" onClick={() => setLeftBehind(null)}>
              {t('settings.cancel')}
            </button>
          </div>
        )}
      </div>
    </section>
  )
}

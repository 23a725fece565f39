import { lazy, Suspense, useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { NavLink, Outlet, useLocation } from 'react-router'
import { useOnline } from '../features/sync/use-online.ts'
import { markFirstScreenReady } from '../platform/first-screen.ts'
import { useDeskScreen } from '../shared/use-desk-screen.ts'
import { InsightsProvider } from '../store/insights-provider.tsx'
import { useConnectionState, useSessionUser } from '../store/outrider-context.ts'
import { withStrings } from './i18n-resources.ts'
import { screens } from './routes.tsx'
import { UpdateBanner } from './update-banner.tsx'

const LoginPage = lazy(withStrings(() => import('../features/login/login-page.tsx')))
const ConsoleShell = lazy(withStrings(() => import('./console-shell.tsx')))

export function Layout() {
  const { t } = useTranslation()
  const user = useSessionUser()
  const conn = useConnectionState()
  const { pathname } = useLocation()
  const desk = useDeskScreen()
  // Only the customer list holds background work back until it has shown its rows.
  useEffect(() => {
    if (pathname !== '/customers') markFirstScreenReady()
  }, [pathname])
  const tabs = screens
    .filter((s) => s.tab?.roles.includes(user.role))
    .sort((a, b) => (a.tab?.order ?? 0) - (b.tab?.order ?? 0))
    .map((s) => ({ to: `/${s.path}`, label: t(s.tab?.label ?? '') }))
  const top = (
    <>
      <a className="skip" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="topbar">
        <span className="brand">{t('app.name')}</span>
        <ConnectionBadge />
      </header>
      <UpdateBanner />
      {conn === 'auth-required' && (
        <Suspense fallback={null}>
          <LoginPage inline />
        </Suspense>
      )}
    </>
  )
  const main = (
    <main id="main" className="content">
      <InsightsProvider>
        <Outlet />
      </InsightsProvider>
    </main>
  )
  // A supervisor or admin at a desk gets the console; a phone (and every rep) keeps the tab bar.
  if (desk && user.role !== 'rep')
    return (
      <Suspense fallback={<p className="loading">{t('app.loading')}</p>}>
        <ConsoleShell tabs={tabs} navLabel={t('app.name')} top={top} main={main} />
      </Suspense>
    )
  return (
    <div className="shell">
      {top}
      {main}
      <nav className="tabbar" aria-label={t('app.name')}>
        {tabs.map((tab) => (
          <NavLink key={tab.to} to={tab.to} className="tab">
            {tab.label}
          </NavLink>
        ))}
      </nav>
    </div>
  )
}

/** Online, syncing through another tab (standby) or offline: the browser's state and the sync's. */
function ConnectionBadge() {
  const { t } = useTranslation()
  const conn = useConnectionState()
  const online = useOnline()
  return (
    <span
      className={`conn conn-${online && (conn === 'online' || conn === 'standby') ? 'on' : 'off'}`}
      data-testid="connection"
      role="status"
    >
      {!online
        ? t('app.offline')
        : conn === 'online'
          ? t('app.online')
          : conn === 'standby'
            ? t('app.standby')
            : t('app.offline')}
    </span>
  )
}

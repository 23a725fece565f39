import { lazy, Suspense } from 'react'
import { useTranslation } from 'react-i18next'
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router'
import { useOutriderState, useSessionUser } from '../store/outrider-context.ts'
import { withStrings } from './i18n-resources.ts'
import { Layout } from './layout.tsx'
import { homeFor, type ScreenRoute, screens } from './routes.tsx'

const LoginPage = lazy(withStrings(() => import('../features/login/login-page.tsx')))
// Public pages of a one-time link (first run, invitation), before anyone is signed in.
const publicPages: Record<string, React.ComponentType> = {
  '/setup': lazy(withStrings(() => import('../features/first-run/setup-page.tsx'))),
  '/invite': lazy(withStrings(() => import('../features/first-run/invite-page.tsx'))),
}
const ChangePasswordPage = lazy(withStrings(() => import('../features/first-run/change-password-page.tsx')))

export function Loading() {
  const { t } = useTranslation()
  return (
    <p className="loading" role="status">
      {t('app.loading')}
    </p>
  )
}

function Home() {
  const user = useSessionUser()
  return <Navigate to={homeFor(user.role)} replace />
}

/** A screen, once the local database is open (an `early` screen shows before that). */
function Screen({ route: { Component, early, roles } }: { route: ScreenRoute }) {
  const { state } = useOutriderState()
  const user = useSessionUser()
  if (roles && !roles.includes(user.role)) return <Navigate to="/" replace />
  if (state.status !== 'ready' && !early) return <Loading />
  return (
    <Suspense fallback={<Loading />}>
      <Component />
    </Suspense>
  )
}

const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      { index: true, element: <Home /> },
      ...screens.map((route) => ({ path: route.path, element: <Screen route={route} /> })),
      { path: '*', element: <Navigate to="/" replace /> },
    ],
  },
])

export function App() {
  const { state } = useOutriderState()
  const Public = publicPages[location.pathname]
  const user = state.status === 'signed-out' ? null : state.status === 'ready' ? state.app.user : state.user
  if (!user || Public || user.mustChangePassword) {
    const Page = user?.mustChangePassword ? ChangePasswordPage : (Public ?? LoginPage)
    return (
      <Suspense fallback={<Loading />}>
        <Page />
      </Suspense>
    )
  }
  // While the local database opens, the shell and the early screens (the customer list, from its
  // snapshot) already show; the other screens wait inside the router.
  return <RouterProvider router={router} />
}

import { lazy, Suspense } from 'react'
import { useTranslation } from 'react-i18next'
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router'
import { Layout } from './layout.tsx'
import { useOutrider, useOutriderState } from './outrider-context.tsx'
import { homeFor, screens } from './routes.tsx'

const LoginPage = lazy(() => import('../features/login/login-page.tsx'))

export function Loading() {
  const { t } = useTranslation()
  return (
    <p className="loading" role="status">
      {t('app.loading')}
    </p>
  )
}

function Home() {
  const { user } = useOutrider()
  return <Navigate to={homeFor(user.role)} replace />
}

const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      { index: true, element: <Home /> },
      ...screens.map(({ path, Component }) => ({
        path,
        element: (
          <Suspense fallback={<Loading />}>
            <Component />
          </Suspense>
        ),
      })),
      { path: '*', element: <Navigate to="/" replace /> },
    ],
  },
])

export function App() {
  const { state } = useOutriderState()
  if (state.status === 'signed-out')
    return (
      <Suspense fallback={<Loading />}>
        <LoginPage />
      </Suspense>
    )
  if (state.status === 'opening') return <Loading />
  return <RouterProvider router={router} />
}

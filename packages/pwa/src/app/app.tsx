import { lazy, Suspense } from 'react'
import { useTranslation } from 'react-i18next'
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router'
import { LoginPage } from '../features/login/login-page.tsx'
import { Layout } from './layout.tsx'
import { useOutriderState } from './outrider-context.tsx'

const CustomerList = lazy(() => import('../features/customers/customer-list.tsx'))

function Loading() {
  const { t } = useTranslation()
  return (
    <p className="loading" role="status">
      {t('app.loading')}
    </p>
  )
}

const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      { index: true, element: <Navigate to="/customers" replace /> },
      {
        path: 'customers',
        element: (
          <Suspense fallback={<Loading />}>
            <CustomerList />
          </Suspense>
        ),
      },
      { path: '*', element: <Navigate to="/" replace /> },
    ],
  },
])

export function App() {
  const { state } = useOutriderState()
  if (state.status === 'signed-out') return <LoginPage />
  if (state.status === 'opening') return <Loading />
  return <RouterProvider router={router} />
}

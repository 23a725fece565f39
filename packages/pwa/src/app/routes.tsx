import { lazy } from 'react'
import CustomerList from '../features/customers/customer-list.tsx'
import { withStrings } from './i18n-resources.ts'

/**
 * Every screen, lazy-loaded so the first paint ships only the shell, except the customer list: it is
 * where every role lands (`homeFor`) and what a returning rep needs at once, so it ships with the shell.
 * `tab` puts a screen in the bottom navigation for the given roles. Add a screen by adding one line here.
 */
export type ScreenRoute = {
  path: string
  Component: React.ComponentType
  tab?: { label: string; roles: ('rep' | 'supervisor' | 'admin')[]; order: number }
  /** Shown before the local database has opened (it copes without it); other screens wait for it. */
  early?: true
  /** Only these roles may open the screen (its code never loads for the others). */
  roles?: ('rep' | 'supervisor' | 'admin')[]
}

export const screens: ScreenRoute[] = [
  {
    path: 'customers',
    Component: CustomerList,
    tab: { label: 'nav.customers', roles: ['rep', 'supervisor', 'admin'], order: 20 },
    early: true,
  },
  {
    path: 'review',
    Component: lazy(withStrings(() => import('../features/review/review-page.tsx'))),
    tab: { label: 'nav.review', roles: ['supervisor', 'admin'], order: 10 },
  },
  {
    path: 'complaints',
    Component: lazy(withStrings(() => import('../features/complaints/complaints-page.tsx'))),
    tab: { label: 'nav.complaints', roles: ['supervisor', 'admin'], order: 15 },
    roles: ['supervisor', 'admin'],
  },
  {
    path: 'dashboard',
    Component: lazy(withStrings(() => import('../features/dashboard/dashboard-page.tsx'))),
    tab: { label: 'nav.dashboard', roles: ['supervisor', 'admin'], order: 30 },
  },
  {
    path: 'manage',
    Component: lazy(withStrings(() => import('../features/manage/manage-page.tsx'))),
    tab: { label: 'nav.manage', roles: ['supervisor', 'admin'], order: 40 },
  },
  {
    path: 'admin',
    Component: lazy(withStrings(() => import('../features/admin/admin-page.tsx'))),
    tab: { label: 'nav.admin', roles: ['supervisor', 'admin'], order: 45 },
    roles: ['supervisor', 'admin'],
  },
  {
    path: 'clusters',
    Component: lazy(withStrings(() => import('../features/clusters/clusters-page.tsx'))),
    tab: { label: 'nav.clusters', roles: ['supervisor', 'admin'], order: 35 },
    roles: ['supervisor', 'admin'],
  },
  { path: 'import', Component: lazy(withStrings(() => import('../features/import/import-page.tsx'))) },
  {
    path: 'conflicts',
    Component: lazy(withStrings(() => import('../features/conflicts/conflicts-page.tsx'))),
  },
  {
    path: 'duplicates',
    Component: lazy(withStrings(() => import('../features/duplicates/duplicates-page.tsx'))),
    roles: ['supervisor', 'admin'],
  },
  {
    path: 'today',
    Component: lazy(withStrings(() => import('../features/today/today-page.tsx'))),
    tab: { label: 'nav.today', roles: ['rep'], order: 10 },
  },
  {
    path: 'customers/new',
    Component: lazy(withStrings(() => import('../features/customers/new-prospect-page.tsx'))),
  },
  {
    path: 'customers/:id',
    Component: lazy(withStrings(() => import('../features/customer/customer-page.tsx'))),
  },
  {
    path: 'visit/:customerId',
    Component: lazy(withStrings(() => import('../features/visit/visit-page.tsx'))),
  },
  {
    path: 'tasks',
    Component: lazy(withStrings(() => import('../features/tasks/tasks-page.tsx'))),
    tab: { label: 'nav.tasks', roles: ['rep'], order: 30 },
  },
  { path: 'my-month', Component: lazy(withStrings(() => import('../features/my-month/my-month-page.tsx'))) },
  {
    path: 'sync',
    Component: lazy(withStrings(() => import('../features/sync/sync-page.tsx'))),
    tab: { label: 'nav.sync', roles: ['rep'], order: 40 },
  },
  {
    path: 'settings',
    Component: lazy(withStrings(() => import('../features/settings/settings-page.tsx'))),
    tab: { label: 'nav.settings', roles: ['rep', 'supervisor', 'admin'], order: 50 },
  },
]

/** Where "/" goes for each role. */
export const homeFor = (role: 'rep' | 'supervisor' | 'admin') =>
  role === 'rep' ? '/customers' : '/customers'

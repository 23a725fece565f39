import { lazy } from 'react'

/**
 * Every screen, lazy-loaded so the first paint ships only the shell. `tab` puts it in the bottom
 * navigation for the given roles. Add a screen by adding one line here.
 */
export type ScreenRoute = {
  path: string
  Component: React.LazyExoticComponent<React.ComponentType>
  tab?: { label: string; roles: ('rep' | 'supervisor' | 'admin')[]; order: number }
}

export const screens: ScreenRoute[] = [
  {
    path: 'customers',
    Component: lazy(() => import('../features/customers/customer-list.tsx')),
    tab: { label: 'nav.customers', roles: ['rep', 'supervisor', 'admin'], order: 20 },
  },
]

/** Where "/" goes for each role. */
export const homeFor = (role: 'rep' | 'supervisor' | 'admin') =>
  role === 'rep' ? '/customers' : '/customers'

/** English strings: the key structure every locale must match (checked by the type of `zhCN`). */
export const en = {
  app: {
    name: 'Outrider',
    loading: 'Loading…',
    offline: 'Offline',
    online: 'Online',
    standby: 'Synced by another tab',
    skipToContent: 'Skip to content',
  },
  nav: {
    today: 'Today',
    customers: 'Customers',
    tasks: 'Tasks',
    sync: 'Sync',
    settings: 'Settings',
    review: 'Review',
    dashboard: 'Dashboard',
    manage: 'Manage',
  },
  login: {
    title: 'Sign in',
    email: 'Email',
    password: 'Password',
    submit: 'Sign in',
    failed: 'Sign-in failed: {{message}}',
    offline: 'You are offline. Sign in needs a connection once; after that the app works offline.',
    again:
      'Your session has ended. Sign in again: your unsynced changes are kept and will be sent after sign-in.',
  },
  customers: {
    title: 'Customers',
    search: 'Search name, pinyin, initials, phone, address',
    count: '{{count}} customers',
    empty: 'No customers yet. They appear here after the first sync.',
    noMatch: 'No customer matches.',
  },
  update: { available: 'A new version is ready.', reload: 'Reload now', later: 'Later' },
}

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> }
export type Messages = Shape<typeof en>

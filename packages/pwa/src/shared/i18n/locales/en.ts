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
    admin: 'People',
    complaints: 'Complaints',
  },
  forms: {
    min: 'must be at least {{min}}',
    max: 'must be at most {{max}}',
    number: 'enter a number',
    whole: 'enter a whole number',
    required: 'this is required',
    tooLong: 'at most {{max}} characters',
    invalid: 'this value is not allowed',
    field: '{{field}}: {{problem}}',
    fixBelow: 'Some fields need a fix: see the messages next to them.',
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
    errors: {
      E_UNAUTHENTICATED: 'The email or password is not right.',
      E_RATE_LIMITED: 'Too many attempts. Wait a minute and try again.',
      E_VALIDATION: 'Enter your email and password.',
      other: 'The server could not sign you in just now (code {{code}}). Try again shortly.',
    },
  },
  customers: {
    title: 'Customers',
    search: 'Search name, pinyin, initials, phone, address',
    count: '{{count}} customers',
    empty: 'No customers yet. They appear here after the first sync.',
    noMatch: 'No customer matches.',
  },
  classification: {
    server:
      'Tiers, segments and scores use the {{population}} thresholds of {{date}} ({{count}} customers, version {{version}}): the same on every screen and in the export.',
    device:
      'No thresholds from the server yet: tiers, segments and scores are computed from the {{count}} customers on this device and may differ from other screens until the next sync.',
    organisation: 'organisation’s',
    team: 'team’s',
  },
  update: { available: 'A new version is ready.', reload: 'Reload now', later: 'Later' },
}

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> }
export type Messages = Shape<typeof en>

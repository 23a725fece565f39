import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/app.tsx'
import { loadLaterStrings, resources } from './app/i18n-resources.ts'
import { OutriderProvider } from './app/outrider-provider.tsx'
import { afterFirstScreen, markFirstPaint } from './platform/first-screen.ts'
import { lastUser, loadSession } from './platform/session.ts'
import { initI18n } from './shared/i18n/i18n.ts'
import { listSnapshot } from './store/list-snapshot.ts'
import './styles.css'

performance.mark('outrider:main')
// A returning rep opening on the customer list: read its start-up snapshot now, so the first render
// shows the list. With a snapshot the list marks its first paint itself; without one, nothing waits.
const returning = loadSession()?.user ?? lastUser()
const onList = returning !== null && ['/', '/customers'].includes(location.pathname)
if (!(onList && listSnapshot(returning.id))) markFirstPaint()
await initI18n(resources)
performance.mark('outrider:render')
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <OutriderProvider>
      <App />
    </OutriderProvider>
  </StrictMode>,
)
// The other screens' strings, fetched while the rep looks at the list (a screen also waits for them).
afterFirstScreen(() => void loadLaterStrings())

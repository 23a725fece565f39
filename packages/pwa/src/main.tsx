import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/app.tsx'
import { OutriderProvider } from './app/outrider-context.tsx'
import { lastUser, loadSession } from './auth/session.ts'
import { listSnapshot } from './db/list-snapshot.ts'
import { initI18n } from './i18n/i18n.ts'
import { markFirstPaint } from './platform/first-screen.ts'
import './styles.css'

performance.mark('outrider:main')
// A returning rep opening on the customer list: read its start-up snapshot now, so the first render
// shows the list. With a snapshot the list marks its first paint itself; without one, nothing waits.
const returning = loadSession()?.user ?? lastUser()
const onList = returning !== null && ['/', '/customers'].includes(location.pathname)
if (!(onList && listSnapshot(returning.id))) markFirstPaint()
await initI18n()
performance.mark('outrider:render')
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <OutriderProvider>
      <App />
    </OutriderProvider>
  </StrictMode>,
)

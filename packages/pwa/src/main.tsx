import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/app.tsx'
import { OutriderProvider } from './app/outrider-context.tsx'
import { initI18n } from './i18n/i18n.ts'
import './styles.css'

performance.mark('outrider:main')
await initI18n()
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <OutriderProvider>
      <App />
    </OutriderProvider>
  </StrictMode>,
)

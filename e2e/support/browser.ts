import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { type BrowserContext, chromium } from 'playwright-core'

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const flags = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]

/**
 * A persistent Chromium profile (service workers, IndexedDB and installability checks behave as on a
 * phone; an incognito context reports `in-incognito`). Phone-sized by default.
 */
export async function launchProfile(
  opts: {
    viewport?: { width: number; height: number }
    locale?: string
    /** The device's time zone (default: the machine's). */
    timezoneId?: string
  } = {},
) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'outrider-chrome-'))
  const context: BrowserContext = await chromium.launchPersistentContext(dir, {
    executablePath: chromiumPath,
    headless: true,
    args: flags,
    viewport: opts.viewport ?? { width: 390, height: 780 },
    locale: opts.locale ?? 'zh-CN',
    serviceWorkers: 'allow',
    ...(opts.timezoneId ? { timezoneId: opts.timezoneId } : {}),
  })
  return {
    context,
    async close() {
      await context.close().catch(() => {})
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

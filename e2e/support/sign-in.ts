import type { Page } from 'playwright-core'
import type { launchProfile } from './browser.ts'

type Profile = Awaited<ReturnType<typeof launchProfile>>
/** The password every seeded demo user has. */
export const DEMO_PASSWORD = 'outrider-demo'

/** Signs a seeded demo user in on a fresh profile and opens `path`; returns once the local database has loaded. */
export async function signInAt(profile: Profile, url: string, email: string, path: string): Promise<Page> {
  const page = await profile.context.newPage()
  await page.goto(`${url}${path}`)
  await page.getByLabel('邮箱').fill(email)
  await page.getByLabel('密码').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: '登录' }).click()
  await page.getByTestId('connection').waitFor({ timeout: 30_000 })
  return page
}

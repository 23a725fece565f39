import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import type { launchProfile } from './browser.ts'

type Profile = Awaited<ReturnType<typeof launchProfile>>
/** Who signs in: a seeded login (`server.logins`) or any email and password. */
export type Credentials = { email: string; password: string }

/** The password every seeded demo user has. */
export const DEMO_PASSWORD = 'outrider-demo'

/** Fills the sign-in form on screen and submits it. */
export async function submitSignIn(page: Page, who: Credentials): Promise<void> {
  await page.getByLabel('邮箱').fill(who.email)
  await page.getByLabel('密码').fill(who.password)
  await page.getByRole('button', { name: '登录' }).click()
}

/** Resolves once the app shell shows, that is once its connection badge is on screen. */
export async function waitForShell(page: Page): Promise<void> {
  await page.getByTestId('connection').waitFor({ timeout: 30_000 })
}

/** Resolves once the connection badge reads 在线 (the socket is up). */
export async function waitOnline(page: Page): Promise<void> {
  await expect
    .poll(async () => page.getByTestId('connection').textContent(), { timeout: 60_000 })
    .toBe('在线')
}

/**
 * Opens `url` on `page` and signs in. Returns once the app shell shows (`shell`, the default), once
 * the socket is up (`online`), or as soon as the form is submitted (`submitted`: the caller waits
 * for what its screen needs).
 */
export async function signIn(
  page: Page,
  url: string,
  who: Credentials,
  until: 'shell' | 'online' | 'submitted' = 'shell',
): Promise<void> {
  await page.goto(url)
  await submitSignIn(page, who)
  if (until === 'shell') await waitForShell(page)
  else if (until === 'online') await waitOnline(page)
}

/**
 * Opens `url` on `page`, signing in only when the sign-in form shows: a profile that signed in
 * earlier keeps its session and the screen opens at once. Returns as soon as either is on screen
 * and the form (if any) is submitted; callers wait for what their screen needs.
 */
export async function openSignedIn(page: Page, url: string, who: Credentials): Promise<void> {
  await page.goto(url)
  const login = page.getByLabel('邮箱')
  await login.or(page.getByTestId('connection')).first().waitFor({ timeout: 30_000 })
  if (await login.isVisible()) await submitSignIn(page, who)
}

/** Signs a seeded demo user in on a fresh page of `profile` and opens `path`; returns once the app shell shows. */
export async function signInAt(profile: Profile, url: string, email: string, path: string): Promise<Page> {
  const page = await profile.context.newPage()
  await signIn(page, `${url}${path}`, { email, password: DEMO_PASSWORD })
  return page
}

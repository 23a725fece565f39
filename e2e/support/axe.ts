import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

type AxeContext = string | { exclude: string[][] }

/**
 * Serious and critical accessibility violations (axe-core, WCAG 2 A/AA) in `context`: by default the
 * screen's content (`#main`), not the shell around it.
 */
export async function axeViolations(page: Page, context: AxeContext = '#main'): Promise<string[]> {
  // The app's CSP forbids inline scripts; the DevTools protocol evaluates outside it.
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Runtime.evaluate', { expression: axeSource })
  await cdp.detach()
  return page.evaluate(async (ctx) => {
    type Result = { violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }
    const axe = (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<Result> } }).axe
    const r = await axe.run(ctx, { runOnly: ['wcag2a', 'wcag2aa'] })
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
  }, context)
}

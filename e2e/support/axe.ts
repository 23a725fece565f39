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

/** Roles a user operates; each needs a name a screen reader can announce. */
const CONTROL_ROLES = new Set([
  'button',
  'link',
  'textbox',
  'searchbox',
  'combobox',
  'listbox',
  'checkbox',
  'radio',
  'switch',
  'slider',
  'spinbutton',
  'tab',
  'menuitem',
  'option',
])

/**
 * Controls on the page without an accessible name, as Chromium's accessibility tree computes it
 * (what a screen reader announces), e.g. `button in main`. Hidden and presentational nodes are skipped.
 */
export async function unnamedControls(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page)
  try {
    type AXValue = { value?: unknown }
    type AXNode = { ignored: boolean; role?: AXValue; name?: AXValue; backendDOMNodeId?: number }
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: AXNode[] }
    const unnamed: string[] = []
    for (const n of nodes) {
      const role = String(n.role?.value ?? '')
      if (n.ignored || !CONTROL_ROLES.has(role)) continue
      if (String(n.name?.value ?? '').trim() !== '') continue
      let where = ''
      if (n.backendDOMNodeId !== undefined) {
        const { object } = (await cdp.send('DOM.resolveNode', { backendNodeId: n.backendDOMNodeId })) as {
          object: { objectId?: string }
        }
        if (object.objectId) {
          const { result } = (await cdp.send('Runtime.callFunctionOn', {
            objectId: object.objectId,
            functionDeclaration:
              'function () { return this.outerHTML ? this.outerHTML.slice(0, 120) : this.nodeName }',
            returnByValue: true,
          })) as { result: { value?: string } }
          where = ` ${result.value ?? ''}`
        }
      }
      unnamed.push(`${role}${where}`)
    }
    return unnamed
  } finally {
    await cdp.detach()
  }
}

/**
 * Visible controls whose touch target is smaller than `min` CSS pixels either way. A checkbox, radio
 * or file input counts by its label (the label is what the finger taps); text inside a paragraph is not
 * a control.
 */
export async function smallTouchTargets(page: Page, min = 44): Promise<string[]> {
  return page.evaluate((min) => {
    const small: string[] = []
    const controls = document.querySelectorAll<HTMLElement>(
      'button, a[href], select, textarea, summary, input:not([type=hidden]), [role=button], [tabindex="0"]',
    )
    for (const el of Array.from(controls)) {
      let target: Element = el
      if (el instanceof HTMLInputElement && ['checkbox', 'radio', 'file'].includes(el.type)) {
        target = el.closest('label') ?? (el.id ? document.querySelector(`label[for="${el.id}"]`) : null) ?? el
      }
      const r = target.getBoundingClientRect()
      const style = getComputedStyle(target)
      const hidden = r.width === 0 || r.height === 0 || style.visibility === 'hidden'
      const clipped = style.position === 'absolute' && r.width <= 1 && r.height <= 1
      if (hidden || clipped) continue
      if (r.width < min || r.height < min) {
        const name = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 30)
        const kind = el instanceof HTMLInputElement ? `[type=${el.type}]` : ''
        const cls = el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : ''
        small.push(
          `${el.tagName.toLowerCase()}${kind}${cls} "${name}" ${Math.round(r.width)}×${Math.round(r.height)}`,
        )
      }
    }
    return small
  }, min)
}

import type { Page } from 'playwright-core'

/**
 * Waits until two frames in a row lay out every element at the same place (a list that measures its
 * rows, a chart that sizes to its box), as a person sees the screen once it has stopped moving.
 */
export async function settled(page: Page) {
  await page.evaluate(async () => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))
    const layout = () =>
      Array.from(document.querySelectorAll('body *'), (el) => {
        const r = el.getBoundingClientRect()
        return `${r.left},${r.top},${r.width},${r.height}`
      }).join(';')
    let before = layout()
    for (let i = 0; i < 50; i++) {
      await frame()
      const now = layout()
      if (now === before) return
      before = now
    }
  })
}

/**
 * Layout breakage a person would notice, measured in the page as laid out:
 * - `sideways`: the page itself scrolls sideways (a table inside its own scroll box is fine);
 * - `clipped`: an element that hides its overflow holds more text than it shows (a cut-off line,
 *   an ellipsis without the full text in `title`);
 * - `squeezed`: a run of text laid out one character per line (a chip or label squeezed to nothing);
 * - `overlap`: two controls on top of each other (a finger cannot tell which one it taps).
 * Controls in a fixed or sticky bar are compared only with each other: content scrolls under them.
 */
export async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = []
    const describe = (el: Element) => {
      const id = el.id ? `#${el.id}` : ''
      const testid = el.getAttribute('data-testid')
      const cls = typeof el.className === 'string' && el.className ? `.${el.className.split(' ')[0]}` : ''
      const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40)
      return `${el.tagName.toLowerCase()}${id}${testid ? `[data-testid=${testid}]` : ''}${cls} "${text}"`
    }
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect()
      return (
        r.width > 1 && r.height > 1 && el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })
      )
    }

    const doc = document.documentElement
    if (doc.scrollWidth > doc.clientWidth + 1) {
      const wide = Array.from(document.querySelectorAll('body *'))
        .filter((el) => visible(el) && el.getBoundingClientRect().right > doc.clientWidth + 1)
        .slice(-1)
      problems.push(
        `sideways: page is ${doc.scrollWidth} px wide in ${doc.clientWidth} px (${wide.map(describe)})`,
      )
    }

    for (const el of Array.from(document.querySelectorAll<HTMLElement>('body *'))) {
      if (!visible(el) || !(el.textContent ?? '').trim()) continue
      const style = getComputedStyle(el)
      const hides = (v: string) => v === 'hidden' || v === 'clip'
      if (!hides(style.overflowX) && !hides(style.overflowY)) continue
      const r = el.getBoundingClientRect()
      // Visually hidden text for screen readers is clipped on purpose.
      if (r.width <= 2 || r.height <= 2 || style.clipPath !== 'none' || style.clip !== 'auto') continue
      if (el.title && el.title.trim() === (el.textContent ?? '').trim()) continue
      const cutX = hides(style.overflowX) && el.scrollWidth > el.clientWidth + 1
      const cutY = hides(style.overflowY) && el.scrollHeight > el.clientHeight + 1
      if (cutX || cutY)
        problems.push(
          `clipped: ${describe(el)} shows ${el.clientWidth}×${el.clientHeight} of ${el.scrollWidth}×${el.scrollHeight}`,
        )
    }

    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = (n.textContent ?? '').trim()
      const parent = n.parentElement
      if ([...text].length < 2 || !parent || !visible(parent)) continue
      const range = document.createRange()
      range.selectNodeContents(n)
      const lines = new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top)))
      if (lines.size >= 2 && lines.size >= [...text.replace(/\s/g, '')].length)
        problems.push(
          `squeezed: ${describe(parent)} takes ${lines.size} lines for ${[...text].length} characters`,
        )
    }

    const controls = Array.from(
      document.querySelectorAll<HTMLElement>(
        'button, a[href], select, textarea, summary, input:not([type=hidden]), [role=button], [role=tab]',
      ),
    ).filter(visible)
    const barOf = (el: Element) => {
      for (let a: Element | null = el; a; a = a.parentElement) {
        const p = getComputedStyle(a).position
        if (p === 'fixed' || p === 'sticky') return a
      }
      return null
    }
    // What of a control shows: its box cut by every ancestor that clips (a scrolled list, the screen).
    const shown = (el: Element) => {
      const r = el.getBoundingClientRect()
      let { left, top, right, bottom } = r
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        const s = getComputedStyle(a)
        if (s.overflowX === 'visible' && s.overflowY === 'visible') continue
        const c = a.getBoundingClientRect()
        left = Math.max(left, c.left)
        top = Math.max(top, c.top)
        right = Math.min(right, c.right)
        bottom = Math.min(bottom, c.bottom)
      }
      return { left, top, right, bottom }
    }
    const boxes = controls.map((el) => ({ el, r: shown(el), bar: barOf(el) }))
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!
        const b = boxes[j]!
        if (a.bar !== b.bar || a.el.contains(b.el) || b.el.contains(a.el)) continue
        const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left)
        const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top)
        if (w > 2 && h > 2)
          problems.push(
            `overlap: ${describe(a.el)} and ${describe(b.el)} (${Math.round(w)}×${Math.round(h)} px)`,
          )
      }
    }
    return problems
  })
}

/**
 * Words in Latin letters a person sees on the page (text, placeholders, the options of pickers, chart
 * labels), each with where it appears, after removing `allowed` strings (names and other data people
 * typed, which may be in Latin letters). Numbers and punctuation are not words.
 */
export async function latinWords(
  page: Page,
  allowed: string[],
): Promise<{ words: string[]; where: string }[]> {
  return page.evaluate((allowed) => {
    const found: { words: string[]; where: string }[] = []
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect()
      return (
        r.width > 1 && r.height > 1 && el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })
      )
    }
    const check = (text: string, where: Element) => {
      let rest = text
      for (const a of allowed) if (rest.includes(a)) rest = rest.split(a).join(' ')
      const words = rest.match(/[A-Za-z][A-Za-z0-9_.-]*[A-Za-z0-9_]|[A-Za-z]/g)
      if (!words) return
      const tag = where.tagName.toLowerCase()
      const testid = where.closest('[data-testid]')?.getAttribute('data-testid')
      found.push({
        words,
        where: `${tag}${testid ? ` in [data-testid=${testid}]` : ''}: "${text.trim().slice(0, 60)}"`,
      })
    }
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const parent = n.parentElement
      // A textarea's text is its value, what a person typed (an input's value is not read either).
      if (!parent || ['SCRIPT', 'STYLE', 'NOSCRIPT', 'OPTION', 'TEXTAREA'].includes(parent.tagName)) continue
      if (!(n.textContent ?? '').trim() || !visible(parent)) continue
      const s = getComputedStyle(parent)
      // Text for screen readers only (clipped to a pixel) is checked by the axe sweep, not here.
      if (s.clipPath !== 'none' || s.clip !== 'auto') continue
      check(n.textContent ?? '', parent)
    }
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('[placeholder]'))) {
      if (visible(el)) check(el.getAttribute('placeholder') ?? '', el)
    }
    for (const sel of Array.from(document.querySelectorAll('select'))) {
      if (visible(sel)) for (const o of Array.from(sel.options)) check(o.text, sel)
    }
    return found
  }, allowed)
}

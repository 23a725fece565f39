import type { ReactNode } from 'react'

/**
 * A region that scrolls sideways on a phone (wide tables, long charts): focusable, so a keyboard can
 * scroll it, and named, so a screen reader says what it holds.
 */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus to be scrolled by keyboard (WCAG 2.1.1)
    <section className="hscroll" aria-label={label} tabIndex={0}>
      {children}
    </section>
  )
}

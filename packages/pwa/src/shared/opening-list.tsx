import { type ReactNode, useState } from 'react'

/**
 * A list whose rows open one at a time to show more beneath (an editor, a comparison): the admin
 * panels' lists and the duplicate pairs. Each row gets whether it is open and how to open or close it.
 */
export function OpeningList<T>(props: {
  items: readonly T[]
  keyOf: (item: T) => string
  className: string
  /** The row element's own attributes (its test id, a class for a disabled one). */
  rowProps?: (item: T) => { className?: string; 'data-testid'?: string }
  /** What the row always shows, with the button that opens it. */
  head: (item: T, row: { open: boolean; toggle: () => void }) => ReactNode
  /** What shows beneath while the row is open; `close` closes it (after a save, say). */
  body: (item: T, close: () => void) => ReactNode
}) {
  const [open, setOpen] = useState<string | null>(null)
  return (
    <ul className={props.className}>
      {props.items.map((item) => {
        const key = props.keyOf(item)
        const isOpen = open === key
        return (
          <li key={key} {...props.rowProps?.(item)}>
            {props.head(item, { open: isOpen, toggle: () => setOpen(isOpen ? null : key) })}
            {isOpen && props.body(item, () => setOpen(null))}
          </li>
        )
      })}
    </ul>
  )
}

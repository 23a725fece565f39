import { Link } from 'react-router'

/**
 * The head of a screen opened from another one (the management pages open the conflicts, the
 * duplicates, the import): its title (the id labels the screen's section), the way back, and an
 * optional line of help.
 */
export function BackPageHeader({
  titleId,
  title,
  back,
  backLabel,
  help,
}: {
  titleId: string
  title: string
  /** The screen the way back leads to. */
  back: string
  backLabel: string
  help?: string
}) {
  return (
    <>
      <h1 id={titleId}>{title}</h1>
      <Link className="back" to={back}>
        {backLabel}
      </Link>
      {help && <p className="muted">{help}</p>}
    </>
  )
}

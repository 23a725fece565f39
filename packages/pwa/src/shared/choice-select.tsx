/** One option of a `ChoiceSelect`: the value it sets and the words it shows. */
export interface Choice {
  value: string
  label: string
}

/**
 * A labelled select whose first option is "none chosen" (the empty value: any, all, choose…),
 * followed by one option per choice. Filters and pickers across the screens share this shape.
 */
export function ChoiceSelect({
  label,
  value,
  onChange,
  none,
  choices,
  testId,
}: {
  label: string
  value: string
  onChange: (value: string) => void
  /** The words of the first option, whose value is ''. */
  none: string
  choices: readonly Choice[]
  testId?: string | undefined
}) {
  return (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        <option value="">{none}</option>
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </label>
  )
}

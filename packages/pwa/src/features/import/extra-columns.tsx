import { useTranslation } from 'react-i18next'
import { customFieldKey } from './custom-field-key.ts'

/**
 * Columns no role claims, each of which can be kept as a custom field of the customer (the mapping
 * then holds `key → column`, which the server stores under `customFields.key`).
 */
export function ExtraColumns(props: {
  header: readonly string[]
  columns: Readonly<Record<string, string>>
  roles: readonly string[]
  onChange: (next: Record<string, string>) => void
}) {
  const { t } = useTranslation()
  const { header, columns, roles, onChange } = props
  const keyOf = new Map(
    Object.entries(columns)
      .filter(([role]) => !roles.includes(role))
      .map(([role, col]) => [col, role]),
  )
  const claimed = new Set(Object.entries(columns).flatMap(([r, c]) => (roles.includes(r) ? [c] : [])))
  const free = header.filter((h) => !claimed.has(h) && h !== '')
  if (free.length === 0) return null
  const toggle = (col: string, on: boolean) => {
    const next = { ...columns }
    const key = keyOf.get(col)
    if (key) delete next[key]
    if (on) {
      let k = customFieldKey(col, header.indexOf(col) + 1)
      while (next[k] !== undefined || roles.includes(k)) k = `${k}_`.slice(0, 64)
      next[k] = col
    }
    onChange(next)
  }
  return (
    <fieldset className="extra" data-testid="custom-columns">
      <legend>{t('import.customFields')}</legend>
      {free.map((col) => (
        <label key={col} className="check">
          <input type="checkbox" checked={keyOf.has(col)} onChange={(e) => toggle(col, e.target.checked)} />
          {col}
          {keyOf.has(col) && <code className="muted"> → {keyOf.get(col)}</code>}
        </label>
      ))}
    </fieldset>
  )
}

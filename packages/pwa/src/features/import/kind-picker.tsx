import type { ImportKind } from '@outrider/domain'
import { useTranslation } from 'react-i18next'

/** What the file holds: customers, order history or the product catalogue. */
export function KindPicker({ kind, onChange }: { kind: ImportKind; onChange: (k: ImportKind) => void }) {
  const { t } = useTranslation()
  return (
    <fieldset className="kind">
      <legend>{t('import.kind')}</legend>
      {(['customers', 'orders', 'products'] as const).map((k) => (
        <label key={k} className="check">
          <input type="radio" name="kind" checked={kind === k} onChange={() => onChange(k)} />
          {t(`import.${k}`)}
        </label>
      ))}
    </fieldset>
  )
}

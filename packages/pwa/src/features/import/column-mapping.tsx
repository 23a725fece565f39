import { type ImportKind, importRoles, requiredRoles } from '@outrider/domain'
import { useTranslation } from 'react-i18next'
import { ExtraColumns } from './extra-columns.tsx'
import { roleLabel } from './guess-columns.ts'

/** Which column of the file holds each role (and, for customers, which extra columns are kept). */
export function ColumnMapping(props: {
  kind: ImportKind
  header: readonly string[]
  columns: Readonly<Record<string, string>>
  origin: 'guessed' | 'restored' | null
  source: string
  missing: readonly string[]
  canPreview: boolean
  checking: boolean
  onMap: (role: string, column: string) => void
  onExtraColumns: (columns: Record<string, string>) => void
  onPreview: () => void
}) {
  const { t } = useTranslation()
  const { kind, header, columns, origin, missing } = props
  return (
    <fieldset className="mapping" data-testid="column-mapping">
      <legend>{t('import.mapping')}</legend>
      {origin && (
        <p className="muted" role="status">
          {origin === 'restored'
            ? t('import.restored', { source: props.source.trim() })
            : t('import.guessed')}
        </p>
      )}
      <div className="filters">
        {importRoles[kind].map((role) => (
          <label key={role}>
            {t(roleLabel(kind, role))} {requiredRoles[kind].includes(role) && t('import.required')}
            <select
              aria-label={t(roleLabel(kind, role))}
              value={columns[role] ?? ''}
              onChange={(e) => props.onMap(role, e.target.value)}
            >
              <option value="">{t('import.notMapped')}</option>
              {header.map((h) => (
                <option key={h} value={h}>
                  {h}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      {kind === 'customers' && (
        <ExtraColumns
          header={header}
          columns={columns}
          roles={importRoles.customers}
          onChange={props.onExtraColumns}
        />
      )}
      {missing.length > 0 && (
        <p className="error">
          {t('import.missingRequired', { roles: missing.map((r) => t(roleLabel(kind, r))).join('、') })}
        </p>
      )}
      <button type="button" disabled={!props.canPreview} onClick={props.onPreview}>
        {props.checking ? t('import.checking') : t('import.preview')}
      </button>
    </fieldset>
  )
}

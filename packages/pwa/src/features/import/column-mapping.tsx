import { type CustomField, type ImportKind, importRoles, requiredRoles } from '@outrider/domain'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { customFieldLabel } from '../../shared/custom-fields.ts'
import { ExtraColumns } from './extra-columns.tsx'
import { roleLabel } from './guess-columns.ts'

/** Which column of the file holds each role (and, for customers, which extra columns are kept). */
export function ColumnMapping(props: {
  kind: ImportKind
  header: readonly string[]
  columns: Readonly<Record<string, string>>
  /** The active custom fields the admin defined (customers only): each can take a column. */
  customFields: readonly CustomField[]
  origin: 'guessed' | 'restored' | null
  source: string
  missing: readonly string[]
  canPreview: boolean
  checking: boolean
  onMap: (role: string, column: string) => void
  onExtraColumns: (columns: Record<string, string>) => void
  onPreview: () => void
}) {
  const { t, i18n } = useTranslation()
  const { kind, header, columns, origin, missing, customFields } = props
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
          <MappingRow
            key={role}
            label={t(roleLabel(kind, role))}
            note={requiredRoles[kind].includes(role) && t('import.required')}
            header={header}
            column={columns[role]}
            onMap={(column) => props.onMap(role, column)}
          />
        ))}
      </div>
      {kind === 'customers' && customFields.length > 0 && (
        <fieldset className="defined-fields" data-testid="custom-field-columns">
          <legend>{t('import.definedFields')}</legend>
          <div className="filters">
            {customFields.map((field) => (
              <MappingRow
                key={field.key}
                label={customFieldLabel(field, i18n.language)}
                note={<span className="muted">{t(`import.fieldType.${field.type}`)}</span>}
                header={header}
                column={columns[field.key]}
                onMap={(column) => props.onMap(field.key, column)}
              />
            ))}
          </div>
        </fieldset>
      )}
      {kind === 'customers' && (
        <ExtraColumns
          header={header}
          columns={columns}
          roles={[...importRoles.customers, ...customFields.map((f) => f.key)]}
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

/** One role or custom field and the column of the file it is read from (none: not imported). */
function MappingRow(props: {
  label: string
  /** Said after the label: that the role is required, or the field's type. */
  note: ReactNode
  header: readonly string[]
  column: string | undefined
  onMap: (column: string) => void
}) {
  const { t } = useTranslation()
  return (
    <label>
      {props.label} {props.note}
      <select
        aria-label={props.label}
        value={props.column ?? ''}
        onChange={(e) => props.onMap(e.target.value)}
      >
        <option value="">{t('import.notMapped')}</option>
        {props.header.map((h) => (
          <option key={h} value={h}>
            {h}
          </option>
        ))}
      </select>
    </label>
  )
}

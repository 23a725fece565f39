import type { ImportKind } from '@outrider/domain'
import { useEffect, useMemo, useReducer } from 'react'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import { BackPageHeader } from '../../shared/back-page-header.tsx'
import { offeredCustomFields } from '../../shared/custom-fields.ts'
import { useLiveQuery, useReference } from '../../store/hooks.ts'
import { useOutrider } from '../../store/outrider-context.ts'
import { ColumnMapping } from './column-mapping.tsx'
import { guessCustomFieldColumns } from './guess-columns.ts'
import { ImportFile } from './import-file.tsx'
import { ImportOutcome, ImportProgress } from './import-progress.tsx'
import { ImportReportView } from './import-report-view.tsx'
import { type ImportState, importReducer, initialImportState } from './import-state.ts'
import { KindPicker } from './kind-picker.tsx'
import { useImportActions } from './use-import-actions.ts'
import { useSavedMapping } from './use-saved-mapping.ts'
import '../../shared/office.css'
import './import.css'

/** CSV import of customers or orders: mapping, dry-run preview with duplicate review, then import. */
export default function ImportPage() {
  const { t } = useTranslation()
  useOutrider()
  const customers = useLiveQuery('customers', { selector: {} }, [])
  const nameOf = useMemo(() => new Map((customers ?? []).map((c) => [c.id, c.name])), [customers])
  const [params] = useSearchParams()
  const [s, dispatch] = useReducer(
    importReducer,
    params,
    (p): ImportState => initialImportState(p.get('kind') === 'products' ? 'products' : 'customers'),
  )
  useSavedMapping(s.source, s.header, s.kind, (columns) => dispatch({ type: 'mappingRestored', columns }))
  const { missing, progress, onFile, preview, runImport } = useImportActions(s, dispatch)
  const definitions = useReference('customFieldDefinitions')
  const customFields = useMemo(() => offeredCustomFields(definitions), [definitions])
  // A file's columns named like a custom field are mapped to it, as the roles are guessed.
  // biome-ignore lint/correctness/useExhaustiveDependencies: guessed again for a new file, kind or restored mapping only
  useEffect(() => {
    if (s.kind !== 'customers') return
    const columns = guessCustomFieldColumns(customFields, s.header, s.columns)
    if (columns) dispatch({ type: 'setColumns', columns })
  }, [s.header, s.kind, s.origin, customFields])

  return (
    <section className="import" aria-labelledby="import-title">
      <BackPageHeader
        titleId="import-title"
        title={t('import.title')}
        back="/manage"
        backLabel={t('import.back')}
      />
      <KindPicker kind={s.kind} onChange={(kind: ImportKind) => dispatch({ type: 'kind', kind })} />
      <ImportFile
        encoding={s.encoding}
        lines={s.lines}
        fileError={s.fileError}
        onFile={(file) => void onFile(file)}
      />
      <label>
        {t('import.source')}
        <input
          value={s.source}
          placeholder={t('import.sourcePlaceholder')}
          onChange={(e) => dispatch({ type: 'source', source: e.target.value })}
        />
      </label>
      {s.header.length > 0 && (
        <ColumnMapping
          kind={s.kind}
          header={s.header}
          columns={s.columns}
          customFields={s.kind === 'customers' ? customFields : []}
          origin={s.origin}
          source={s.source}
          missing={missing}
          canPreview={!!s.csv && missing.length === 0 && s.busy === null}
          checking={s.busy === 'check'}
          onMap={(role, column) => dispatch({ type: 'mapColumn', role, column })}
          onExtraColumns={(columns) => dispatch({ type: 'setColumns', columns })}
          onPreview={preview}
        />
      )}
      {s.report && (
        <ImportReportView
          kind={s.kind}
          report={s.report}
          decisions={s.decisions}
          skipInvalid={s.skipInvalid}
          busy={s.busy}
          nameOf={(id) => nameOf.get(id) ?? id}
          onDecide={(line, action) => dispatch({ type: 'decide', line, action })}
          onSkipInvalid={(skip) => dispatch({ type: 'skipInvalid', skip })}
          onImport={runImport}
        />
      )}
      {progress && <ImportProgress progress={progress} />}
      {s.message && <ImportOutcome message={s.message} />}
    </section>
  )
}

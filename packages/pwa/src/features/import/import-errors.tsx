import type { ImportReport } from '@outrider/domain'
import { useTranslation } from 'react-i18next'
import { ScrollRegion } from '../../shared/scroll-region.tsx'

/** Error rows shown; the rest are counted (a 100,000-line file may have thousands). */
const ERRORS_SHOWN = 200

/** The preview's invalid lines: line, field and reason (in Chinese when the server gave one). */
export function ImportErrors({ errors }: { errors: ImportReport['errors'] }) {
  const { t, i18n } = useTranslation()
  const zh = i18n.language.startsWith('zh')
  return (
    <>
      <h2>{t('import.errors')}</h2>
      <ScrollRegion label={t('import.errors')}>
        <table className="errors-table" data-testid="import-errors">
          <thead>
            <tr>
              <th scope="col">{t('import.line')}</th>
              <th scope="col">{t('import.field')}</th>
              <th scope="col">{t('import.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {errors.slice(0, ERRORS_SHOWN).map((e, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a line may repeat a field with two reasons
              <tr key={`${e.line}-${e.field}-${i}`}>
                <td>{e.line}</td>
                <td>{e.field}</td>
                <td>{zh && e.zh ? e.zh : e.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      {errors.length > ERRORS_SHOWN && (
        <p className="muted">{t('import.moreErrors', { count: errors.length - ERRORS_SHOWN })}</p>
      )}
    </>
  )
}

import type { RevisionStep } from '@outrider/domain'
import { useTranslation } from 'react-i18next'
import { formatInstant } from './organisation-clock.ts'

type Revision = {
  id: string
  revision: number
  createdAt: string
  reason?: string | undefined
  authorId?: string | undefined
  revisedBy?: string | undefined
}

/** Fields a correction form changes, with their own labels; any other shows as "other details". */
const labelled = new Set(['lines', 'status', 'notes', 'cancelled', 'outcome', 'orderLines'])

/**
 * A corrected record's history, oldest first: each revision with who stored it, when, why and what
 * it changed. Nothing for a record never corrected.
 */
export function RevisionHistory<T extends Revision>({
  steps,
  nameOf,
}: {
  steps: readonly RevisionStep<T>[]
  nameOf: (userId: string | undefined) => string
}) {
  const { t, i18n } = useTranslation()
  if (steps.length < 2) return null
  return (
    <details className="revision-history" data-testid="revision-history">
      <summary>{t('correction.history', { count: steps.length - 1 })}</summary>
      <ol>
        {steps.map(({ record, changed }) => (
          <li key={record.id} data-testid="revision">
            {t('correction.revision', {
              n: record.revision,
              who: nameOf(record.revisedBy ?? record.authorId),
              at: formatInstant(record.createdAt, i18n.language),
            })}
            {record.revision > 1 && record.reason
              ? ` · ${t('correction.because', { reason: record.reason })}`
              : ''}
            {changed.length > 0 &&
              ` · ${t('correction.changed', {
                fields: [
                  ...new Set(changed.map((f) => t(`correction.field.${labelled.has(f) ? f : 'other'}`))),
                ].join(t('correction.separator')),
              })}`}
          </li>
        ))}
      </ol>
    </details>
  )
}

import { useTranslation } from 'react-i18next'

export type SaveStatus = { kind: 'idle' | 'saving' | 'saved' } | { kind: 'error'; message: string }

type Props = { status: SaveStatus; hasErrors: boolean; onDiscard: () => void }

/** Check-out and discard, with what stands in the way of saving. */
export function VisitActions({ status, hasErrors, onDiscard }: Props) {
  const { t } = useTranslation()
  return (
    <>
      {hasErrors && (
        <p className="error" role="alert">
          {t('visit.fixErrors')}
        </p>
      )}
      {status.kind === 'error' && (
        <p className="error" role="alert">
          {t('visit.saveFailed', { message: status.message })}
        </p>
      )}
      <div className="visit-actions">
        <button type="submit" className="primary" disabled={status.kind === 'saving'}>
          {status.kind === 'saving' ? t('visit.saving') : t('visit.checkOut')}
        </button>
        <button type="button" className="secondary" onClick={onDiscard}>
          {t('visit.discardDraft')}
        </button>
      </div>
    </>
  )
}

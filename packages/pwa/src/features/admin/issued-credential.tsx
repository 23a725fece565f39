import { useTranslation } from 'react-i18next'
import type { Issued } from './use-admin-data.ts'

/** Shows, once, what a new or reset user needs to get in: their temporary password or invitation link. */
export function IssuedCredential({ email, issued }: { email: string; issued: Issued }) {
  const { t } = useTranslation()
  if (issued.temporaryPassword)
    return (
      <p className="ok" role="status" data-testid="issued">
        {t('admin.people.temporaryIssued', { email, password: issued.temporaryPassword })}
      </p>
    )
  if (!issued.invitePath) return null
  const link = `${location.origin}${issued.invitePath}`
  return (
    <p className="ok" role="status" data-testid="issued">
      {t('admin.people.inviteIssued', { email })} <code>{link}</code>{' '}
      <button type="button" className="secondary" onClick={() => void navigator.clipboard?.writeText(link)}>
        {t('admin.people.copy')}
      </button>
    </p>
  )
}

import { lazy, Suspense } from 'react'
import { useTranslation } from 'react-i18next'
import { useSessionUser } from '../../store/outrider-context.ts'
import { BulkUsers } from './bulk-users.tsx'
import { OrganisationPanel } from './organisation-panel.tsx'
import { PeoplePanel } from './people-panel.tsx'
import { ProductsPanel } from './products-panel.tsx'
import { TeamsPanel } from './teams-panel.tsx'
import { useAdminData } from './use-admin-data.ts'
import '../../shared/office.css'
import './admin.css'

// Only admins read the audit log: its code loads for them alone.
const AuditPanel = lazy(() => import('./audit-panel.tsx'))

/**
 * The console for the organisation's settings (admins), people and teams (admins: everyone; supervisors:
 * their team's reps) and the audit log.
 */
export default function AdminPage() {
  const { t } = useTranslation()
  const me = useSessionUser()
  const { users, teams, error, reload, loads } = useAdminData()
  return (
    <section className="admin" aria-labelledby="admin-title">
      <h1 id="admin-title">{t('admin.title')}</h1>
      {error && (
        <p className="error" role="alert">
          {t(error)}
        </p>
      )}
      {(!users || !teams) && !error && <p className="loading">{t('app.loading')}</p>}
      {users && teams && (
        <>
          {me.role === 'admin' && <OrganisationPanel onSaved={() => void reload()} />}
          {me.role === 'admin' && <TeamsPanel teams={teams} users={users} reload={reload} />}
          <PeoplePanel users={users} teams={teams} reload={reload} />
          <BulkUsers reload={reload} />
          <ProductsPanel />
          {me.role === 'admin' && (
            <Suspense fallback={<p className="loading">{t('app.loading')}</p>}>
              {/* Loaded again after each change, so the change's own entry shows. */}
              <AuditPanel key={loads} users={users} />
            </Suspense>
          )}
        </>
      )}
    </section>
  )
}

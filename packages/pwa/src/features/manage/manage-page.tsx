import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { ClassifiedAgainstNote, classifiedAgainstOf } from '../../shared/classified-against.tsx'
import { ExportButton } from '../../shared/export-button.tsx'
import { clockNow } from '../../shared/organisation-clock.ts'
import { organisationToday, teamClasses } from '../../shared/team-segments.ts'
import { useOutrider } from '../../store/outrider-context.ts'
import { useTeamData } from '../../store/use-team-data.ts'
import { AssignCustomers } from './assign-customers.tsx'
import { ClassificationEditor } from './classification-editor.tsx'
import { PolicyEditor, RfmGridEditor } from './policy-editor.tsx'
import { usePanelMessages } from './policy-save.tsx'
import { ServiceListsEditor } from './service-lists-editor.tsx'
import { TagRulesEditor } from './tag-rules-editor.tsx'
import { TargetsEditor } from './targets-editor.tsx'
import '../../shared/office.css'
import './manage.css'

/** Assignment, service policy, the RFM grid, classification and scoring, and tag rules for the supervisor's team. */
export default function ManagePage() {
  const { t } = useTranslation()
  const { user } = useOutrider()
  const { data, classOf, reps } = useManagedTeam()
  const policy = data?.policy ?? null
  const synced = data?.policies.length ? policy : null
  // The editors start over when the synced policy changes (their `key`), which a save of theirs
  // causes; their messages live here so that "saved" outlasts it.
  const messageSlot = usePanelMessages<'tiers' | 'grid' | 'classification' | 'lists' | 'targets'>()
  return (
    <section className="manage" aria-labelledby="manage-title">
      <h1 id="manage-title">{t('manage.title')}</h1>
      <p className="note">{t('manage.syncNote')}</p>
      <ManageTools />
      {!data && <p className="loading">{t('app.loading')}</p>}
      {data && (
        <ClassifiedAgainstNote against={classifiedAgainstOf(data.thresholds, data.customers.length)} />
      )}
      {data && <AssignCustomers customers={data.customers} reps={reps} classOf={classOf} />}
      {data && !synced && <p className="muted">{t('manage.policy.none')}</p>}
      {synced && (
        // The policy is the organisation's (every team's): the server lets only an admin change it,
        // so a supervisor sees it with every field and button disabled.
        <fieldset className="policy-scope" disabled={user.role !== 'admin'}>
          {user.role !== 'admin' && <p className="note">{t('manage.policy.adminOnly')}</p>}
          <PolicyEditor
            key={`${synced.id}-${synced.updatedAt}`}
            policy={synced}
            messageSlot={messageSlot('tiers')}
          />
          <ServiceListsEditor
            key={`lists-${synced.id}-${synced.updatedAt}`}
            policy={synced}
            messageSlot={messageSlot('lists')}
          />
        </fieldset>
      )}
      {synced && data && user.role !== 'rep' && (
        // Targets are the supervisor's to set for their team (the rest of the policy is the admin's).
        <TargetsEditor
          key={`targets-${synced.id}`}
          policy={synced}
          reps={reps}
          teams={data.teams}
          role={user.role}
          ownTeamId={user.teamId}
          messageSlot={messageSlot('targets')}
        />
      )}
      {synced && (
        // Outside the disabled fieldset: its scrolling region must stay focusable to be scrolled by keyboard.
        <RfmGridEditor
          key={`grid-${synced.id}-${synced.updatedAt}`}
          policy={synced}
          messageSlot={messageSlot('grid')}
          readOnly={user.role !== 'admin'}
        />
      )}
      {synced && (
        <fieldset className="policy-scope" disabled={user.role !== 'admin'}>
          <ClassificationEditor
            key={`classes-${synced.id}-${synced.updatedAt}`}
            policy={synced}
            messageSlot={messageSlot('classification')}
          />
        </fieldset>
      )}
      {data && <TagRulesEditor rules={data.tagRules} />}
    </section>
  )
}

/** The team's data, each customer's class as every screen computes it, and the team's reps by name. */
function useManagedTeam() {
  const { user } = useOutrider()
  const data = useTeamData(['customers', 'orders', 'visits', 'feedback', 'complaints'])
  const users = data?.users
  const asOf = organisationToday(data?.policy)
  const classes = useMemo(
    () => (data ? teamClasses(data, data.policy, asOf, data.thresholds?.thresholds ?? null) : new Map()),
    [data, asOf],
  )
  const classOf = useMemo(() => (id: string) => classes.get(id), [classes])
  const reps = useMemo(
    () =>
      (users ?? [])
        .filter((u) => u.role === 'rep' && (user.role === 'admin' || u.teamId === user.teamId))
        .sort((a, b) => a.displayName.localeCompare(b.displayName, 'zh-CN')),
    [users, user],
  )
  return { data, classOf, reps }
}

/** Links to the import, conflicts and duplicates screens, and the segments export. */
function ManageTools() {
  const { t, i18n } = useTranslation()
  return (
    <nav className="tools" aria-label={t('manage.links')}>
      <Link to="/import" className="tool-link">
        {t('manage.import')}
      </Link>
      <Link to="/conflicts" className="tool-link">
        {t('manage.conflicts')}
      </Link>
      <Link to="/duplicates" className="tool-link">
        {t('manage.duplicates')}
      </Link>
      <ExportButton
        url={`/api/export/segments.csv?lang=${i18n.language.startsWith('zh') ? 'zh' : 'en'}`}
        fileName={`segments-${clockNow().today}.csv`}
        label={t('manage.exportSegments')}
      />
    </nav>
  )
}

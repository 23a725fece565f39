import type { Team } from '@outrider/domain'
import { httpApi } from '@outrider/domain'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { callApi, errorKey } from '../../shared/api.ts'
import { OpeningList } from '../../shared/opening-list.tsx'
import type { AdminUser } from './use-admin-data.ts'

type Form = { name: string; region: string; supervisorIds: string[] }

function TeamForm({
  team,
  supervisors,
  onSaved,
}: {
  team?: Team
  supervisors: AdminUser[]
  onSaved: () => Promise<void>
}) {
  const { t } = useTranslation()
  const [error, setError] = useState<string | null>(null)
  const { register, handleSubmit, formState, reset } = useForm<Form>({
    defaultValues: {
      name: team?.name ?? '',
      region: team?.region ?? '',
      supervisorIds: team?.supervisorIds ?? [],
    },
  })
  const onSubmit = handleSubmit(async (f) => {
    setError(null)
    const body = { name: f.name.trim(), region: f.region.trim(), supervisorIds: f.supervisorIds || [] }
    try {
      if (team) await callApi(httpApi.updateTeam, { params: { id: team.id }, body })
      else {
        await callApi(httpApi.createTeam, { body })
        reset()
      }
      await onSaved()
    } catch (err) {
      setError(t(errorKey(err)))
    }
  })
  return (
    <form className="admin-form" onSubmit={onSubmit} aria-label={team ? team.name : t('admin.teams.add')}>
      <label>
        {t('admin.teams.name')}
        <input required {...register('name', { required: true })} />
      </label>
      <label>
        {t('admin.teams.region')}
        <input {...register('region')} />
      </label>
      <fieldset>
        <legend>{t('admin.teams.supervisors')}</legend>
        {supervisors.length === 0 && <span className="muted">{t('admin.teams.none')}</span>}
        {supervisors.map((s) => (
          <label className="check" key={s.id}>
            <input type="checkbox" value={s.id} {...register('supervisorIds')} />
            {s.displayName}
          </label>
        ))}
      </fieldset>
      <button type="submit" disabled={formState.isSubmitting}>
        {team ? t('admin.teams.save') : t('admin.teams.create')}
      </button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  )
}

/** Teams and their supervisors (admins only). */
export function TeamsPanel({
  teams,
  users,
  reload,
}: {
  teams: Team[]
  users: AdminUser[]
  reload: () => Promise<void>
}) {
  const { t } = useTranslation()
  const supervisors = users.filter((u) => u.role === 'supervisor' && !u.disabled)
  const name = (id: string) => users.find((u) => u.id === id)?.displayName ?? id
  return (
    <section className="panel" aria-labelledby="teams-title">
      <h2 id="teams-title">{t('admin.teams.title')}</h2>
      {teams.length === 0 && <p className="muted">{t('admin.teams.empty')}</p>}
      <OpeningList
        items={teams}
        keyOf={(team) => team.id}
        className="admin-list"
        rowProps={() => ({ 'data-testid': 'team-row' })}
        head={(team, row) => (
          <>
            <div className="who">
              <strong>{team.name}</strong> <span className="muted">{team.region}</span>
              <span className="sub">
                {t('admin.teams.supervisors')}:{' '}
                {team.supervisorIds.length > 0
                  ? team.supervisorIds.map(name).join('、')
                  : t('admin.teams.none')}
              </span>
            </div>
            <button type="button" className="secondary" onClick={row.toggle}>
              {t('admin.teams.edit')}
            </button>
          </>
        )}
        body={(team, close) => (
          <TeamForm
            team={team}
            supervisors={supervisors}
            onSaved={async () => {
              close()
              await reload()
            }}
          />
        )}
      />
      <h3>{t('admin.teams.add')}</h3>
      <TeamForm supervisors={supervisors} onSaved={reload} />
    </section>
  )
}

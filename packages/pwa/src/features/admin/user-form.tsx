import type { Team } from '@outrider/domain'
import { httpApi } from '@outrider/domain'
import { useState } from 'react'
import { type UseFormRegister, useForm } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { callApi, errorKey } from '../../shared/api.ts'
import { useSessionUser } from '../../store/outrider-context.ts'
import type { AdminUser, Issued, Role } from './use-admin-data.ts'
import { ROLES } from './use-admin-data.ts'

type Form = {
  email: string
  displayName: string
  role: Role
  teamId: string
  phone: string
  credential: 'temporary' | 'invite'
}

type Props = {
  user?: AdminUser
  teams: Team[]
  onSaved: (email: string, issued?: Issued) => void
  onCancel?: () => void
}

/** Creates a person (with a temporary password or an invitation) or changes one. */
export function UserForm({ user, teams, onSaved, onCancel }: Props) {
  const { t } = useTranslation()
  const { register, formState, onSubmit, error } = useUserForm(user, onSaved)
  const prefix = user ? `user-${user.id}` : 'new-user'
  return (
    <form
      className="admin-form"
      onSubmit={onSubmit}
      aria-label={user ? t('admin.people.editTitle', { name: user.displayName }) : t('admin.people.add')}
    >
      {!user && (
        <label>
          {t('admin.people.email')}
          <input type="email" required {...register('email', { required: true })} />
        </label>
      )}
      <label>
        {t('admin.people.name')}
        <input required {...register('displayName', { required: true })} />
      </label>
      <RoleAndTeam register={register} teams={teams} />
      <label>
        {t('admin.people.phone')}
        <input type="tel" {...register('phone')} />
      </label>
      {!user && (
        <fieldset id={`${prefix}-credential`}>
          <legend>{t('admin.people.credential')}</legend>
          <label className="check">
            <input type="radio" value="temporary" {...register('credential')} />
            {t('admin.people.temporary')}
          </label>
          <label className="check">
            <input type="radio" value="invite" {...register('credential')} />
            {t('admin.people.invite')}
          </label>
        </fieldset>
      )}
      <div className="form-actions">
        <button type="submit" disabled={formState.isSubmitting}>
          {user ? t('admin.people.save') : t('admin.people.create')}
        </button>
        {onCancel && (
          <button type="button" className="secondary" onClick={onCancel}>
            {t('admin.people.cancel')}
          </button>
        )}
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  )
}

/** The form's fields and its submission: a change of `user`, or a new person (the form then empties). */
function useUserForm(user: AdminUser | undefined, onSaved: Props['onSaved']) {
  const { t } = useTranslation()
  const me = useSessionUser()
  const [error, setError] = useState<string | null>(null)
  const { register, handleSubmit, formState, reset } = useForm<Form>({
    defaultValues: {
      email: user?.email ?? '',
      displayName: user?.displayName ?? '',
      role: user?.role ?? 'rep',
      teamId: user?.teamId ?? (me.role === 'admin' ? '' : (me.teamId ?? '')),
      phone: user?.phone ?? '',
      credential: 'temporary',
    },
  })
  const onSubmit = handleSubmit(async (f) => {
    setError(null)
    const fields = {
      displayName: f.displayName.trim(),
      role: f.role,
      teamId: f.teamId === '' ? null : f.teamId,
      phone: f.phone.trim(),
    }
    try {
      if (user) {
        await callApi(httpApi.changeUser, { params: { id: user.id }, body: fields })
        onSaved(user.email)
      } else {
        const out = await callApi(httpApi.createUser, {
          body: {
            ...fields,
            ...(fields.phone === '' ? { phone: undefined } : {}),
            email: f.email.trim(),
            credential: { kind: f.credential },
          },
        })
        reset()
        onSaved(f.email.trim(), out)
      }
    } catch (err) {
      setError(t(errorKey(err)))
    }
  })
  return { register, formState, onSubmit, error }
}

/** Role and team; a supervisor adds reps to their own team only (the server enforces it as well). */
function RoleAndTeam({ register, teams }: { register: UseFormRegister<Form>; teams: Team[] }) {
  const { t } = useTranslation()
  const me = useSessionUser()
  const roles: Role[] = me.role === 'admin' ? ROLES : ['rep']
  const ownTeams = me.role === 'admin' ? teams : teams.filter((x) => x.id === me.teamId)
  return (
    <>
      <label>
        {t('admin.people.role')}
        <select {...register('role')}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {t(`admin.people.roles.${r}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('admin.people.team')}
        <select {...register('teamId')}>
          {me.role === 'admin' && <option value="">{t('admin.people.noTeam')}</option>}
          {ownTeams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </select>
      </label>
    </>
  )
}

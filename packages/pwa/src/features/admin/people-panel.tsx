import type { Team } from '@outrider/domain'
import { httpApi } from '@outrider/domain'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { callApi, errorKey } from '../../shared/api.ts'
import { OpeningList } from '../../shared/opening-list.tsx'
import { useSessionUser } from '../../store/outrider-context.ts'
import { IssuedCredential } from './issued-credential.tsx'
import type { AdminUser, Issued } from './use-admin-data.ts'
import { UserForm } from './user-form.tsx'

type Props = { users: AdminUser[]; teams: Team[]; reload: () => Promise<void> }

type Reset = 'temporary' | 'invite'

/** Everyone the signed-in admin (or supervisor: their team's reps) manages, with what can be done to each. */
export function PeoplePanel({ users, teams, reload }: Props) {
  const { t } = useTranslation()
  const me = useSessionUser()
  const { issued, setIssued, error, setDisabled, resetPassword } = usePeopleActions(reload)
  const teamName = (id: string | null) => teams.find((x) => x.id === id)?.name ?? t('admin.people.noTeam')
  return (
    <section className="panel" aria-labelledby="people-title">
      <h2 id="people-title">{t('admin.people.title')}</h2>
      {issued && <IssuedCredential email={issued.email} issued={issued.issued} />}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {users.length === 0 && <p className="muted">{t('admin.people.empty')}</p>}
      <OpeningList
        items={users}
        keyOf={(u) => u.id}
        className="admin-list"
        rowProps={(u) => ({ 'data-testid': 'person-row', className: u.disabled ? 'disabled' : '' })}
        head={(u, row) => (
          <PersonHead
            user={u}
            teamName={teamName(u.teamId)}
            isMe={u.id === me.id}
            onEdit={row.toggle}
            onDisable={(disabled) => void setDisabled(u, disabled)}
            onReset={(kind) => void resetPassword(u, kind)}
          />
        )}
        body={(u, close) => (
          <UserForm
            user={u}
            teams={teams}
            onCancel={close}
            onSaved={() => {
              close()
              void reload()
            }}
          />
        )}
      />
      <h3>{t('admin.people.add')}</h3>
      <UserForm
        teams={teams}
        onSaved={(email, out) => {
          if (out) setIssued({ email, issued: out })
          void reload()
        }}
      />
    </section>
  )
}

/** Disabling and password resets, each followed by a reload; a refusal is shown, a new credential too. */
function usePeopleActions(reload: () => Promise<void>) {
  const { t } = useTranslation()
  const [issued, setIssued] = useState<{ email: string; issued: Issued } | null>(null)
  const [error, setError] = useState<string | null>(null)
  const act = async (fn: () => Promise<void>) => {
    setError(null)
    try {
      await fn()
      await reload()
    } catch (err) {
      setError(t(errorKey(err)))
    }
  }
  const setDisabled = (u: AdminUser, disabled: boolean) =>
    act(async () => {
      await callApi(httpApi.changeUser, { params: { id: u.id }, body: { disabled } })
    })
  const resetPassword = (u: AdminUser, kind: Reset) =>
    act(async () => {
      const out = await callApi(httpApi.resetPassword, {
        params: { id: u.id },
        body: { credential: { kind } },
      })
      setIssued({ email: u.email, issued: out })
    })
  return { issued, setIssued, error, setDisabled, resetPassword }
}

/** One person's name, role, team and state, with the buttons acting on them (none disables oneself). */
function PersonHead({
  user: u,
  teamName,
  isMe,
  onEdit,
  onDisable,
  onReset,
}: {
  user: AdminUser
  teamName: string
  isMe: boolean
  onEdit: () => void
  onDisable: (disabled: boolean) => void
  onReset: (kind: Reset) => void
}) {
  const { t } = useTranslation()
  return (
    <>
      <div className="who">
        <strong>{u.displayName}</strong> <span className="muted">{u.email}</span>
        <span className="sub">
          {t(`admin.people.roles.${u.role}`)} · {teamName} ·{' '}
          {u.disabled
            ? t('admin.people.disabled')
            : u.mustChangePassword
              ? t('admin.people.mustChange')
              : t('admin.people.active')}
        </span>
      </div>
      <div className="row-buttons">
        <button type="button" className="secondary" onClick={onEdit}>
          {t('admin.people.edit')}
        </button>
        {!isMe && (
          <button type="button" className="secondary" onClick={() => onDisable(!u.disabled)}>
            {u.disabled ? t('admin.people.enable') : t('admin.people.disable')}
          </button>
        )}
        <button type="button" className="secondary" onClick={() => onReset('temporary')}>
          {t('admin.people.reset')}
        </button>
        <button type="button" className="secondary" onClick={() => onReset('invite')}>
          {t('admin.people.resetInvite')}
        </button>
      </div>
    </>
  )
}

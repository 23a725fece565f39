import { httpApi, type ServicePolicy, type TargetScope, targetsSetFor } from '@outrider/domain'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { callApi, errorKey } from '../../shared/api.ts'
import { issuesByPath } from '../../shared/i18n/issue-text.ts'
import type { TeamTeam, TeamUser } from '../../store/use-team-data.ts'
import { FieldError, fieldProps, Message, type MessageSlot } from './policy-save.tsx'
import { percentFields, targetFields } from './target-fields.ts'
import { draftOf, readDraft, type TargetsDraft } from './targets-form.ts'

const scopeKey = (s: TargetScope) => (s.kind === 'organisation' ? 'organisation' : `${s.kind}:${s.id}`)

/**
 * The monthly targets reps' "my month" compares against: a supervisor sets their team's and each of
 * their reps' (a rep's own come first, then the team's, then the organisation's); an admin also the
 * organisation's. Saved on its own, so it never overwrites the rest of the policy.
 */
export function TargetsEditor({
  policy,
  reps,
  teams,
  role,
  ownTeamId,
  messageSlot,
}: {
  policy: ServicePolicy
  reps: readonly TeamUser[]
  teams: readonly TeamTeam[]
  role: 'supervisor' | 'admin'
  ownTeamId: string | null
  messageSlot: MessageSlot
}) {
  const { t } = useTranslation()
  const scopes: TargetScope[] = [
    ...(role === 'admin' ? [{ kind: 'organisation' } as const] : []),
    ...teams
      .filter((team) => role === 'admin' || team.id === ownTeamId)
      .map((team) => ({ kind: 'team', id: team.id }) as const),
    ...reps.map((r) => ({ kind: 'rep', id: r.id }) as const),
  ]
  const [scope, setScope] = useState<TargetScope | undefined>(scopes[0])
  const [draft, setDraft] = useState<TargetsDraft>(() => draftOf(scope && targetsSetFor(policy, scope)))
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = messageSlot
  if (!scope) return null
  const label = (s: TargetScope) =>
    s.kind === 'organisation'
      ? t('manage.targets.organisation')
      : s.kind === 'team'
        ? t('manage.targets.team', { name: teams.find((x) => x.id === s.id)?.name ?? s.id })
        : (reps.find((r) => r.id === s.id)?.displayName ?? s.id)
  const choose = (key: string) => {
    const next = scopes.find((s) => scopeKey(s) === key)
    if (!next) return
    setScope(next)
    setDraft(draftOf(targetsSetFor(policy, next)))
    setErrors({})
    setMessage(null)
  }
  const send = async (targets: Parameters<typeof readDraft>[0] | null) => {
    setErrors({})
    let body = null
    if (targets !== null) {
      const read = readDraft(targets)
      if (!read.ok) {
        setErrors(issuesByPath(t, read.issues))
        setMessage({ ok: false, text: t('forms.fixBelow') })
        return
      }
      body = read.targets
    }
    setBusy(true)
    setMessage(null)
    try {
      await callApi(httpApi.saveTargets, { params: { id: policy.id }, body: { scope, targets: body } })
      setMessage({ ok: true, text: t(body ? 'manage.targets.saved' : 'manage.targets.cleared') })
      if (!body) setDraft(draftOf(undefined))
    } catch (err) {
      setMessage({ ok: false, text: t(errorKey(err)) })
    } finally {
      setBusy(false)
    }
  }
  const isSet = targetsSetFor(policy, scope) !== undefined
  return (
    <section className="panel" aria-labelledby="targets-title" data-testid="targets-editor">
      <h2 id="targets-title">{t('manage.targets.title')}</h2>
      <p className="muted">{t('manage.targets.help')}</p>
      <label>
        {t('manage.targets.whose')}
        <select value={scopeKey(scope)} onChange={(e) => choose(e.target.value)} data-testid="targets-scope">
          {scopes.map((s) => (
            <option key={scopeKey(s)} value={scopeKey(s)}>
              {label(s)}
            </option>
          ))}
        </select>
      </label>
      {!isSet && <p className="note">{t('manage.targets.notSet')}</p>}
      <div className="targets-grid">
        {targetFields.map((f) => {
          const id = `targets-${f}-error`
          return (
            <label key={f}>
              {t(`manage.targets.field.${f}`)}
              <input
                type="number"
                inputMode="decimal"
                min={0}
                max={percentFields.has(f) ? 100 : 10_000}
                step={percentFields.has(f) ? 'any' : 1}
                value={draft[f]}
                data-testid={`target-${f}`}
                onChange={(e) => setDraft((d) => ({ ...d, [f]: e.target.value }))}
                {...fieldProps(id, errors[f])}
              />
              <FieldError id={id} text={errors[f]} />
            </label>
          )
        })}
      </div>
      <button type="button" disabled={busy} onClick={() => void send(draft)} data-testid="targets-save">
        {t('manage.targets.save')}
      </button>
      {isSet && (
        <button type="button" className="secondary" disabled={busy} onClick={() => void send(null)}>
          {t('manage.targets.clear')}
        </button>
      )}
      <Message message={message} />
    </section>
  )
}

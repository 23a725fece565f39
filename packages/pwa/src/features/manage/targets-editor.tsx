import { httpApi, type ServicePolicy, type TargetScope, targetsSetFor } from '@outrider/domain'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { callApi, errorKey } from '../../shared/api.ts'
import { issuesByPath } from '../../shared/i18n/issue-text.ts'
import { NumberField } from '../../shared/number-field.tsx'
import type { TeamTeam, TeamUser } from '../../store/use-team-data.ts'
import { Message, type MessageSlot } from './policy-save.tsx'
import { percentFields, targetFields } from './target-fields.ts'
import { draftOf, readDraft, type TargetsDraft } from './targets-form.ts'

const scopeKey = (s: TargetScope) => (s.kind === 'organisation' ? 'organisation' : `${s.kind}:${s.id}`)

type Scopes = { role: 'supervisor' | 'admin'; teams: readonly TeamTeam[]; reps: readonly TeamUser[] }

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
}: Scopes & { policy: ServicePolicy; ownTeamId: string | null; messageSlot: MessageSlot }) {
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
  const [message, setMessage] = messageSlot
  const { busy, send } = useSendTargets(policy, scope, setErrors, setMessage, () =>
    setDraft(draftOf(undefined)),
  )
  if (!scope) return null
  const choose = (key: string) => {
    const next = scopes.find((s) => scopeKey(s) === key)
    if (!next) return
    setScope(next)
    setDraft(draftOf(targetsSetFor(policy, next)))
    setErrors({})
    setMessage(null)
  }
  const isSet = targetsSetFor(policy, scope) !== undefined
  return (
    <section className="panel" aria-labelledby="targets-title" data-testid="targets-editor">
      <h2 id="targets-title">{t('manage.targets.title')}</h2>
      <p className="muted">{t('manage.targets.help')}</p>
      <ScopePicker scope={scope} scopes={scopes} onChoose={choose} teams={teams} reps={reps} />
      {!isSet && <p className="note">{t('manage.targets.notSet')}</p>}
      <div className="targets-grid">
        {targetFields.map((f) => (
          <NumberField
            key={f}
            id={`targets-${f}`}
            label={t(`manage.targets.field.${f}`)}
            inputMode="decimal"
            min={0}
            max={percentFields.has(f) ? 100 : 10_000}
            step={percentFields.has(f) ? 'any' : 1}
            value={draft[f]}
            testId={`target-${f}`}
            onChange={(typed) => setDraft((d) => ({ ...d, [f]: typed }))}
            error={errors[f]}
          />
        ))}
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

/** Whose targets the form edits. */
function ScopePicker({
  scope,
  scopes,
  onChoose,
  teams,
  reps,
}: Pick<Scopes, 'teams' | 'reps'> & {
  scope: TargetScope
  scopes: TargetScope[]
  onChoose: (key: string) => void
}) {
  const { t } = useTranslation()
  const label = (s: TargetScope) =>
    s.kind === 'organisation'
      ? t('manage.targets.organisation')
      : s.kind === 'team'
        ? t('manage.targets.team', { name: teams.find((x) => x.id === s.id)?.name ?? s.id })
        : (reps.find((r) => r.id === s.id)?.displayName ?? s.id)
  return (
    <label>
      {t('manage.targets.whose')}
      <select value={scopeKey(scope)} onChange={(e) => onChoose(e.target.value)} data-testid="targets-scope">
        {scopes.map((s) => (
          <option key={scopeKey(s)} value={scopeKey(s)}>
            {label(s)}
          </option>
        ))}
      </select>
    </label>
  )
}

/**
 * Saves the scope's targets as typed (errors by field when they do not read), or clears them
 * (`null`: the scope then follows the next one up); the outcome goes to the panel's message.
 */
function useSendTargets(
  policy: ServicePolicy,
  scope: TargetScope | undefined,
  setErrors: (errors: Record<string, string>) => void,
  setMessage: MessageSlot[1],
  onCleared: () => void,
) {
  const { t } = useTranslation()
  const [busy, setBusy] = useState(false)
  const send = async (targets: Parameters<typeof readDraft>[0] | null) => {
    if (!scope) return
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
      if (!body) onCleared()
    } catch (err) {
      setMessage({ ok: false, text: t(errorKey(err)) })
    } finally {
      setBusy(false)
    }
  }
  return { busy, send }
}

import { type CustomField, httpApi, type TagRule, tagRuleSchema } from '@outrider/domain'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { callApi, errorKey } from '../../shared/api.ts'
import { useReference } from '../../store/hooks.ts'
import {
  draftToRule,
  offeredRuleFields,
  type RuleDraft,
  ruleOps,
  ruleOpsFor,
  ruleToDraft,
} from './rule-draft.ts'
import { type CustomFieldLabels, customFieldLabels, fieldLabel, ruleSentence } from './rule-sentence.ts'

type Editing = { id: string | null; tag: string; en: string; zh: string; active: boolean; draft: RuleDraft }

const blank = (): Editing => ({
  id: null,
  tag: '',
  en: '',
  zh: '',
  active: true,
  draft: { join: 'all', conditions: [{ field: 'monetary', op: 'gte', value: '' }] },
})

function RuleForm({
  initial,
  existing,
  customFields,
  labels,
  onDone,
}: {
  initial: Editing
  existing: TagRule | undefined
  customFields: readonly CustomField[]
  labels: CustomFieldLabels
  onDone: (text: string) => void
}) {
  const { t } = useTranslation()
  const [e, setE] = useState(initial)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const setCond = (i: number, patch: Partial<RuleDraft['conditions'][number]>) =>
    setE((x) => ({
      ...x,
      draft: { ...x.draft, conditions: x.draft.conditions.map((c, j) => (j === i ? { ...c, ...patch } : c)) },
    }))

  const save = async () => {
    if (!e.tag.trim()) return setError(t('manage.rules.errors.tag'))
    const built = draftToRule(e.draft, customFields)
    if (!built.ok) {
      const known = ['empty', 'field', 'value', 'number', 'date', 'choice'].includes(built.reason)
      return setError(
        known
          ? t(`manage.rules.errors.${built.reason}`, { n: built.line + 1 })
          : t('manage.rules.errors.other', { message: built.reason }),
      )
    }
    const now = new Date().toISOString()
    const doc = tagRuleSchema.safeParse({
      id: e.id ?? `tag-rule-${crypto.randomUUID()}`,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
      tag: e.tag.trim(),
      label: { en: e.en.trim() || e.tag.trim(), zh: e.zh.trim() || e.tag.trim() },
      rule: built.rule,
      active: e.active,
    })
    if (!doc.success)
      return setError(t('manage.rules.errors.other', { message: doc.error.issues[0]?.message }))
    setBusy(true)
    setError(null)
    try {
      if (e.id) await callApi(httpApi.updateTagRule, { params: { id: e.id }, body: doc.data })
      else await callApi(httpApi.createTagRule, { body: doc.data })
      onDone(t('manage.rules.saved'))
    } catch (err) {
      setError(t(errorKey(err)))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form
      className="rule-form"
      onSubmit={(ev) => {
        ev.preventDefault()
        void save()
      }}
    >
      <div className="filters">
        <label>
          {t('manage.rules.tag')}
          <input value={e.tag} onChange={(ev) => setE({ ...e, tag: ev.target.value })} />
        </label>
        <label>
          {t('manage.rules.labelZh')}
          <input value={e.zh} onChange={(ev) => setE({ ...e, zh: ev.target.value })} />
        </label>
        <label>
          {t('manage.rules.labelEn')}
          <input value={e.en} onChange={(ev) => setE({ ...e, en: ev.target.value })} />
        </label>
        <label>
          {t('manage.rules.join')}
          <select
            value={e.draft.join}
            onChange={(ev) =>
              setE({ ...e, draft: { ...e.draft, join: ev.target.value === 'any' ? 'any' : 'all' } })
            }
          >
            <option value="all">{t('manage.rules.all')}</option>
            <option value="any">{t('manage.rules.any')}</option>
          </select>
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={e.active}
            onChange={(ev) => setE({ ...e, active: ev.target.checked })}
          />
          {t('manage.rules.active')}
        </label>
      </div>
      <ol className="conditions">
        {e.draft.conditions.map((c, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: conditions have no identity beyond their position
          <li key={i} className="condition">
            <label>
              {t('manage.rules.field')}
              <select
                value={c.field}
                onChange={(ev) => {
                  const field = ev.target.value
                  const offered = ruleOpsFor(field, customFields)
                  setCond(i, { field, op: offered.includes(c.op) ? c.op : (offered[0] ?? 'exists') })
                }}
              >
                {[...new Set([...offeredRuleFields(customFields), c.field])].map((f) => (
                  <option key={f} value={f}>
                    {fieldLabel(t, f, labels)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('manage.rules.op')}
              <select
                value={c.op}
                onChange={(ev) => setCond(i, { op: ruleOps.find((o) => o === ev.target.value) ?? 'eq' })}
              >
                {[...new Set([...ruleOpsFor(c.field, customFields), c.op])].map((o) => (
                  <option key={o} value={o}>
                    {t(`code.operator.${o}`)}
                  </option>
                ))}
              </select>
            </label>
            {c.op !== 'exists' && (
              <label>
                {t('manage.rules.value')}
                <input value={c.value} onChange={(ev) => setCond(i, { value: ev.target.value })} />
              </label>
            )}
            <button
              type="button"
              className="secondary"
              aria-label={t('manage.rules.remove', { n: i + 1 })}
              onClick={() =>
                setE({
                  ...e,
                  draft: { ...e.draft, conditions: e.draft.conditions.filter((_, j) => j !== i) },
                })
              }
            >
              ✕
            </button>
          </li>
        ))}
      </ol>
      <div className="row-buttons">
        <button
          type="button"
          className="secondary"
          onClick={() =>
            setE({
              ...e,
              draft: {
                ...e.draft,
                conditions: [...e.draft.conditions, { field: 'frequency', op: 'gte', value: '' }],
              },
            })
          }
        >
          {t('manage.rules.addCondition')}
        </button>
        <button type="submit" disabled={busy}>
          {t('manage.rules.save')}
        </button>
        <button type="button" className="secondary" onClick={() => onDone('')}>
          {t('manage.rules.cancel')}
        </button>
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </form>
  )
}

/** The team's tag rules: list, a small builder for conditions joined by all/any, delete. */
export function TagRulesEditor({ rules }: { rules: TagRule[] }) {
  const { t, i18n } = useTranslation()
  const [editing, setEditing] = useState<Editing | null>(null)
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null)
  const zh = i18n.language.startsWith('zh')
  const definitions = useReference('customFieldDefinitions')
  // Every definition (not only active ones): a rule written on a field since retired still reads well.
  const customFields = useMemo(() => definitions ?? [], [definitions])
  const labels = useMemo(() => customFieldLabels(customFields, i18n.language), [customFields, i18n.language])
  const remove = async (id: string) => {
    try {
      await callApi(httpApi.retireTagRule, { params: { id } })
      setMessage({ ok: true, text: t('manage.rules.deleted') })
    } catch (err) {
      setMessage({ ok: false, text: t(errorKey(err)) })
    }
  }
  return (
    <section className="panel" aria-labelledby="rules-title">
      <h2 id="rules-title">{t('manage.rules.title')}</h2>
      <ul className="rules">
        {[...rules]
          .sort((a, b) => a.tag.localeCompare(b.tag, 'zh-CN'))
          .map((r) => {
            const draft = ruleToDraft(r.rule)
            return (
              <li key={r.id} className="rule">
                <strong>{zh ? r.label.zh : r.label.en}</strong>{' '}
                {!r.active && <span className="muted">{t('manage.rules.off')}</span>}
                <span className="rule-sentence" data-testid="rule-sentence">
                  {ruleSentence(t, r.rule, labels)}
                </span>
                <div className="row-buttons">
                  {draft ? (
                    <button
                      type="button"
                      className="secondary"
                      onClick={() =>
                        setEditing({
                          id: r.id,
                          tag: r.tag,
                          en: r.label.en,
                          zh: r.label.zh,
                          active: r.active,
                          draft,
                        })
                      }
                    >
                      {t('manage.rules.edit')}
                    </button>
                  ) : (
                    <span className="muted">{t('manage.rules.complex')}</span>
                  )}
                  <button type="button" className="secondary" onClick={() => void remove(r.id)}>
                    {t('manage.rules.delete')}
                  </button>
                </div>
              </li>
            )
          })}
      </ul>
      {editing ? (
        <RuleForm
          key={editing.id ?? 'new'}
          initial={editing}
          existing={rules.find((r) => r.id === editing.id)}
          customFields={customFields}
          labels={labels}
          onDone={(text) => {
            setEditing(null)
            if (text) setMessage({ ok: true, text })
          }}
        />
      ) : (
        <button type="button" onClick={() => setEditing(blank())}>
          {t('manage.rules.new')}
        </button>
      )}
      {message && (
        <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'ok' : 'error'}>
          {message.text}
        </p>
      )}
    </section>
  )
}

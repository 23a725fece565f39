import { type CustomField, httpApi, type TagRule, tagRuleSchema } from '@outrider/domain'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { callApi, errorKey } from '../../shared/api.ts'
import {
  type ClusterOption,
  draftToRule,
  offeredRuleFields,
  type RuleDraft,
  ruleFieldKind,
  ruleOps,
  ruleOpsFor,
} from './rule-draft.ts'
import { type CustomFieldLabels, fieldLabel } from './rule-sentence.ts'

export type Editing = {
  id: string | null
  tag: string
  en: string
  zh: string
  active: boolean
  draft: RuleDraft
}
type Condition = RuleDraft['conditions'][number]

/** What the form reads besides the rule: custom fields (definitions and labels) and the team's clusters. */
export interface RuleFormContext {
  customFields: readonly CustomField[]
  labels: CustomFieldLabels
  clusters: readonly ClusterOption[]
}

const knownErrors = ['empty', 'field', 'value', 'number', 'date', 'choice']

/** The form's state and its save: checks the draft, builds the stored rule and sends it. */
function useRuleForm(initial: Editing, existing: TagRule | undefined, customFields: readonly CustomField[]) {
  const { t } = useTranslation()
  const [e, setE] = useState(initial)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const save = async (onDone: (text: string) => void) => {
    if (!e.tag.trim()) return setError(t('manage.rules.errors.tag'))
    const built = draftToRule(e.draft, customFields)
    if (!built.ok) {
      return setError(
        knownErrors.includes(built.reason)
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
  return { e, setE, error, busy, save }
}

/** The builder of one tag rule: its tag and labels, conditions joined by all/any, save and cancel. */
export function RuleForm(props: {
  initial: Editing
  existing: TagRule | undefined
  context: RuleFormContext
  onDone: (text: string) => void
}) {
  const { t } = useTranslation()
  const { e, setE, error, busy, save } = useRuleForm(
    props.initial,
    props.existing,
    props.context.customFields,
  )
  const setConditions = (conditions: Condition[]) =>
    setE((x) => ({ ...x, draft: { ...x.draft, conditions } }))
  const conditions = e.draft.conditions
  return (
    <form
      className="rule-form"
      onSubmit={(ev) => {
        ev.preventDefault()
        void save(props.onDone)
      }}
    >
      <RuleHeadFields e={e} onChange={(patch) => setE((x) => ({ ...x, ...patch }))} />
      <ol className="conditions">
        {conditions.map((c, i) => (
          <ConditionRow
            // biome-ignore lint/suspicious/noArrayIndexKey: conditions have no identity beyond their position
            key={i}
            n={i + 1}
            condition={c}
            context={props.context}
            onChange={(patch) => setConditions(conditions.map((x, j) => (j === i ? { ...x, ...patch } : x)))}
            onRemove={() => setConditions(conditions.filter((_, j) => j !== i))}
          />
        ))}
      </ol>
      <div className="row-buttons">
        <button
          type="button"
          className="secondary"
          onClick={() => setConditions([...conditions, { field: 'frequency', op: 'gte', value: '' }])}
        >
          {t('manage.rules.addCondition')}
        </button>
        <button type="submit" disabled={busy}>
          {t('manage.rules.save')}
        </button>
        <button type="button" className="secondary" onClick={() => props.onDone('')}>
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

/** The rule's tag, its label in both languages, how its conditions join and whether it is on. */
function RuleHeadFields({ e, onChange }: { e: Editing; onChange: (patch: Partial<Editing>) => void }) {
  const { t } = useTranslation()
  return (
    <div className="filters">
      <label>
        {t('manage.rules.tag')}
        <input value={e.tag} onChange={(ev) => onChange({ tag: ev.target.value })} />
      </label>
      <label>
        {t('manage.rules.labelZh')}
        <input value={e.zh} onChange={(ev) => onChange({ zh: ev.target.value })} />
      </label>
      <label>
        {t('manage.rules.labelEn')}
        <input value={e.en} onChange={(ev) => onChange({ en: ev.target.value })} />
      </label>
      <label>
        {t('manage.rules.join')}
        <select
          value={e.draft.join}
          onChange={(ev) =>
            onChange({ draft: { ...e.draft, join: ev.target.value === 'any' ? 'any' : 'all' } })
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
          onChange={(ev) => onChange({ active: ev.target.checked })}
        />
        {t('manage.rules.active')}
      </label>
    </div>
  )
}

/** One condition: the field, an operator it can meet, and its value (a cluster chosen by name). */
function ConditionRow(props: {
  n: number
  condition: Condition
  context: RuleFormContext
  onChange: (patch: Partial<Condition>) => void
  onRemove: () => void
}) {
  const { t } = useTranslation()
  const { condition: c, context } = props
  const { customFields, labels } = context
  return (
    <li className="condition">
      <label>
        {t('manage.rules.field')}
        <select
          value={c.field}
          onChange={(ev) => {
            const field = ev.target.value
            const offered = ruleOpsFor(field, customFields)
            const op = offered.includes(c.op) ? c.op : (offered[0] ?? 'exists')
            // A cluster's value is an id, a typed value means nothing to it (and the reverse).
            const crossed = (ruleFieldKind(field) === 'cluster') !== (ruleFieldKind(c.field) === 'cluster')
            props.onChange({ field, op, ...(crossed ? { value: '' } : {}) })
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
          onChange={(ev) => props.onChange({ op: ruleOps.find((o) => o === ev.target.value) ?? 'eq' })}
        >
          {[...new Set([...ruleOpsFor(c.field, customFields), c.op])].map((o) => (
            <option key={o} value={o}>
              {t(`code.operator.${o}`)}
            </option>
          ))}
        </select>
      </label>
      {c.op !== 'exists' && <ConditionValue condition={c} context={context} onChange={props.onChange} />}
      <button
        type="button"
        className="secondary"
        aria-label={t('manage.rules.remove', { n: props.n })}
        onClick={props.onRemove}
      >
        ✕
      </button>
    </li>
  )
}

/** Splits a stored `in` list as the draft keeps it (comma-separated). */
const listOf = (value: string) =>
  value
    .split(/[,，、]/)
    .map((s) => s.trim())
    .filter(Boolean)

/**
 * A condition's value: typed, or for a cluster, chosen among the team's named clusters (several for
 * "is one of"); a cluster the team no longer has stays selectable under a name that says so.
 */
function ConditionValue(props: {
  condition: Condition
  context: RuleFormContext
  onChange: (patch: Partial<Condition>) => void
}) {
  const { t, i18n } = useTranslation()
  const { condition: c } = props
  if (ruleFieldKind(c.field, props.context.customFields) !== 'cluster')
    return (
      <label>
        {t('manage.rules.value')}
        <input value={c.value} onChange={(ev) => props.onChange({ value: ev.target.value })} />
      </label>
    )
  const zh = i18n.language.startsWith('zh')
  const chosen = c.op === 'in' ? listOf(c.value) : c.value ? [c.value] : []
  const offered = props.context.clusters.map((o) => ({ id: o.id, text: zh ? o.label.zh : o.label.en }))
  for (const id of chosen)
    if (!offered.some((o) => o.id === id)) offered.push({ id, text: t('code.ruleGoneCluster') })
  const many = c.op === 'in'
  return (
    <label>
      {t('manage.rules.value')}
      <select
        multiple={many}
        value={many ? chosen : (chosen[0] ?? '')}
        data-testid="rule-cluster"
        onChange={(ev) =>
          props.onChange({ value: Array.from(ev.target.selectedOptions, (o) => o.value).join(', ') })
        }
      >
        {!many && (
          <option value="">
            {t(props.context.clusters.length > 0 ? 'manage.rules.chooseCluster' : 'manage.rules.noClusters')}
          </option>
        )}
        {offered.map((o) => (
          <option key={o.id} value={o.id}>
            {o.text}
          </option>
        ))}
      </select>
    </label>
  )
}

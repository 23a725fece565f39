import { clusterModelFor, httpApi, type TagRule } from '@outrider/domain'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { callApi, errorKey } from '../../shared/api.ts'
import { useReference } from '../../store/hooks.ts'
import { useOutrider } from '../../store/outrider-context.ts'
import { clusterRuleOptions, ruleToDraft } from './rule-draft.ts'
import { type ClusterLabels, customFieldLabels, ruleSentence } from './rule-sentence.ts'
import { type Editing, RuleForm, type RuleFormContext } from './tag-rule-form.tsx'

const blank = (): Editing => ({
  id: null,
  tag: '',
  en: '',
  zh: '',
  active: true,
  draft: { join: 'all', conditions: [{ field: 'monetary', op: 'gte', value: '' }] },
})

/**
 * What rules are read and built with: every custom field definition (not only active ones: a rule
 * written on a field since retired still reads well) and the team's saved clusters, offered by name.
 */
function useRuleContext(): RuleFormContext & { clusterLabels: ClusterLabels } {
  const { i18n } = useTranslation()
  const { user } = useOutrider()
  const definitions = useReference('customFieldDefinitions')
  const models = useReference('clusterModels')
  const customFields = useMemo(() => definitions ?? [], [definitions])
  const labels = useMemo(() => customFieldLabels(customFields, i18n.language), [customFields, i18n.language])
  const clusters = useMemo(
    () => clusterRuleOptions(clusterModelFor(models ?? [], user.teamId)),
    [models, user.teamId],
  )
  const zh = i18n.language.startsWith('zh')
  const clusterLabels = useMemo(
    () => new Map(clusters.map((c) => [c.id, zh ? c.label.zh : c.label.en])),
    [clusters, zh],
  )
  return { customFields, labels, clusters, clusterLabels }
}

/** The team's tag rules: list, a small builder for conditions joined by all/any, delete. */
export function TagRulesEditor({ rules }: { rules: TagRule[] }) {
  const { t } = useTranslation()
  const [editing, setEditing] = useState<Editing | null>(null)
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null)
  const context = useRuleContext()
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
          .map((r) => (
            <RuleItem
              key={r.id}
              rule={r}
              context={context}
              onEdit={setEditing}
              onRemove={() => void remove(r.id)}
            />
          ))}
      </ul>
      {editing ? (
        <RuleForm
          key={editing.id ?? 'new'}
          initial={editing}
          existing={rules.find((r) => r.id === editing.id)}
          context={context}
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

/** One rule as a sentence, with edit (when the builder can show it) and delete. */
function RuleItem(props: {
  rule: TagRule
  context: ReturnType<typeof useRuleContext>
  onEdit: (editing: Editing) => void
  onRemove: () => void
}) {
  const { t, i18n } = useTranslation()
  const { rule: r, context } = props
  const draft = ruleToDraft(r.rule)
  return (
    <li className="rule">
      <strong>{i18n.language.startsWith('zh') ? r.label.zh : r.label.en}</strong>{' '}
      {!r.active && <span className="muted">{t('manage.rules.off')}</span>}
      <span className="rule-sentence" data-testid="rule-sentence">
        {ruleSentence(t, r.rule, context.labels, context.clusterLabels)}
      </span>
      <div className="row-buttons">
        {draft ? (
          <button
            type="button"
            className="secondary"
            onClick={() =>
              props.onEdit({ id: r.id, tag: r.tag, en: r.label.en, zh: r.label.zh, active: r.active, draft })
            }
          >
            {t('manage.rules.edit')}
          </button>
        ) : (
          <span className="muted">{t('manage.rules.complex')}</span>
        )}
        <button type="button" className="secondary" onClick={props.onRemove}>
          {t('manage.rules.delete')}
        </button>
      </div>
    </li>
  )
}

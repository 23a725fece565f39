import type { Survey, SurveyQuestion } from '@outrider/domain'
import { useTranslation } from 'react-i18next'
import { FieldError, fieldProps } from './policy-save.tsx'

const MAX_QUESTIONS = 5
const kinds: readonly SurveyQuestion['kind'][] = ['rating', 'choice', 'text']

const lines = (text: string) => text.split('\n').map((l) => l.trim())

/** A question of another kind, keeping its id and label (a choice starts with two empty options). */
function withKind(q: SurveyQuestion, kind: SurveyQuestion['kind']): SurveyQuestion {
  const base = { id: q.id, label: q.label }
  if (kind === 'choice')
    return {
      ...base,
      kind,
      options:
        q.kind === 'choice'
          ? q.options
          : [
              { zh: '', en: '' },
              { zh: '', en: '' },
            ],
    }
  return { ...base, kind }
}

/** A choice question with one language's options as typed (one a line), the other language's kept. */
function withOptions(
  q: Extract<SurveyQuestion, { kind: 'choice' }>,
  lang: 'zh' | 'en',
  text: string,
): SurveyQuestion {
  const mine = lines(text)
  const other = q.options.map((o) => o[lang === 'zh' ? 'en' : 'zh'])
  const n = Math.max(mine.length, other.length)
  const options = Array.from({ length: n }, (_, k) =>
    lang === 'zh' ? { zh: mine[k] ?? '', en: other[k] ?? '' } : { zh: other[k] ?? '', en: mine[k] ?? '' },
  )
  return { ...q, options }
}

type Errors = Record<string, string | undefined>

/**
 * The tier's visit survey: up to five questions, each a 1–5 rating, a choice or free text, with its
 * label (and a choice's options, one a line) in both languages. Errors come by path below `survey.`.
 */
export function SurveyFields({
  tier,
  value,
  onChange,
  errors,
}: {
  tier: string
  value: Survey | undefined
  onChange: (v: Survey | undefined) => void
  errors: Errors
}) {
  const { t } = useTranslation()
  const questions = value?.questions ?? []
  const set = (next: SurveyQuestion[]) => onChange(next.length === 0 ? undefined : { questions: next })
  return (
    <fieldset className="care" data-testid={`survey-${tier}`}>
      <legend>{t('manage.survey.title')}</legend>
      {questions.length === 0 && <p className="muted">{t('manage.survey.none')}</p>}
      {questions.map((q, i) => (
        <QuestionFields
          key={q.id}
          tier={tier}
          index={i}
          question={q}
          errors={errors}
          onChange={(next) => set(questions.map((x, j) => (j === i ? next : x)))}
          onRemove={() => set(questions.filter((_, j) => j !== i))}
        />
      ))}
      <button
        type="button"
        className="secondary"
        disabled={questions.length >= MAX_QUESTIONS}
        onClick={() =>
          set([
            ...questions,
            { id: `q-${crypto.randomUUID().slice(0, 8)}`, kind: 'rating', label: { zh: '', en: '' } },
          ])
        }
      >
        {t('manage.survey.add')}
      </button>
      {questions.length >= MAX_QUESTIONS && <p className="muted">{t('manage.survey.max')}</p>}
    </fieldset>
  )
}

/** One question: its kind, its label in both languages, a choice's options, and its removal. */
function QuestionFields({
  tier,
  index: i,
  question: q,
  errors,
  onChange,
  onRemove,
}: {
  tier: string
  index: number
  question: SurveyQuestion
  errors: Errors
  onChange: (q: SurveyQuestion) => void
  onRemove: () => void
}) {
  const { t } = useTranslation()
  const err = (k: string) => {
    const id = `survey-${tier}-${i}-${k.replaceAll('.', '-')}-error`
    const text =
      k === 'options'
        ? Object.entries(errors).find(([p]) => p.startsWith(`survey.questions.${i}.options`))?.[1]
        : errors[`survey.questions.${i}.${k}`]
    return { id, text }
  }
  return (
    <fieldset className="survey-question" data-testid="survey-question">
      <legend>{t('manage.survey.question', { n: i + 1 })}</legend>
      <label>
        {t('manage.survey.kind')}
        <select
          value={q.kind}
          onChange={(e) => {
            const kind = kinds.find((k) => k === e.target.value)
            if (kind) onChange(withKind(q, kind))
          }}
        >
          {kinds.map((k) => (
            <option key={k} value={k}>
              {t(`manage.survey.kinds.${k}`)}
            </option>
          ))}
        </select>
      </label>
      {(['zh', 'en'] as const).map((lang) => (
        <label key={lang}>
          {t(`manage.survey.label.${lang}`)}
          <input
            value={q.label[lang]}
            onChange={(e) => onChange({ ...q, label: { ...q.label, [lang]: e.target.value } })}
            {...fieldProps(err(`label.${lang}`).id, err(`label.${lang}`).text)}
          />
          <FieldError {...err(`label.${lang}`)} />
        </label>
      ))}
      {q.kind === 'choice' &&
        (['zh', 'en'] as const).map((lang) => (
          <label key={`o-${lang}`}>
            {t(`manage.survey.options.${lang}`)}
            <textarea
              rows={3}
              value={q.options.map((o) => o[lang]).join('\n')}
              onChange={(e) => onChange(withOptions(q, lang, e.target.value))}
              {...fieldProps(err('options').id, err('options').text)}
            />
          </label>
        ))}
      {q.kind === 'choice' && <FieldError {...err('options')} />}
      <button type="button" className="secondary" onClick={onRemove}>
        {t('manage.survey.remove', { n: i + 1 })}
      </button>
    </fieldset>
  )
}

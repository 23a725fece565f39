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
  errors: Record<string, string | undefined>
}) {
  const { t } = useTranslation()
  const questions = value?.questions ?? []
  const set = (next: SurveyQuestion[]) => onChange(next.length === 0 ? undefined : { questions: next })
  const change = (i: number, q: SurveyQuestion) => set(questions.map((x, j) => (j === i ? q : x)))
  const setOptions = (i: number, q: SurveyQuestion, lang: 'zh' | 'en', text: string) => {
    if (q.kind !== 'choice') return
    const mine = lines(text)
    const other = q.options.map((o) => o[lang === 'zh' ? 'en' : 'zh'])
    const n = Math.max(mine.length, other.length)
    const options = Array.from({ length: n }, (_, k) =>
      lang === 'zh' ? { zh: mine[k] ?? '', en: other[k] ?? '' } : { zh: other[k] ?? '', en: mine[k] ?? '' },
    )
    change(i, { ...q, options })
  }
  return (
    <fieldset className="care" data-testid={`survey-${tier}`}>
      <legend>{t('manage.survey.title')}</legend>
      {questions.length === 0 && <p className="muted">{t('manage.survey.none')}</p>}
      {questions.map((q, i) => {
        const err = (k: string) => {
          const id = `survey-${tier}-${i}-${k.replaceAll('.', '-')}-error`
          const text =
            k === 'options'
              ? Object.entries(errors).find(([p]) => p.startsWith(`survey.questions.${i}.options`))?.[1]
              : errors[`survey.questions.${i}.${k}`]
          return { id, text }
        }
        return (
          <fieldset key={q.id} className="survey-question" data-testid="survey-question">
            <legend>{t('manage.survey.question', { n: i + 1 })}</legend>
            <label>
              {t('manage.survey.kind')}
              <select
                value={q.kind}
                onChange={(e) => {
                  const kind = kinds.find((k) => k === e.target.value)
                  if (kind) change(i, withKind(q, kind))
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
                  onChange={(e) => change(i, { ...q, label: { ...q.label, [lang]: e.target.value } })}
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
                    onChange={(e) => setOptions(i, q, lang, e.target.value)}
                    {...fieldProps(err('options').id, err('options').text)}
                  />
                </label>
              ))}
            {q.kind === 'choice' && <FieldError {...err('options')} />}
            <button
              type="button"
              className="secondary"
              onClick={() => set(questions.filter((_, j) => j !== i))}
            >
              {t('manage.survey.remove', { n: i + 1 })}
            </button>
          </fieldset>
        )
      })}
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

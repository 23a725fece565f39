import type { Survey } from '@outrider/domain'
import { useTranslation } from 'react-i18next'

const RATINGS = [1, 2, 3, 4, 5]

/**
 * The tier's survey, asked at the visit: each question in the reader's language, every answer
 * optional (a rating 1–5, one of a choice's options, or text).
 */
export function SurveyQuestions({
  survey,
  answers,
  onAnswer,
}: {
  survey: Survey
  answers: Readonly<Record<string, number | string>>
  onAnswer: (questionId: string, answer: number | string | null) => void
}) {
  const { t, i18n } = useTranslation()
  const lang = i18n.language.startsWith('zh') ? 'zh' : 'en'
  return (
    <fieldset className="visit-survey" data-testid="visit-survey">
      <legend>{t('visit.survey.title')}</legend>
      {survey.questions.map((q) => {
        const a = answers[q.id]
        const id = `survey-${q.id}`
        if (q.kind === 'text')
          return (
            <label key={q.id} htmlFor={id}>
              {q.label[lang]}
              <textarea
                id={id}
                rows={2}
                maxLength={1_000}
                value={typeof a === 'string' ? a : ''}
                onChange={(e) => onAnswer(q.id, e.target.value === '' ? null : e.target.value)}
              />
            </label>
          )
        const options =
          q.kind === 'rating'
            ? RATINGS.map((n) => ({ value: n, text: String(n) }))
            : q.options.map((o, i) => ({ value: i, text: o[lang] }))
        return (
          <label key={q.id} htmlFor={id}>
            {q.label[lang]}
            <select
              id={id}
              value={typeof a === 'number' ? String(a) : ''}
              onChange={(e) => onAnswer(q.id, e.target.value === '' ? null : Number(e.target.value))}
            >
              <option value="">{t('visit.survey.skip')}</option>
              {options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.text}
                </option>
              ))}
            </select>
          </label>
        )
      })}
    </fieldset>
  )
}

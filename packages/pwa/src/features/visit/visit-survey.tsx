import type { Survey } from '@outrider/domain'
import { useFormContext } from 'react-hook-form'
import { SurveyQuestions } from './survey-questions.tsx'
import type { VisitForm } from './visit-form.ts'

/** The tier's survey when the policy has one; an answer taken back is dropped from the form. */
export function VisitSurvey({ survey }: { survey: Survey | undefined }) {
  const { getValues, setValue, watch } = useFormContext<VisitForm>()
  if (!survey) return null
  return (
    <SurveyQuestions
      survey={survey}
      answers={watch('surveyAnswers')}
      onAnswer={(id, a) => {
        const { [id]: _old, ...rest } = getValues('surveyAnswers')
        setValue('surveyAnswers', a === null ? rest : { ...rest, [id]: a }, { shouldDirty: true })
      }}
    />
  )
}

import { z } from 'zod'
import { idSchema, shortText, text } from './common.ts'

/** A label in both UI languages. */
export const bilingualSchema = z.object({ zh: shortText.min(1), en: shortText.min(1) })

export const surveyQuestionSchema = z.discriminatedUnion('kind', [
  z.object({ id: idSchema, kind: z.literal('rating'), label: bilingualSchema }),
  z.object({
    id: idSchema,
    kind: z.literal('choice'),
    label: bilingualSchema,
    options: z.array(bilingualSchema).min(2).max(8),
  }),
  z.object({ id: idSchema, kind: z.literal('text'), label: bilingualSchema }),
])
export type SurveyQuestion = z.infer<typeof surveyQuestionSchema>

/** At most five questions, so answering stays short enough for a visit. */
export const surveySchema = z.object({ questions: z.array(surveyQuestionSchema).min(1).max(5) })
export type Survey = z.infer<typeof surveySchema>

/**
 * Answers by question id: a rating 1–5, the index of a choice, or text. Kept with the visit as answered,
 * so a later change of the survey does not rewrite what the customer said.
 */
export const surveyAnswersSchema = z.record(idSchema, z.union([z.number().int().min(0).max(10), text(1_000)]))
export type SurveyAnswers = z.infer<typeof surveyAnswersSchema>

import type { CustomField, CustomFieldProblem } from '@outrider/domain'
import type { TFunction } from 'i18next'

/** The fields forms, filters and rule builders offer: active ones, in the order the admin made them. */
export function offeredCustomFields(definitions: readonly CustomField[] | null | undefined): CustomField[] {
  return (definitions ?? [])
    .filter((f) => f.active)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.key.localeCompare(b.key))
}

/** A field's label in the UI language (`zh…` shows the Chinese one). */
export function customFieldLabel(field: Pick<CustomField, 'label'>, language: string): string {
  return language.startsWith('en') ? field.label.en : field.label.zh
}

/** Why a typed value is refused, in the reader's language (a choice lists its options). */
export function customFieldProblemText(
  t: TFunction,
  problem: CustomFieldProblem,
  field: Pick<CustomField, 'options'> | undefined,
): string {
  return t(`code.customFieldProblem.${problem}`, { options: field?.options.join('、') ?? '' })
}

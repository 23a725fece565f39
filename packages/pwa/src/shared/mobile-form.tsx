import { Form } from 'antd-mobile'
import type { FieldData, Rule } from 'antd-mobile/es/components/form'
import { createContext, type ReactElement, type ReactNode, useContext, useId, useState } from 'react'
import { FieldNote, fieldMarks } from './field-note.tsx'
import { MobileProvider } from './mobile-provider.tsx'

const FieldErrors = createContext<{ formId: string; errors: Readonly<Record<string, string>> }>({
  formId: '',
  errors: {},
})

type Props<V> = {
  initialValues: V
  onFinish: (values: V) => unknown
  /** The submit button (and any other actions), under the fields. */
  footer: ReactNode
  children: ReactNode
  'aria-label'?: string
}

/**
 * A phone form on antd-mobile's Form: fields stacked with their labels, checked by each field's rules
 * (messages in the user's language, given by the caller) when the form is sent. Each field's error
 * shows right under it, and the field is marked with aria-invalid and points at it (aria-describedby).
 */
export function MobileForm<V extends object>({
  initialValues,
  onFinish,
  footer,
  children,
  ...aria
}: Props<V>) {
  const formId = useId()
  const [errors, setErrors] = useState<Record<string, string>>({})
  const onFieldsChange = (_changed: FieldData[], all: FieldData[]) =>
    setErrors(
      Object.fromEntries(
        all.flatMap((f) => {
          const first = f.errors?.[0]
          return first ? [[[f.name].flat().join('.'), String(first)]] : []
        }),
      ),
    )
  return (
    <MobileProvider>
      <FieldErrors.Provider value={{ formId, errors }}>
        <Form
          name={formId}
          layout="vertical"
          className="mobile-form"
          initialValues={initialValues}
          onFinish={(v: V) => void onFinish(v)}
          onFieldsChange={onFieldsChange}
          footer={footer}
          {...aria}
        >
          {children}
        </Form>
      </FieldErrors.Provider>
    </MobileProvider>
  )
}

type FieldProps = {
  name: string
  label: ReactNode
  rules?: Rule[]
  /** The control, given the attributes that mark it invalid and tie it to its error. */
  children: (marks: ReturnType<typeof fieldMarks>) => ReactElement
}

/** One field of a MobileForm: its label, its control (value and changes kept by the form), its error. */
export function MobileField({ name, label, rules, children }: FieldProps) {
  const { formId, errors } = useContext(FieldErrors)
  const error = errors[name]
  const noteId = `${formId}-${name}`
  return (
    <Form.Item
      name={name}
      label={label}
      rules={rules ?? []}
      hasFeedback={false}
      description={error ? <FieldNote id={noteId} error={error} /> : undefined}
    >
      {children(fieldMarks(noteId, error))}
    </Form.Item>
  )
}

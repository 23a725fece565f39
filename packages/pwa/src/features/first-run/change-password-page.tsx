import { zodResolver } from '@hookform/resolvers/zod'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { changePassword } from '../../platform/session.ts'
import { useOutriderState } from '../../store/outrider-context.ts'
import { signOut } from '../../store/sign-out.ts'
import { FieldError } from './field-error.tsx'
import { changeFormSchema } from './first-run-forms.ts'
import { aria, PasswordFields } from './password-fields.tsx'
import { type Failure, failureText } from './public-post.ts'

type Form = { current: string; password: string; confirm: string }

/** After signing in with a temporary password: nothing else opens until the user chooses their own. */
export default function ChangePasswordPage() {
  const { t } = useTranslation()
  const { signedIn } = useOutriderState()
  const [failure, setFailure] = useState<Failure | null>(null)
  const { register, handleSubmit, formState } = useForm<Form>({
    resolver: zodResolver(changeFormSchema),
    defaultValues: { current: '', password: '', confirm: '' },
  })
  const onSubmit = handleSubmit(async (f) => {
    setFailure(null)
    try {
      const session = await changePassword(f.current, f.password)
      signedIn(session.user)
    } catch (err) {
      setFailure(failureText(err))
    }
  })
  return (
    <section className="login first-run" aria-labelledby="change-title">
      <h1 id="change-title">{t('firstRun.change.title')}</h1>
      <p>{t('firstRun.change.intro')}</p>
      <form onSubmit={onSubmit} noValidate>
        <label>
          {t('firstRun.change.current')}
          <input
            type="password"
            autoComplete="current-password"
            {...register('current')}
            {...aria(formState.errors.current, 'current')}
          />
          <FieldError error={formState.errors.current} id="current" />
        </label>
        <PasswordFields
          fields={{ password: register('password'), confirm: register('confirm') }}
          errors={formState.errors}
          labels={{ password: 'firstRun.change.next', confirm: 'firstRun.change.confirm' }}
        />
        <button type="submit" disabled={formState.isSubmitting}>
          {t('firstRun.change.submit')}
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => void signOut().then(() => location.assign('/'))}
        >
          {t('firstRun.change.signOut')}
        </button>
        {failure && (
          <p className="error" role="alert">
            {t(failure[0], failure[1])}
          </p>
        )}
      </form>
    </section>
  )
}

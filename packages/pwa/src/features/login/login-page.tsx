import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { LoginError, login } from '../../platform/session.ts'
import { useOutriderState } from '../../store/outrider-context.ts'

type Form = { email: string; password: string }

/** Full-page sign-in, or `inline` over the app when a refresh was refused (local data stays open). */
export default function LoginPage({ inline = false }: { inline?: boolean }) {
  const { t } = useTranslation()
  const { signedIn } = useOutriderState()
  const { register, handleSubmit, formState } = useForm<Form>()
  const [error, setError] = useState<string | null>(null)
  const onSubmit = handleSubmit(async (f) => {
    setError(null)
    try {
      const s = await login(f.email.trim(), f.password)
      signedIn(s.user)
    } catch (err) {
      // The server's text is for logs; people read the message for its stable code, in their language.
      if (err instanceof LoginError)
        setError(
          ['E_UNAUTHENTICATED', 'E_RATE_LIMITED', 'E_VALIDATION'].includes(err.code)
            ? t(`login.errors.${err.code}`)
            : t('login.errors.other', { code: err.code }),
        )
      else setError(navigator.onLine ? t('login.errors.other', { code: 'network' }) : t('login.offline'))
    }
  })
  return (
    <section className={inline ? 'login inline' : 'login'} aria-labelledby="login-title">
      <h1 id="login-title">{t('login.title')}</h1>
      {inline && <p>{t('login.again')}</p>}
      <form onSubmit={onSubmit} noValidate>
        <label>
          {t('login.email')}
          <input type="email" autoComplete="username" required {...register('email', { required: true })} />
        </label>
        <label>
          {t('login.password')}
          <input
            type="password"
            autoComplete="current-password"
            required
            {...register('password', { required: true })}
          />
        </label>
        <button type="submit" disabled={formState.isSubmitting}>
          {t('login.submit')}
        </button>
        {error && (
          <p className="error" role="alert">
            {t('login.failed', { message: error })}
          </p>
        )}
      </form>
    </section>
  )
}

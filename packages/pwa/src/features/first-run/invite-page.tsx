import { zodResolver } from '@hookform/resolvers/zod'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { acceptInvite } from '../../platform/session.ts'
import { useOutriderState } from '../../store/outrider-context.ts'
import { passwordPairSchema } from './first-run-forms.ts'
import { PasswordFields, type PasswordPair } from './password-fields.tsx'
import { type Failure, failureText, leaveForHome, tokenFromHash } from './public-post.ts'

/** An invitation link: the new user chooses a password and is signed in. */
export default function InvitePage() {
  const { t } = useTranslation()
  const { signedIn } = useOutriderState()
  const [token] = useState(tokenFromHash)
  const [failure, setFailure] = useState<Failure | null>(null)
  const { register, handleSubmit, formState } = useForm<PasswordPair>({
    resolver: zodResolver(passwordPairSchema),
    defaultValues: { password: '', confirm: '' },
  })
  const onSubmit = handleSubmit(async (f) => {
    setFailure(null)
    try {
      const session = await acceptInvite(token, f.password)
      leaveForHome()
      signedIn(session.user)
    } catch (err) {
      setFailure(failureText(err))
    }
  })
  return (
    <section className="login first-run" aria-labelledby="invite-title">
      <h1 id="invite-title">{t('firstRun.invite.title')}</h1>
      <p>{t('firstRun.invite.intro')}</p>
      <form onSubmit={onSubmit} noValidate>
        <PasswordFields
          fields={{ password: register('password'), confirm: register('confirm') }}
          errors={formState.errors}
          labels={{ password: 'firstRun.setup.password', confirm: 'firstRun.setup.confirm' }}
        />
        <button type="submit" disabled={formState.isSubmitting || !token}>
          {t('firstRun.invite.submit')}
        </button>
        {(failure || !token) && (
          <p className="error" role="alert">
            {failure ? t(failure[0], failure[1]) : t('firstRun.errors.E_FORBIDDEN')}
          </p>
        )}
      </form>
    </section>
  )
}

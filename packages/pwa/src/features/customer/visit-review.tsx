import type { Review } from '@outrider/domain'
import { httpApi } from '@outrider/domain'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import '../../shared/service.css'
import { callApi } from '../../shared/api.ts'
import { useOutrider } from '../../store/outrider-context.ts'

/**
 * A supervisor's review on a visit in the timeline, and the rep's one reply. The reply goes to the
 * server at once (the review is server-owned); it comes back on the visit with the next pull.
 */
export function VisitReview({ visitId, review }: { visitId: string; review: Review }) {
  const { t } = useTranslation()
  const { user } = useOutrider()
  const [text, setText] = useState('')
  const [sent, setSent] = useState<string | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const reply = review.reply?.text ?? sent
  const send = async () => {
    setProblem(null)
    try {
      await callApi(httpApi.replyToReview, { params: { id: visitId }, body: { text: text.trim() } })
      setSent(text.trim())
    } catch (err) {
      setProblem(t('service.review.failed', { message: (err as Error).message }))
    }
  }
  return (
    <div className={`visit-review review-${review.status}`} data-testid="visit-review">
      <strong>{t(`service.review.${review.status === 'approved' ? 'approved' : 'commented'}`)}</strong>
      {review.comment && <span data-testid="review-comment"> · {review.comment}</span>}
      {reply !== null && <p className="muted">{t('service.review.yourReply', { text: reply })}</p>}
      {reply === null && user.role === 'rep' && (
        <form
          onSubmit={(e) => {
            e.preventDefault()
            void send()
          }}
        >
          <label>
            {t('service.review.replyLabel')}
            <input value={text} required maxLength={2000} onChange={(e) => setText(e.target.value)} />
          </label>
          <button type="submit" data-testid="review-reply">
            {t('service.review.send')}
          </button>
        </form>
      )}
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
    </div>
  )
}

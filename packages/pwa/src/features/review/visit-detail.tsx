import { type Feedback, httpApi, type Order, orderTotal, type Visit } from '@outrider/domain'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { callApi, errorKey } from '../../shared/api.ts'
import { formatInstant } from '../../shared/organisation-clock.ts'
import { GpsSketch } from './gps-sketch.tsx'
import type { ReviewRow } from './review-rows.ts'
import { VisitCorrections } from './visit-corrections.tsx'
import type { VisitFlag } from './visit-flags.ts'
import { visitMinutes } from './visit-flags.ts'
import { VisitPhoto } from './visit-photo.tsx'

export function FlagList({ flags, explain }: { flags: VisitFlag[]; explain: boolean }) {
  const { t } = useTranslation()
  if (flags.length === 0) return null
  return (
    <ul className="flags">
      {flags.map((f) => {
        const vars =
          f.kind === 'far'
            ? { meters: f.distanceM, radius: f.radiusM }
            : f.kind === 'closed'
              ? { time: `${Math.floor(f.minuteOfDay / 60)}:${String(f.minuteOfDay % 60).padStart(2, '0')}` }
              : f.kind === 'poorGps'
                ? { meters: f.accuracyM }
                : { minutes: f.minutes }
        return (
          <li key={f.kind} className="flag" data-flag={f.kind}>
            <strong>⚠ {t(`review.flags.${f.kind}`)}</strong>
            {explain && <span className="why">{t(`review.flags.${f.kind}Why`, vars)}</span>}
          </li>
        )
      })}
    </ul>
  )
}

/** Everything a reviewer needs about one visit, and the approve / comment actions. */
export function VisitDetail({
  row,
  feedback,
  repName,
  nameOf,
  visits,
  orders,
  onClose,
}: {
  row: ReviewRow
  feedback: Feedback[]
  repName: string
  nameOf: (userId: string) => string
  /** Every revision of the team's visits and orders the device holds, for the correction trail. */
  visits: readonly Visit[]
  orders: readonly Order[]
  onClose: () => void
}) {
  const { t } = useTranslation()
  const { visit } = row
  return (
    <section className="visit-detail" aria-labelledby="visit-detail-title" data-testid="visit-detail">
      <header className="detail-head">
        <h2 id="visit-detail-title">
          {row.customerName} · {repName}
        </h2>
        <button type="button" className="secondary" onClick={onClose}>
          {t('review.close')}
        </button>
      </header>
      <ReviewState visit={visit} nameOf={nameOf} />
      <VisitFacts visit={visit} />
      <VisitPlace row={row} />
      <OrderSummary visit={visit} />
      <FeedbackSummary visit={visit} feedback={feedback} />
      {visit.photoIds.length > 0 && (
        <>
          <h3>{t('review.photos')}</h3>
          <div className="thumbs">
            {visit.photoIds.map((id, i) => (
              <VisitPhoto key={id} id={id} n={i + 1} />
            ))}
          </div>
        </>
      )}
      <VisitCorrections
        visit={visit}
        visits={visits}
        orders={orders}
        nameOf={(id) => (id ? nameOf(id) : '—')}
      />
      <ReviewActions visitId={visit.id} />
    </section>
  )
}

/** The review's status, who reviewed, their comment and the rep's reply. */
function ReviewState({ visit, nameOf }: { visit: Visit; nameOf: (userId: string) => string }) {
  const { t } = useTranslation()
  const status = visit.review?.status ?? 'pending'
  return (
    <p>
      <span className={`badge review-${status}`} data-testid="review-status">
        {t(`code.reviewStatus.${status}`)}
      </span>{' '}
      {visit.review?.by && t('review.reviewedBy', { name: nameOf(visit.review.by) })}
      {visit.review?.comment && <q className="review-comment">{visit.review.comment}</q>}
      {visit.review?.reply && (
        <p className="review-reply" data-testid="review-reply">
          {t('review.reply', { text: visit.review.reply.text })}
        </p>
      )}
    </p>
  )
}

/** When, how long, with what outcome, why checked in there, and the notes. */
function VisitFacts({ visit }: { visit: Visit }) {
  const { t, i18n } = useTranslation()
  const minutes = visitMinutes(visit.checkInAt, visit.checkOutAt)
  return (
    <dl className="facts">
      <dt>{t('review.checkIn')}</dt>
      <dd>{formatInstant(visit.checkInAt, i18n.language)}</dd>
      <dt>{t('review.duration')}</dt>
      <dd>{minutes === null ? t('review.open') : t('review.minutes', { count: minutes })}</dd>
      <dt>{t('review.outcome')}</dt>
      <dd>{t(`code.outcome.${visit.outcome}`)}</dd>
      {visit.checkInReason && (
        <>
          <dt>{t('review.checkInReason')}</dt>
          <dd data-testid="check-in-reason">{visit.checkInReason}</dd>
        </>
      )}
      {visit.notes && (
        <>
          <dt>{t('review.notes')}</dt>
          <dd>{visit.notes}</dd>
        </>
      )}
    </dl>
  )
}

/** Where the check-in was, against the customer's place, and what looks wrong about it. */
function VisitPlace({ row: { visit, check, customerLocation } }: { row: ReviewRow }) {
  const { t } = useTranslation()
  return (
    <div className="place">
      {visit.checkInGps && customerLocation && (
        <GpsSketch customer={customerLocation} fix={visit.checkInGps} />
      )}
      <div>
        <p data-testid="visit-distance">
          {check.distanceM === null
            ? t('review.noDistance')
            : t('review.distance', { meters: check.distanceM })}
        </p>
        {visit.checkInGps && (
          <p className="muted">{t('review.accuracy', { meters: Math.round(visit.checkInGps.accuracyM) })}</p>
        )}
        <FlagList flags={check.flags} explain />
      </div>
    </div>
  )
}

function OrderSummary({ visit }: { visit: Visit }) {
  const { t } = useTranslation()
  return (
    <>
      <h3>{t('review.order')}</h3>
      {visit.orderLines.length === 0 ? (
        <p className="muted">{t('review.noOrder')}</p>
      ) : (
        <>
          <ul className="lines">
            {visit.orderLines.map((l, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: order lines are fixed for a revision; a product may repeat
              <li key={`${l.productId}-${i}`}>
                {t('review.line', { name: l.name, quantity: l.quantity, price: l.unitPrice.toFixed(2) })}
              </li>
            ))}
          </ul>
          <p>
            <strong>{t('review.total', { amount: orderTotal(visit.orderLines).toFixed(2) })}</strong>
          </p>
        </>
      )}
    </>
  )
}

/** The rep's satisfaction score and complaint, and the customer's own feedback on the visit. */
function FeedbackSummary({ visit, feedback }: { visit: Visit; feedback: Feedback[] }) {
  const { t } = useTranslation()
  return (
    <>
      <h3>{t('review.feedback')}</h3>
      <p>
        {visit.satisfaction === null
          ? t('review.noSatisfaction')
          : t('review.satisfaction', { score: visit.satisfaction })}
      </p>
      {visit.complaint && <p className="complaint">{t('review.complaint', { text: visit.complaint })}</p>}
      {feedback.map((f) => (
        <p key={f.id}>
          {f.score !== null && t('review.satisfaction', { score: f.score })} {f.comment}
          {f.complaint &&
            ` · ${t('review.complaint', { text: t(`code.complaintCategory.${f.complaint.category}`) })}`}
        </p>
      ))}
    </>
  )
}

/** Approve, or send a comment (one is needed), and the server's answer. */
function ReviewActions({ visitId }: { visitId: string }) {
  const { t } = useTranslation()
  const [comment, setComment] = useState('')
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null)
  const send = async (next: 'approved' | 'commented') => {
    if (next === 'commented' && !comment.trim()) {
      setMessage({ ok: false, text: t('review.commentRequired') })
      return
    }
    setBusy(true)
    setMessage(null)
    try {
      await callApi(httpApi.reviewVisit, {
        params: { id: visitId },
        body: { status: next, ...(comment.trim() ? { comment: comment.trim() } : {}) },
      })
      setMessage({ ok: true, text: t('review.sent') })
      setComment('')
    } catch (err) {
      setMessage({ ok: false, text: t(errorKey(err)) })
    } finally {
      setBusy(false)
    }
  }
  return (
    <div className="review-actions">
      <label>
        {t('review.comment')}
        <textarea value={comment} onChange={(e) => setComment(e.target.value)} rows={2} />
      </label>
      <div className="row-buttons">
        <button type="button" disabled={busy} onClick={() => void send('approved')}>
          {t('review.approve')}
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={() => void send('commented')}>
          {t('review.sendComment')}
        </button>
      </div>
      {message && (
        <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'ok' : 'error'}>
          {message.text}
        </p>
      )}
    </div>
  )
}

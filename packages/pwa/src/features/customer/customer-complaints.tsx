import {
  type Complaint,
  type ComplaintSeverity,
  complaintState,
  defaultComplaintCategories,
} from '@outrider/domain'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ComplaintList } from '../../shared/complaint-list.tsx'
import { complaintActions, recordComplaint } from '../../store/complaint-writes.ts'
import { useReference } from '../../store/hooks.ts'
import { useOutrider } from '../../store/outrider-context.ts'

const severities: readonly ComplaintSeverity[] = ['low', 'medium', 'high']

/**
 * The customer's complaints, unresolved first, each handled step by step on the phone (offline, merged
 * on sync), and a form to record a new one: category from the policy's list, severity, description.
 */
export function CustomerComplaints({
  customerId,
  tier,
  complaints,
}: {
  customerId: string
  tier: 'A' | 'B' | 'C'
  complaints: readonly Complaint[]
}) {
  const { t } = useTranslation()
  const { db, user } = useOutrider()
  const policy = useReference('policies')?.[0]
  const users = useReference('users') ?? []
  const categories = policy?.complaintCategories ?? defaultComplaintCategories
  const [adding, setAdding] = useState(false)
  const [category, setCategory] = useState<string>(categories[0] ?? 'other')
  const [severity, setSeverity] = useState<ComplaintSeverity>('medium')
  const [description, setDescription] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const unresolvedFirst = (c: Complaint) => (['open', 'in_progress'].includes(complaintState(c)) ? 0 : 1)
  const shown = complaints
    .filter((c) => !c.deleted)
    .sort((a, b) => unresolvedFirst(a) - unresolvedFirst(b) || b.openedAt.localeCompare(a.openedAt))

  const record = async () => {
    setProblem(null)
    try {
      await recordComplaint(db, {
        customerId,
        visitId: null,
        category,
        severity,
        description,
        userId: user.id,
        policy,
        tier,
      })
      setDescription('')
      setAdding(false)
    } catch (err) {
      setProblem(t('service.complaint.failed', { message: (err as Error).message }))
    }
  }

  return (
    <div className="customer-complaints" data-testid="customer-complaints">
      {shown.length === 0 ? (
        <p className="muted">{t('service.complaint.none')}</p>
      ) : (
        <ComplaintList complaints={shown} handlers={complaintActions(db, user.id)} people={users} />
      )}
      <button
        type="button"
        className="secondary"
        onClick={() => setAdding((a) => !a)}
        aria-expanded={adding}
        data-testid="complaint-new"
      >
        {t('service.complaint.new')}
      </button>
      {adding && (
        <form
          onSubmit={(e) => {
            e.preventDefault()
            void record()
          }}
        >
          <label>
            {t('service.complaint.category')}
            <select value={category} onChange={(e) => setCategory(e.target.value)}>
              {categories.map((c) => (
                <option key={c} value={c}>
                  {t(`code.complaintCategory.${c}`, { defaultValue: c })}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('service.complaint.severity')}
            <select value={severity} onChange={(e) => setSeverity(e.target.value as ComplaintSeverity)}>
              {severities.map((s) => (
                <option key={s} value={s}>
                  {t(`code.severity.${s}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('service.complaint.description')}
            <textarea
              rows={3}
              required
              maxLength={2000}
              value={description}
              onChange={(e) => setDescription(e.target.value)}
              data-testid="complaint-description"
            />
          </label>
          <button type="submit" data-testid="complaint-record">
            {t('service.complaint.record')}
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

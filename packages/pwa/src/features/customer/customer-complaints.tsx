import {
  type Complaint,
  type ComplaintSeverity,
  complaintState,
  defaultComplaintCategories,
} from '@outrider/domain'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ComplaintList } from '../../shared/complaint-list.tsx'
import { MobileField, MobileForm } from '../../shared/mobile-form.tsx'
import { complaintActions, recordComplaint } from '../../store/complaint-writes.ts'
import { useReference } from '../../store/hooks.ts'
import { useOutrider } from '../../store/outrider-context.ts'

const severities: readonly ComplaintSeverity[] = ['low', 'medium', 'high']
const MAX_DESCRIPTION = 2000

type NewComplaint = { category: string; severity: ComplaintSeverity; description: string }

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
  const [problem, setProblem] = useState<string | null>(null)
  const unresolvedFirst = (c: Complaint) => (['open', 'in_progress'].includes(complaintState(c)) ? 0 : 1)
  const shown = complaints
    .filter((c) => !c.deleted)
    .sort((a, b) => unresolvedFirst(a) - unresolvedFirst(b) || b.openedAt.localeCompare(a.openedAt))

  const record = async ({ category, severity, description }: NewComplaint) => {
    setProblem(null)
    try {
      await recordComplaint(db, {
        customerId,
        visitId: null,
        category,
        severity,
        description: description.trim(),
        userId: user.id,
        policy,
        tier,
      })
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
        <MobileForm<NewComplaint>
          initialValues={{ category: categories[0] ?? 'other', severity: 'medium', description: '' }}
          onFinish={record}
          footer={
            <button type="submit" data-testid="complaint-record">
              {t('service.complaint.record')}
            </button>
          }
        >
          <MobileField name="category" label={t('service.complaint.category')}>
            {() => (
              <select>
                {categories.map((c) => (
                  <option key={c} value={c}>
                    {t(`code.complaintCategory.${c}`, { defaultValue: c })}
                  </option>
                ))}
              </select>
            )}
          </MobileField>
          <MobileField name="severity" label={t('service.complaint.severity')}>
            {() => (
              <select>
                {severities.map((s) => (
                  <option key={s} value={s}>
                    {t(`code.severity.${s}`)}
                  </option>
                ))}
              </select>
            )}
          </MobileField>
          <MobileField
            name="description"
            label={t('service.complaint.description')}
            rules={[
              { required: true, whitespace: true, message: t('forms.required') },
              { max: MAX_DESCRIPTION, message: t('forms.tooLong', { max: MAX_DESCRIPTION }) },
            ]}
          >
            {(marks) => <textarea rows={3} data-testid="complaint-description" {...marks} />}
          </MobileField>
        </MobileForm>
      )}
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
    </div>
  )
}

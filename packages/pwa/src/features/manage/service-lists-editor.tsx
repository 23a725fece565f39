import {
  defaultComplaintCategories,
  defaultComplaintResponseHours,
  type ServicePolicy,
  type Tier,
} from '@outrider/domain'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Message, type MessageSlot, useSave } from './policy-save.tsx'
import { formatHolidays, parseCategories, parseHolidays } from './service-lists.ts'

const tiers: Tier[] = ['A', 'B', 'C']

/**
 * The organisation's lists the phones use: complaint categories (added and removed one at a time, so
 * stored codes never show), the complaint response time per tier (a complaint's due date), and the
 * greeting days (one `date name` a line; empty: China's public holidays of each year).
 */
export function ServiceListsEditor({
  policy,
  messageSlot,
}: {
  policy: ServicePolicy
  messageSlot?: MessageSlot
}) {
  const { t } = useTranslation()
  const [categories, setCategories] = useState<string[]>([
    ...(policy.complaintCategories ?? defaultComplaintCategories),
  ])
  const [hours, setHours] = useState<Record<Tier, string>>(() => {
    const of = (tier: Tier) =>
      String(policy.tiers[tier].complaintResponseHours ?? defaultComplaintResponseHours[tier])
    return { A: of('A'), B: of('B'), C: of('C') }
  })
  const [holidays, setHolidays] = useState(formatHolidays(policy.holidays ?? []))
  const { busy, message, save } = useSave(
    () => {
      const parsed = parseHolidays(holidays)
      if (!parsed.ok)
        return { invalid: t('manage.lists.badHoliday', { line: parsed.line, text: parsed.text }) }
      if (categories.length === 0) return { invalid: t('manage.lists.noCategory') }
      const next = structuredClone(policy)
      for (const tier of tiers) next.tiers[tier].complaintResponseHours = Number(hours[tier])
      next.complaintCategories = categories
      if (parsed.holidays.length > 0) next.holidays = parsed.holidays
      else delete next.holidays
      return next
    },
    'manage.lists.saved',
    messageSlot,
  )
  return (
    <section className="panel" aria-labelledby="lists-title" data-testid="service-lists">
      <h2 id="lists-title">{t('manage.lists.title')}</h2>
      <ComplaintCategories categories={categories} onChange={setCategories} />
      <h3>{t('manage.lists.responseHours')}</h3>
      {tiers.map((tier) => (
        <label key={tier}>
          {t('manage.lists.hoursOf', { tier })}
          <input
            type="number"
            min={1}
            max={2160}
            value={hours[tier]}
            onChange={(e) => setHours({ ...hours, [tier]: e.target.value })}
          />
        </label>
      ))}
      <h3>{t('manage.lists.holidays')}</h3>
      <label>
        {t('manage.lists.holidaysHelp')}
        <textarea rows={6} value={holidays} onChange={(e) => setHolidays(e.target.value)} />
      </label>
      <button type="button" disabled={busy} onClick={() => void save()}>
        {t('manage.lists.save')}
      </button>
      <Message message={message} />
    </section>
  )
}

/** The complaint categories, each removable, and a box to add more (several at once, one a line). */
function ComplaintCategories({
  categories,
  onChange,
}: {
  categories: string[]
  onChange: (categories: string[]) => void
}) {
  const { t } = useTranslation()
  const [adding, setAdding] = useState('')
  const label = (c: string) => t(`code.complaintCategory.${c}`, { defaultValue: c })
  const add = () => {
    const fresh = parseCategories(adding).filter((c) => !categories.includes(c))
    onChange([...categories, ...fresh])
    setAdding('')
  }
  return (
    <>
      <h3>{t('manage.lists.categories')}</h3>
      <ul className="category-list">
        {categories.map((c) => (
          <li key={c}>
            <span>{label(c)}</span>{' '}
            <button
              type="button"
              className="secondary"
              aria-label={t('manage.lists.remove', { name: label(c) })}
              onClick={() => onChange(categories.filter((x) => x !== c))}
            >
              {t('manage.lists.removeShort')}
            </button>
          </li>
        ))}
      </ul>
      <label>
        {t('manage.lists.newCategory')}
        <input value={adding} maxLength={200} onChange={(e) => setAdding(e.target.value)} />
      </label>
      <button type="button" className="secondary" disabled={adding.trim() === ''} onClick={add}>
        {t('manage.lists.add')}
      </button>
    </>
  )
}

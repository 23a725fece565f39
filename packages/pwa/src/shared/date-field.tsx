import { DatePicker } from 'antd-mobile'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { dateToDay, dayToDate, formatDay } from './calendar-day.ts'
import { MobileProvider } from './mobile-provider.tsx'

export interface DateFieldProps {
  /** The button's id, for the field's `<label htmlFor>`. */
  id?: string
  /** `YYYY-MM-DD`, or '' for no date (inside a MobileField, the form supplies value and onChange). */
  value?: string
  onChange?: (day: string) => void
  /** Earliest and latest choosable day, `YYYY-MM-DD` (a follow-up's earliest is today). */
  min?: string | undefined
  max?: string | undefined
  /** The field's name, as the picker's title. */
  title: string
  /** Offers to empty the field (for optional dates). */
  clearable?: boolean
  'aria-invalid'?: true
  'aria-describedby'?: string
  'data-testid'?: string
}

/** How far the picker reaches without a bound: a century back (birthdays), ten years ahead. */
const YEARS_BACK = 100
const YEARS_AHEAD = 10

/**
 * A date chosen on antd-mobile's wheel picker and shown in the user's language. The button is the
 * labelled control (put it inside the field's `<label>`), so it carries aria-invalid and the error's id.
 */
export function DateField({
  value = '',
  onChange = () => {},
  min,
  max,
  title,
  clearable = false,
  ...aria
}: DateFieldProps) {
  const { t, i18n } = useTranslation()
  const [open, setOpen] = useState(false)
  const zh = i18n.language.startsWith('zh')
  const now = new Date()
  const minDate = (min && dayToDate(min)) || new Date(now.getFullYear() - YEARS_BACK, 0, 1)
  const maxDate = (max && dayToDate(max)) || new Date(now.getFullYear() + YEARS_AHEAD, 11, 31)
  const month = new Intl.DateTimeFormat(i18n.language, { month: 'short' })
  return (
    <span className="picker-field">
      <button
        type="button"
        className="picker-field-value"
        data-value={value}
        onClick={() => setOpen(true)}
        {...aria}
      >
        {value ? formatDay(value, i18n.language) : t('forms.chooseDate')}
      </button>
      {clearable && value !== '' && (
        <button type="button" className="secondary" onClick={() => onChange('')}>
          {t('forms.clearDate')}
        </button>
      )}
      <MobileProvider>
        <DatePicker
          visible={open}
          title={title}
          value={dayToDate(value) ?? clamp(now, minDate, maxDate)}
          min={minDate}
          max={maxDate}
          precision="day"
          onClose={() => setOpen(false)}
          onConfirm={(d) => onChange(dateToDay(d))}
          renderLabel={(type, n) => {
            if (type === 'month') return zh ? `${n}月` : month.format(new Date(2000, n - 1, 1))
            if (type === 'year') return zh ? `${n}年` : String(n)
            if (type === 'day') return zh ? `${n}日` : String(n)
            return String(n)
          }}
        />
      </MobileProvider>
    </span>
  )
}

const clamp = (d: Date, lo: Date, hi: Date) => (d < lo ? lo : d > hi ? hi : d)

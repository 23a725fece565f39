import { Picker } from 'antd-mobile'
import type { PickerColumn } from 'antd-mobile/es/components/picker'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { formatTime } from './calendar-day.ts'
import { MobileProvider } from './mobile-provider.tsx'

const pad = (n: number) => String(n).padStart(2, '0')
const HOURS = Array.from({ length: 24 }, (_, h) => pad(h))
const MINUTES = Array.from({ length: 12 }, (_, i) => pad(i * 5))

export interface TimeFieldProps {
  /** The button's id, for the field's `<label htmlFor>`. */
  id?: string
  /** `HH:MM`. */
  value: string
  onChange: (hhmm: string) => void
  /** The field's name, as the picker's title. */
  title: string
  'aria-invalid'?: true
  'aria-describedby'?: string
}

/** A time of day chosen on antd-mobile's wheels (hours; minutes in fives, plus the one already set). */
export function TimeField({ value, onChange, title, ...aria }: TimeFieldProps) {
  const { t, i18n } = useTranslation()
  const [open, setOpen] = useState(false)
  const [hour = '09', minute = '00'] = value.split(':')
  const minutes = MINUTES.includes(minute) ? MINUTES : [...MINUTES, minute].sort()
  const columns: PickerColumn[] = [
    HOURS.map((h) => ({ label: i18n.language.startsWith('zh') ? `${h}时` : h, value: h })),
    minutes.map((m) => ({ label: i18n.language.startsWith('zh') ? `${m}分` : m, value: m })),
  ]
  return (
    <span className="picker-field">
      <button
        type="button"
        className="picker-field-value"
        data-value={value}
        onClick={() => setOpen(true)}
        {...aria}
      >
        {value ? formatTime(value, i18n.language) : t('forms.chooseTime')}
      </button>
      <MobileProvider>
        <Picker
          visible={open}
          title={title}
          columns={columns}
          value={[hour, minute]}
          onClose={() => setOpen(false)}
          onConfirm={([h, m]) => onChange(`${h ?? hour}:${m ?? minute}`)}
        />
      </MobileProvider>
    </span>
  )
}

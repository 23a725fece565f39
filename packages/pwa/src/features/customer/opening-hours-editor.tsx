import type { OpeningHours } from '@outrider/domain'
import { useTranslation } from 'react-i18next'
import { minutesToTime, timeToMinutes, weekdayNames } from '../../shared/weekday-names.ts'

/** The weekdays whose windows do not each close after they open (what the domain refuses). */
export function badDays(hours: OpeningHours): number[] {
  return hours.flatMap((day, i) => (day.some((w) => !(w.close > w.open)) ? [i] : []))
}

const MAX_WINDOWS = 6

type Windows = OpeningHours[number]

/** Opening hours per weekday, each day with any number of windows (none: closed), Monday first. */
export function OpeningHoursEditor({
  value,
  onChange,
}: {
  value: OpeningHours
  onChange: (next: OpeningHours) => void
}) {
  const { t, i18n } = useTranslation()
  const names = weekdayNames(i18n.language)
  const set = (day: number, windows: Windows) =>
    onChange(value.map((w, i) => (i === day ? windows : w)) as OpeningHours)
  return (
    <fieldset className="opening-hours" data-testid="opening-hours">
      <legend>{t('customer.master.hoursTitle')}</legend>
      {[1, 2, 3, 4, 5, 6, 0].map((day) => (
        <DayHours
          key={day}
          day={day}
          dayName={names[day] ?? ''}
          windows={value[day] ?? []}
          onChange={(windows) => set(day, windows)}
        />
      ))}
    </fieldset>
  )
}

/** One weekday's windows, each editable and removable, and a button to add one. */
function DayHours({
  day,
  dayName,
  windows,
  onChange,
}: {
  day: number
  dayName: string
  windows: Windows
  onChange: (windows: Windows) => void
}) {
  const { t } = useTranslation()
  return (
    <div className="hours-day" data-day={day}>
      <span className="day-name">{dayName}</span>
      {windows.length === 0 && <span className="muted">{t('customer.master.closed')}</span>}
      {windows.map((w, k) => {
        const edit = (field: 'open' | 'close', text: string) => {
          const m = timeToMinutes(text)
          if (Number.isFinite(m)) onChange(windows.map((x, j) => (j === k ? { ...x, [field]: m } : x)))
        }
        const label = { day: dayName, open: minutesToTime(w.open), close: minutesToTime(w.close) }
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: windows have no identity beyond their place
          <span className="window" key={k}>
            <input
              type="time"
              aria-label={t('customer.master.opens', label)}
              value={minutesToTime(w.open)}
              onChange={(e) => edit('open', e.target.value)}
            />
            –
            <input
              type="time"
              aria-label={t('customer.master.closes', label)}
              value={minutesToTime(w.close)}
              onChange={(e) => edit('close', e.target.value)}
            />
            <button
              type="button"
              className="secondary icon"
              aria-label={t('customer.master.removeWindow', label)}
              onClick={() => onChange(windows.filter((_, j) => j !== k))}
            >
              ×
            </button>
          </span>
        )
      })}
      {windows.length < MAX_WINDOWS && (
        <button
          type="button"
          className="secondary icon"
          aria-label={t('customer.master.addWindow', { day: dayName })}
          onClick={() => {
            const last = windows.at(-1)
            // A new window starts after the last one (a lunch break apart), or at nine.
            const open = last ? Math.min(last.close + 60, 22 * 60) : 9 * 60
            onChange([...windows, { open, close: Math.min(open + 4 * 60, 24 * 60 - 1) }])
          }}
        >
          +
        </button>
      )}
    </div>
  )
}

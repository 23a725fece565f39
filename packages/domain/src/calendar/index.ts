export {
  calendarDate,
  calendarDayOf,
  dayOfInstant,
  daysBetween,
  instantAt,
  startOfDay,
  todayIn,
  type WallClock,
  wallClockAt,
} from './calendar-day.ts'
export { daysFromCivil, formatDayNumber, parseDayNumber } from './civil-day.ts'
export { DEFAULT_TIME_ZONE, isTimeZone, zoneOffsetMinutes } from './time-zone.ts'

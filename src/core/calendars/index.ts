export {
  addBusinessTime,
  businessTimeBetween,
  isOpen,
  MAX_CLOSED_DAYS,
  MAX_WALK_DAYS,
  nextOpenMoment,
  openIntervals,
} from "./business-time.js";
export {
  ALWAYS_OPEN,
  type Calendar,
  type CalendarInput,
  calendarSchema,
  DEFAULT_CALENDAR,
  type Holiday,
  isIsoDate,
  isMonthDay,
  MAX_HOLIDAY_NAME,
  MAX_HOLIDAYS,
  MAX_RANGES_PER_DAY,
  type OpenRange,
  parseCalendar,
  parseClock,
  WEEKDAYS,
  type Weekday,
} from "./calendar.js";
export { type IcsImport, parseIcsHolidays } from "./ics.js";

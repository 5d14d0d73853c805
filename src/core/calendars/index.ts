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
export { BUILT_IN_CALENDAR_NAME, builtInCalendar, type CalendarChoice, calendarFor } from "./calendar-for.js";
export * from "./create-calendar.js";
export * from "./delete-calendar.js";
export { type IcsImport, parseIcsHolidays } from "./ics.js";
export * from "./import-holidays.js";
export * from "./list-calendars.js";
export * from "./set-default-calendar.js";
export {
  type CreateCalendarInput,
  createCalendarInput,
  definitionOf,
  type ImportHolidaysInput,
  importHolidaysInput,
  MAX_CALENDAR_NAME,
  STANDARD_HOURS,
  type StoredCalendar,
  type UpdateCalendarInput,
  updateCalendarInput,
} from "./stored-calendar.js";
export * from "./update-calendar.js";

export {
  type AgentReminder,
  collectReminders,
  REMINDER_SECTIONS,
  type ReminderLine,
  type ReminderSection,
  SECTION_TITLES,
} from "./collect.js";
export { REMINDER_HEADER, reminderEmail, reminderSlackMessage } from "./format.js";
export { MAX_LATE_MS, REMINDERS_WORK, remindersDueWork } from "./schedule.js";
export * from "./send-reminders.js";

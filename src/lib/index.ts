/**
 * Helpline as a library: `createHelpdesk()` opens a desk and returns typed
 * services (tickets, sla, reports, people, routing).
 */

export * from "../../common/enums.js";
export { effectivePriority, escalateLevels, levelNumber, levelOf } from "../../common/priority.js";
export { SLA_HOURS } from "../../common/sla-defaults.js";
export { ACTIONS, type Action, can } from "../core/access/index.js";
export type { AuditQueryInput, AuditRecord } from "../core/audit/index.js";
export type { ApiToken, AuthContext, Mailer, MailMessage, Me, SignedInUser } from "../core/auth/index.js";
export { checkPasswordPolicy } from "../core/auth/index.js";
export type {
  Action as AutomationAction,
  ActionResult,
  AutomationRule,
  CreateRuleInput,
  FiringOutcome,
  RuleFiring,
  RuleListItem,
  RuleTestResult,
  TimeAnchor,
  Trigger,
  UpdateRuleInput,
} from "../core/automation/index.js";
export {
  ACTION_TYPES,
  actionSchema,
  createRuleInput,
  DEFAULT_RULES,
  MAX_RULE_DEPTH,
  PLACEHOLDERS,
  RULE_EVENTS,
  reorderRulesInput,
  TIME_ANCHORS,
  testRuleInput,
  updateRuleInput,
} from "../core/automation/index.js";
export type {
  Calendar,
  CalendarInput,
  CreateCalendarInput,
  Holiday,
  ImportHolidaysResult,
  OpenRange,
  StoredCalendar,
  UpdateCalendarInput,
} from "../core/calendars/index.js";
export { createCalendarInput, importHolidaysInput, updateCalendarInput, WEEKDAYS } from "../core/calendars/index.js";
export type {
  AddMailboxInput,
  ImapCheck,
  Mailbox,
  MailboxChange,
  MailboxCheck,
  MailboxRemoval,
  MailboxTestResult,
  UpdateMailboxInput,
} from "../core/channels/index.js";
export { addMailboxInput, updateMailboxInput } from "../core/channels/index.js";
export type { Actor, Clock, DomainEvent, EventListener, EventType, Page } from "../core/kernel/index.js";
export { DomainError, fixedClock, isDomainError, systemActor } from "../core/kernel/index.js";
export type {
  CreateWebhookInput,
  DeliveryLogEntry,
  InAppNotification,
  ListDeliveriesInput,
  ListWebhookDeliveriesInput,
  LiveMessage,
  LiveNotification,
  NotificationPage,
  ReminderReport,
  ReminderSection,
  ReminderStatus,
  ReminderUserReport,
  SendRemindersInput,
  UpdateWebhookInput,
  Webhook,
  WebhookChange,
  WebhookDelivery,
  WebhookRemoval,
  WebhookTestResult,
} from "../core/notifications/index.js";
export {
  createWebhookInput,
  DELIVERY_STATUSES,
  listWebhookDeliveriesInput,
  preferencesPatch,
  REMINDER_SECTIONS,
  updateWebhookInput,
  WEBHOOK_DELIVERY_STATUSES,
} from "../core/notifications/index.js";
export type { Agent, Company, Customer, Team, Workspace, WorkspaceSettings } from "../core/people/index.js";
export {
  agentPermissions,
  availabilityInput,
  convertCustomerInput,
  createAgentInput,
  createCompanyInput,
  createCustomerInput,
  createTeamInput,
  provisionWorkspaceInput,
  teamMembersInput,
  updateAgentInput,
  updateCompanyInput,
  updateCustomerInput,
  updateTeamInput,
  workspaceSettingsPatch,
} from "../core/people/index.js";
export type { ListTicketsInput, MatchRecord, Predicate } from "../core/query/index.js";
export {
  matches,
  matchRecordOf,
  type TicketCount,
  type View,
  type ViewListItem,
  viewPermissions,
} from "../core/query/index.js";
export type { Report } from "../core/reports/index.js";
export type {
  Category,
  ClassifyOptions,
  RouteDecision,
  RoutingAnalytics,
  RoutingLabels,
  Seed004Category,
  SentimentLabel,
  StoredSentiment,
  TicketClassification,
} from "../core/routing/index.js";
export {
  CATEGORIES,
  categoriesInFamily,
  categoryFamily,
  readSentiment,
  SEED_004_CATEGORIES,
  SENTIMENTS,
} from "../core/routing/index.js";
export type { Completion, Highlight, PersonHit, SearchHit, SearchPage } from "../core/search/index.js";
export type {
  BreachedTicket,
  CreatePolicyInput,
  SlaClockView as TicketSlaClock,
  SlaPolicy,
  SlaSnapshot,
  TicketSla,
  UpdatePolicyInput,
} from "../core/sla/index.js";
export { createPolicyInput, DEFAULT_POLICY, updatePolicyInput } from "../core/sla/index.js";
export type {
  CreateTicketInput,
  CustomField,
  QueueInput,
  Ticket,
  TicketRef,
  UpdateTicketInput,
} from "../core/tickets/index.js";
export {
  allowedNextStatuses,
  assignInput,
  commentInput,
  createTicketInput,
  escalateInput,
  InvalidTransitionError,
  queueInput,
  statusInput,
  updateTicketInput,
} from "../core/tickets/index.js";
export type { TimelineEntry } from "../core/timeline/index.js";
export { openDatabase } from "../db/connection.js";
export { DataDirLockedError } from "../db/lock.js";
export { migrate, migrationStatus } from "../db/migrate.js";
export {
  type SmtpReceiver,
  type SmtpReceiverOptions,
  startSmtpReceiver,
} from "../integrations/email/smtp-receiver.js";
export { redactSmtpUrl, type SmtpTransport, smtpTransport } from "../integrations/email/smtp-transport.js";
export { type SlackWebApiOptions, slackWebApi } from "../integrations/slack/slack-web-api.js";
export { logMailer } from "./auth/log-mailer.js";
export { ephemeralSecretKey, resolveSecretKey, SECRET_KEY_FILE, SecretKeyError } from "./auth/secret-key.js";
export type { AuthService, LoginResult } from "./auth-service.js";
export {
  BENCH_PHASES,
  type BenchHttpServer,
  type BenchHttpServerFactory,
  type BenchOptions,
  type BenchPhase,
  type BenchProgress,
  type BenchResult,
  runBench,
} from "./bench/index.js";
export type { DatabaseChoice, Health, Helpdesk, HelpdeskOptions } from "./create-helpdesk.js";
export { createHelpdesk, MigrationsPendingError } from "./create-helpdesk.js";
export type { Services } from "./services.js";
export { VERSION } from "./version.js";

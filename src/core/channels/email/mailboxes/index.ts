export * from "./add-mailbox.js";
export * from "./get-mailbox.js";
export * from "./list-mailboxes.js";
export {
  type AddMailboxInput,
  addMailboxInput,
  imapSecretContext,
  type Mailbox,
  type MailboxChange,
  type MailboxImapInput,
  type MailboxImapState,
  type MailboxImapView,
  mailboxImapInput,
  type UpdateMailboxInput,
  updateMailboxInput,
} from "./mailbox-record.js";
export * from "./remove-mailbox.js";
export * from "./test-mailbox.js";
export * from "./update-mailbox.js";

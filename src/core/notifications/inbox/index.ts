export * from "./in-app-notification.js";
export * from "./list-notifications.js";
export * from "./mark-all-read.js";
export * from "./mark-read.js";
export * from "./unread-count.js";

export * from "./auth.js";
export * from "./email.js";
export * from "./engine.js";
export * from "./notifications.js";
export * from "./outbox.js";
export * from "./people.js";
export * from "./query.js";
export * from "./tickets.js";

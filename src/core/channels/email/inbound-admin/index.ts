export * from "./get-inbound.js";
export * from "./list-inbound.js";
export * from "./move-entry.js";
export * from "./read-attachment.js";
export * from "./retry-inbound.js";
export * from "./split-entry.js";
export * from "./where-is-message.js";

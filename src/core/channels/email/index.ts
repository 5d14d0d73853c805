export * from "./address.js";
export * from "./message-id.js";
export * from "./process-inbound.js";
export * from "./reply-token.js";
export * from "./store-inbound.js";
export * from "./types.js";

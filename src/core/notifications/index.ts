export * from "./preferences-schema.js";
export * from "./types.js";

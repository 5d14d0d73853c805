export * from "./append-entry.js";
export * from "./entry.js";
export * from "./list-timeline.js";

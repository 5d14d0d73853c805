export * from "./list-audit.js";
export * from "./record-audit.js";
export * from "./write-audit.js";

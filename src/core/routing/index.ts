export * from "./auto-priority.js";

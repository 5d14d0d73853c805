export * from "./assemble-report.js";
export * from "./generate-report.js";

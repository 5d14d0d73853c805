export * from "./check-sla.js";
export * from "./sla-hours.js";

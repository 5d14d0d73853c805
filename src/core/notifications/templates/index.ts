export * from "./list-templates.js";
export * from "./reset-template.js";
export * from "./schemas.js";
export * from "./set-template.js";

export * from "./custom-field.js";
export * from "./define-custom-field.js";
export * from "./delete-custom-field.js";
export * from "./list-custom-fields.js";
export * from "./update-custom-field.js";

export * from "./create-view.js";
export * from "./delete-view.js";
export * from "./get-view.js";
export * from "./list-views.js";
export * from "./run-view.js";
export * from "./update-view.js";
export * from "./view.js";

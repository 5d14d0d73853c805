export * from "./presence.js";
export * from "./publish-changes.js";
export * from "./types.js";

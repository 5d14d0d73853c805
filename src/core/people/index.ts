export * from "./agents.js";
export * from "./companies.js";
export * from "./customers.js";
export * from "./people.js";
export * from "./schemas.js";
export * from "./teams.js";
export * from "./workspace-info.js";
export * from "./workspaces.js";

export * from "./actor.js";
export * from "./clock.js";
export * from "./ctx.js";
export * from "./errors.js";
export * from "./events.js";
export * from "./ids.js";
export * from "./page.js";
export * from "./validate.js";

export * from "./blocks.js";
export * from "./deliver-slack.js";
export * from "./interactions.js";
export * from "./slack-dm.js";
export * from "./verify-signature.js";

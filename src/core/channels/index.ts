export * from "./email/index.js";
export * from "./public-intake.js";

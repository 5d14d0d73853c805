export * from "./public-intake.js";

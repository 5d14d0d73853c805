export * from "./automated.js";
export * from "./sniff.js";
export * from "./strip-quotes.js";

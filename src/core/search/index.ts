export * from "./complete-query.js";
export * from "./highlights.js";
export * from "./search-people.js";
export * from "./search-tickets.js";
export * from "./set-search-language.js";

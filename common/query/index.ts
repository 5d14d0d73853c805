/** The query language (issue 8): parse, print and complete queries; one AST for every back end. */
export type * from "./ast.js";
export { type Catalogue, hasOrder, lookupSortField, makeCatalogue } from "./catalogue.js";
export {
  type CompletionContext,
  type CompletionItem,
  type CompletionKind,
  completionContext,
} from "./complete.js";
export * from "./fields.js";
export { createIssue, didYouMean, editDistance, lineColumn, positionAt, suggest } from "./issues.js";
export { type LexResult, lex, type Token, type TokenKind } from "./lexer.js";
export { MAX_DEPTH, MAX_QUERY_LENGTH, type ParseOptions, parseQuery } from "./parser.js";
export { isBareWord, printNode, printQuery, quote } from "./print.js";
export {
  DATE_PHRASES,
  formatDate,
  formatDuration,
  parseDate,
  parseDuration,
  parseTicketNumber,
  type ValueResult,
} from "./values.js";
export { withoutSpans } from "./without-spans.js";

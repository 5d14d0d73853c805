export { DEFAULT_RULES } from "../../../common/automation-defaults.js";
export { ACTION_HANDLERS, PLACEHOLDERS, type Recipient } from "./actions/index.js";
export { type AnchorChange, anchorChanges } from "./anchors.js";
export { checkActions } from "./check-rule.js";
export { createRule } from "./create-rule.js";
export { deleteRule } from "./delete-rule.js";
export { type FiringOutcome, fireRule, recordFiring } from "./fire-rule.js";
export { type ListFiringsInput, listFirings, listFiringsInput, type RuleFiring } from "./list-firings.js";
export { getRule, type ListRulesInput, listRules, listRulesInput } from "./list-rules.js";
export { type ReorderRulesInput, reorderRules, reorderRulesInput } from "./reorder-rules.js";
export {
  type AutomationRule,
  type CreateRuleInput,
  createRuleInput,
  type RuleListItem,
  type UpdateRuleInput,
  updateRuleInput,
} from "./rule.js";
export { automationRulesListener, RULE_LISTENER } from "./rule-listener.js";
export { runActions } from "./run-actions.js";
export { type RuleTestResult, type TestRuleInput, testRule, testRuleInput } from "./test-rule.js";
export { TIME_RULES_WORK, timeRulesWork } from "./time-rules.js";
export * from "./types.js";
export { setRuleEnabled, updateRule } from "./update-rule.js";
export {
  automationWebhooksListener,
  deliverWebhook,
  WEBHOOK_LISTENER,
  WEBHOOK_TIMEOUT_MS,
} from "./webhook-listener.js";

/**
 * Save-time checks of a rule beyond its shape: the condition parses and
 * resolves, every agent and team an action names exists (and an agent
 * reference is not ambiguous), values fit their field, tags are well formed,
 * and templates use only known placeholders. Errors name the field
 * (`actions.2.to.users.0`).
 */
import { LEVELS, TICKET_STATUSES } from "../../../common/enums.js";
import type { Tx } from "../../db/connection.js";
import { type Ctx, invalid, notFound } from "../kernel/index.js";
import { resolveCompany } from "../people/index.js";
import { tagsSchema } from "../tickets/index.js";
import { agentsByRef, PLACEHOLDERS, teamByRef, unknownPlaceholders } from "./actions/index.js";
import { prepareCondition } from "./condition.js";
import type { Action } from "./types.js";

export async function checkCondition(ctx: Ctx, condition: string): Promise<void> {
  await prepareCondition(ctx, condition);
}

async function checkAgent(tx: Tx, ctx: Ctx, ref: string, field: string): Promise<void> {
  const rows = await agentsByRef(tx, ctx.workspaceId, ref);
  if (rows.length === 0) throw notFound("agent.not_found", `${field}: no agent "${ref}" in this workspace.`, field);
  if (rows.length > 1) {
    throw invalid(
      "agent.ambiguous",
      `${field}: "${ref}" names ${rows.length} agents (${rows.map((r) => r.email).join(", ")}); use an email.`,
      field,
    );
  }
  if (!rows[0]?.active) throw invalid("agent.inactive", `${field}: agent "${ref}" is deactivated.`, field);
}

async function checkTeam(tx: Tx, ctx: Ctx, ref: string, field: string): Promise<void> {
  if (!(await teamByRef(tx, ctx.workspaceId, ref))) {
    throw notFound("team.not_found", `${field}: no team "${ref}" in this workspace.`, field);
  }
}

function checkTemplate(text: string, field: string): void {
  const unknown = unknownPlaceholders(text);
  if (unknown.length > 0) {
    throw invalid(
      "automation.unknown_placeholder",
      `${field}: unknown placeholder {{${unknown[0]}}}; known: ${PLACEHOLDERS.map((p) => `{{${p}}}`).join(", ")}.`,
      field,
      { unknown },
    );
  }
}

const none = (v: string) => v.trim().toLowerCase() === "none";

async function checkAction(tx: Tx, ctx: Ctx, a: Action, at: string): Promise<void> {
  switch (a.type) {
    case "set_field": {
      const field = `${at}.value`;
      const v = a.value.trim();
      if (a.field === "status" && !(TICKET_STATUSES as readonly string[]).includes(v)) {
        throw invalid(
          "automation.bad_value",
          `${field}: "${v}" is not a status (${TICKET_STATUSES.join(", ")}).`,
          field,
        );
      }
      if (
        (a.field === "urgency" || a.field === "importance") &&
        !(LEVELS as readonly string[]).includes(v.toLowerCase())
      ) {
        throw invalid("automation.bad_value", `${field}: "${v}" is not a level (${LEVELS.join(", ")}).`, field);
      }
      if (a.field === "team" && !none(v)) await checkTeam(tx, ctx, v, field);
      if (a.field === "company" && !none(v)) await resolveCompany(tx, ctx, v, field);
      return;
    }
    case "assign":
      if (a.to !== undefined) await checkAgent(tx, ctx, a.to, `${at}.to`);
      if (a.team !== undefined) await checkTeam(tx, ctx, a.team, `${at}.team`);
      return;
    case "add_tag":
    case "remove_tag": {
      const parsed = tagsSchema.safeParse(a.tags);
      if (!parsed.success) {
        const i = parsed.error.issues[0]?.path[0] ?? 0;
        throw invalid(
          "automation.bad_tag",
          `${at}.tags.${String(i)}: ${parsed.error.issues[0]?.message}`,
          `${at}.tags.${String(i)}`,
        );
      }
      return;
    }
    case "add_note":
      return checkTemplate(a.body, `${at}.body`);
    case "notify": {
      for (const [i, ref] of (a.to.users ?? []).entries()) await checkAgent(tx, ctx, ref, `${at}.to.users.${i}`);
      for (const [i, ref] of (a.to.teams ?? []).entries()) await checkTeam(tx, ctx, ref, `${at}.to.teams.${i}`);
      return checkTemplate(a.message, `${at}.message`);
    }
    case "email_requester":
      checkTemplate(a.subject, `${at}.subject`);
      return checkTemplate(a.body, `${at}.body`);
    default:
      return;
  }
}

/** `field` prefixes the error's field (`escalations.1.actions` for an SLA escalation level). */
export async function checkActions(tx: Tx, ctx: Ctx, actions: readonly Action[], field = "actions"): Promise<void> {
  for (const [i, a] of actions.entries()) await checkAction(tx, ctx, a, `${field}.${i}`);
}

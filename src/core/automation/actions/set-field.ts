import { TICKET_STATUSES, type TicketStatus } from "../../../../common/enums.js";
import { invalid } from "../../kernel/index.js";
import { resolveCompany, resolveTeam } from "../../people/index.js";
import { type UpdateTicketInput, updateTicket } from "../../tickets/index.js";
import type { Action, ActionHandler } from "../types.js";
import { changed, unchanged } from "./helpers.js";
import { moveStatus } from "./status.js";

type SetField = Extract<Action, { type: "set_field" }>;

/** `none` clears the optional fields (category, team, company). */
export const CLEARABLE_FIELDS = ["category", "team", "company"] as const;
const isNone = (v: string) => v.trim().toLowerCase() === "none";

/** Sets one ticket field through the ticket commands (status through the status machine). */
export const setFieldAction: ActionHandler<SetField> = {
  type: "set_field",
  async run(action, ac) {
    const t = ac.ticket;
    const value = action.value.trim();
    const apply = async (patch: UpdateTicketInput, summary: string) => {
      await updateTicket(ac.ctx, t.id, patch);
      return changed(summary);
    };
    switch (action.field) {
      case "status": {
        if (!(TICKET_STATUSES as readonly string[]).includes(value)) {
          throw invalid("automation.bad_value", `set_field status: "${value}" is not a status.`, "value");
        }
        return moveStatus(ac, value as TicketStatus);
      }
      case "urgency":
      case "importance": {
        const level = value.toLowerCase() as NonNullable<UpdateTicketInput["urgency"]>;
        if (t[action.field] === level) return unchanged(`${action.field} is already ${level}`);
        return apply({ [action.field]: level }, `set ${action.field} to ${level}`);
      }
      case "category": {
        const category = isNone(value) ? null : value;
        if ((t.category ?? null) === category) return unchanged(`category is already ${category ?? "none"}`);
        return apply({ category }, category === null ? "cleared category" : `set category to ${category}`);
      }
      case "type": {
        if (t.type === value) return unchanged(`type is already ${value}`);
        return apply({ type: value }, `set type to ${value}`);
      }
      case "team": {
        const team = isNone(value) ? null : await resolveTeam(ac.tx, ac.ctx, value, "value");
        if (t.teamId === (team?.id ?? null)) return unchanged(`team is already ${team?.name ?? "none"}`);
        return apply({ team: team?.id ?? null }, team ? `set team to ${team.name}` : "cleared team");
      }
      case "company": {
        const company = isNone(value) ? null : await resolveCompany(ac.tx, ac.ctx, value, "value");
        if (t.companyId === (company?.id ?? null)) return unchanged(`company is already ${company?.name ?? "none"}`);
        return apply({ company: company?.id ?? null }, company ? `set company to ${company.name}` : "cleared company");
      }
    }
  },
};

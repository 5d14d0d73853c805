import { describe, expect, it } from "vitest";
import type { Actor } from "../kernel/index.js";
import { agentPermissions, mayGrant } from "./rules.js";

const agent: Actor = { type: "agent", id: "a", role: "agent" };
const manager: Actor = { type: "agent", id: "m", role: "manager" };
const admin: Actor = { type: "agent", id: "s", role: "superadmin" };
const customer: Actor = { type: "customer", id: "c", role: "customer", companyId: null };
const system: Actor = { type: "system", name: "cli" };

describe("mayGrant", () => {
  it("lets managers grant agent and manager, superadmins and the system every role", () => {
    expect(mayGrant(manager, "agent")).toBe(true);
    expect(mayGrant(manager, "manager")).toBe(true);
    expect(mayGrant(manager, "superadmin")).toBe(false);
    expect(mayGrant(admin, "superadmin")).toBe(true);
    expect(mayGrant(system, "superadmin")).toBe(true);
  });

  it("lets agents and customers grant nothing", () => {
    for (const role of ["agent", "manager", "superadmin"] as const) {
      expect(mayGrant(agent, role), role).toBe(false);
      expect(mayGrant(customer, role), role).toBe(false);
    }
  });
});

describe("agentPermissions", () => {
  it("lets a manager edit agents and managers but not superadmins", () => {
    expect(agentPermissions(manager, { id: "x", role: "agent" })).toEqual({
      update: true,
      changeRole: true,
      deactivate: true,
    });
    expect(agentPermissions(manager, { id: "y", role: "manager" }).update).toBe(true);
    expect(agentPermissions(manager, { id: "z", role: "superadmin" })).toEqual({
      update: false,
      changeRole: false,
      deactivate: false,
    });
  });

  it("never lets anyone change their own role or deactivate themself", () => {
    expect(agentPermissions(admin, { id: "s", role: "superadmin" })).toEqual({
      update: true,
      changeRole: false,
      deactivate: false,
    });
    expect(agentPermissions(manager, { id: "m", role: "manager" }).changeRole).toBe(false);
  });

  it("gives agents and customers nothing", () => {
    expect(agentPermissions(agent, { id: "x", role: "agent" }).update).toBe(false);
    expect(agentPermissions(customer, { id: "x", role: "agent" }).update).toBe(false);
  });
});

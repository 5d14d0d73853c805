import { describe, expect, it } from "vitest";
import type { Actor } from "../kernel/index.js";
import {
  DEFAULT_WORKSPACE_SETTINGS,
  parseWorkspaceSettings,
  settingsVisibleTo,
  workspaceSettingsPatch,
} from "./workspace-settings.js";

describe("parseWorkspaceSettings", () => {
  it("fills in defaults for an empty or missing value", () => {
    expect(parseWorkspaceSettings({})).toEqual({
      publicIntake: true,
      timeZone: "UTC",
      emailFromName: "",
      emailFromAddress: null,
      notifyCustomers: true,
      remindersEnabled: true,
      remindersCron: "0 9 * * 1-5",
      pendingProductionStatus: null,
      pendingProductionType: "production",
      boardWipLimits: {},
    });
    expect(parseWorkspaceSettings(null)).toEqual(DEFAULT_WORKSPACE_SETTINGS);
    expect(parseWorkspaceSettings([1, 2])).toEqual(DEFAULT_WORKSPACE_SETTINGS);
  });

  it("keeps stored values and drops unknown keys", () => {
    expect(parseWorkspaceSettings({ publicIntake: false, retired: 1 })).toEqual({
      ...DEFAULT_WORKSPACE_SETTINGS,
      publicIntake: false,
    });
    expect(parseWorkspaceSettings({ timeZone: "Europe/Berlin" }).timeZone).toBe("Europe/Berlin");
  });

  it("falls back to the default for a stored value of the wrong type", () => {
    expect(parseWorkspaceSettings({ publicIntake: "no" })).toEqual(DEFAULT_WORKSPACE_SETTINGS);
  });
});

describe("workspaceSettingsPatch", () => {
  it("accepts some settings and refuses unknown ones", () => {
    expect(workspaceSettingsPatch.parse({})).toEqual({});
    expect(workspaceSettingsPatch.parse({ publicIntake: false })).toEqual({ publicIntake: false });
    expect(workspaceSettingsPatch.safeParse({ colour: "red" }).success).toBe(false);
    expect(workspaceSettingsPatch.safeParse({ timeZone: "Europe/Berlim" }).success).toBe(false);
    expect(workspaceSettingsPatch.safeParse({ publicIntake: "false" }).success).toBe(false);
    expect(workspaceSettingsPatch.safeParse({ remindersCron: "30 8 * * mon-fri" }).success).toBe(true);
    expect(workspaceSettingsPatch.safeParse({ remindersCron: "0 9 * * 8" }).error?.issues[0]?.message).toMatch(
      /^day-of-week: 8 is out of range/,
    );
    expect(workspaceSettingsPatch.safeParse({ pendingProductionStatus: "printing" }).success).toBe(false);
  });

  it("takes board WIP limits per status: positive whole numbers, known statuses, any subset", () => {
    expect(workspaceSettingsPatch.parse({ boardWipLimits: { in_progress: 5, review: 2 } })).toEqual({
      boardWipLimits: { in_progress: 5, review: 2 },
    });
    expect(workspaceSettingsPatch.parse({ boardWipLimits: {} })).toEqual({ boardWipLimits: {} });
    expect(workspaceSettingsPatch.safeParse({ boardWipLimits: { in_progress: 0 } }).success).toBe(false);
    expect(workspaceSettingsPatch.safeParse({ boardWipLimits: { in_progress: 2.5 } }).success).toBe(false);
    expect(workspaceSettingsPatch.safeParse({ boardWipLimits: { doing: 3 } }).success).toBe(false);
    expect(workspaceSettingsPatch.safeParse({ boardWipLimits: [3] }).success).toBe(false);
    // A stored value that no longer fits falls back to no limits rather than breaking the board.
    expect(parseWorkspaceSettings({ boardWipLimits: { in_progress: -1 } }).boardWipLimits).toEqual({});
  });
});

describe("settingsVisibleTo", () => {
  const settings = { ...DEFAULT_WORKSPACE_SETTINGS, publicIntake: false, timeZone: "Europe/Berlin" };
  it("shows staff every setting and customers the public ones", () => {
    const agent: Actor = { type: "agent", id: "a", role: "agent" };
    const customer: Actor = { type: "customer", id: "c", role: "customer", companyId: null };
    expect(settingsVisibleTo(agent, settings)).toEqual(settings);
    expect(settingsVisibleTo(customer, settings)).toEqual({ publicIntake: false });
  });
});

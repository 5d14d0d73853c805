import { describe, expect, it } from "vitest";
import { assembleReport, type ReportFacts } from "./assemble-report.js";

const now = new Date("2024-03-10T12:00:00.000Z");

const empty: ReportFacts = {
  openedByPriority: [],
  resolvedByPriority: [],
  transitions: { total: 0, breached: 0 },
  openByAssignee: [],
};

const facts = (over: Partial<ReportFacts>): ReportFacts => ({ ...empty, ...over });

describe("assembleReport", () => {
  it("returns exactly seed 002's generate_report keys", () => {
    const report = assembleReport(7, now, empty);
    expect(Object.keys(report).sort()).toEqual(
      [
        "report_days",
        "generated_at",
        "total_opened",
        "total_resolved",
        "avg_resolution_hours",
        "sla_breach_rate_pct",
        "by_priority",
        "open_by_assignee",
        "currently_open",
      ].sort(),
    );
  });

  it("echoes the period and stamps the generation time in ISO 8601 UTC", () => {
    const report = assembleReport(30, now, empty);
    expect(report.report_days).toBe(30);
    expect(report.generated_at).toBe("2024-03-10T12:00:00.000Z");
  });

  it("lists all four priorities with zero counts when there is no data", () => {
    const report = assembleReport(7, now, empty);
    expect(report.by_priority).toEqual({
      critical: { opened: 0, resolved: 0 },
      high: { opened: 0, resolved: 0 },
      medium: { opened: 0, resolved: 0 },
      low: { opened: 0, resolved: 0 },
    });
    expect(report.total_opened).toBe(0);
    expect(report.total_resolved).toBe(0);
    expect(report.open_by_assignee).toEqual({});
    expect(report.currently_open).toBe(0);
  });

  it("keeps all four priorities present when only some have data", () => {
    const report = assembleReport(7, now, facts({ openedByPriority: [{ priority: 2, n: 3 }] }));
    expect(Object.keys(report.by_priority).sort()).toEqual(["critical", "high", "low", "medium"]);
    expect(report.by_priority.high).toEqual({ opened: 3, resolved: 0 });
    expect(report.by_priority.critical).toEqual({ opened: 0, resolved: 0 });
  });

  it("maps priority numbers to labels and sums the totals", () => {
    const report = assembleReport(
      7,
      now,
      facts({
        openedByPriority: [
          { priority: 1, n: 5 },
          { priority: 2, n: 7 },
          { priority: 3, n: 11 },
          { priority: 4, n: 2 },
        ],
        resolvedByPriority: [
          { priority: 1, n: 4, resolutionSeconds: 4 * 3600 },
          { priority: 4, n: 1, resolutionSeconds: 3600 },
        ],
      }),
    );
    expect(report.by_priority).toEqual({
      critical: { opened: 5, resolved: 4 },
      high: { opened: 7, resolved: 0 },
      medium: { opened: 11, resolved: 0 },
      low: { opened: 2, resolved: 1 },
    });
    expect(report.total_opened).toBe(25);
    expect(report.total_resolved).toBe(5);
    const sum = (k: "opened" | "resolved") => Object.values(report.by_priority).reduce((a, b) => a + b[k], 0);
    expect(sum("opened")).toBe(report.total_opened);
    expect(sum("resolved")).toBe(report.total_resolved);
  });

  it("adds up repeated rows for the same priority", () => {
    const report = assembleReport(
      7,
      now,
      facts({
        openedByPriority: [
          { priority: 3, n: 2 },
          { priority: 3, n: 4 },
        ],
      }),
    );
    expect(report.by_priority.medium.opened).toBe(6);
    expect(report.total_opened).toBe(6);
  });

  it("averages resolution time as total seconds / resolved count / 3600, rounded to 2 decimals", () => {
    const report = assembleReport(
      7,
      now,
      facts({
        resolvedByPriority: [
          { priority: 1, n: 2, resolutionSeconds: 10_000 },
          { priority: 3, n: 1, resolutionSeconds: 5_000 },
        ],
      }),
    );
    // 15000 s / 3 / 3600 = 1.3888… h
    expect(report.avg_resolution_hours).toBe(1.39);
  });

  it("reports a whole-hour average exactly", () => {
    const report = assembleReport(
      7,
      now,
      facts({ resolvedByPriority: [{ priority: 2, n: 4, resolutionSeconds: 4 * 6 * 3600 }] }),
    );
    expect(report.avg_resolution_hours).toBe(6);
  });

  it("reports avg_resolution_hours as null when nothing was resolved", () => {
    expect(assembleReport(7, now, empty).avg_resolution_hours).toBeNull();
    expect(
      assembleReport(7, now, facts({ openedByPriority: [{ priority: 1, n: 3 }] })).avg_resolution_hours,
    ).toBeNull();
  });

  it("gives the SLA breach rate as a percentage of transitions rounded to 2 decimals", () => {
    expect(assembleReport(7, now, facts({ transitions: { total: 3, breached: 1 } })).sla_breach_rate_pct).toBe(33.33);
    expect(assembleReport(7, now, facts({ transitions: { total: 3, breached: 2 } })).sla_breach_rate_pct).toBe(66.67);
    expect(assembleReport(7, now, facts({ transitions: { total: 125, breached: 4 } })).sla_breach_rate_pct).toBe(3.2);
    expect(assembleReport(7, now, facts({ transitions: { total: 8, breached: 8 } })).sla_breach_rate_pct).toBe(100);
    expect(assembleReport(7, now, facts({ transitions: { total: 8, breached: 0 } })).sla_breach_rate_pct).toBe(0);
  });

  it("gives an SLA breach rate of 0 when there were no transitions", () => {
    expect(assembleReport(7, now, empty).sla_breach_rate_pct).toBe(0);
  });

  it("counts open tickets per assignee, with null assignees under 'unassigned'", () => {
    const report = assembleReport(
      7,
      now,
      facts({
        openByAssignee: [
          { assignee: "agent2@example.com", n: 2 },
          { assignee: null, n: 1 },
          { assignee: "agent1@example.com", n: 4 },
        ],
      }),
    );
    expect(report.open_by_assignee).toEqual({
      "agent1@example.com": 4,
      "agent2@example.com": 2,
      unassigned: 1,
    });
  });

  it("orders open_by_assignee from the heaviest load down", () => {
    const report = assembleReport(
      7,
      now,
      facts({
        openByAssignee: [
          { assignee: "light", n: 1 },
          { assignee: "heavy", n: 9 },
          { assignee: null, n: 3 },
        ],
      }),
    );
    expect(Object.keys(report.open_by_assignee)).toEqual(["heavy", "unassigned", "light"]);
  });

  it("makes currently_open the sum of open tickets over all assignees", () => {
    const report = assembleReport(
      7,
      now,
      facts({
        openByAssignee: [
          { assignee: "a", n: 4 },
          { assignee: "b", n: 2 },
          { assignee: null, n: 1 },
        ],
      }),
    );
    expect(report.currently_open).toBe(7);
    expect(Object.values(report.open_by_assignee).reduce((a, b) => a + b, 0)).toBe(report.currently_open);
  });

  it("does not modify the facts it is given", () => {
    const input = facts({
      openByAssignee: [
        { assignee: "a", n: 1 },
        { assignee: "b", n: 5 },
      ],
    });
    const copy = structuredClone(input);
    assembleReport(7, now, input);
    expect(input).toEqual(copy);
  });
});

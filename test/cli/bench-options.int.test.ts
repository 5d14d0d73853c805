import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

describe("helpline bench options", () => {
  it("refuses an unknown --only phase before loading anything, naming it and the phases there are", async () => {
    const res = await runCli(["bench", "--tickets", "100", "--only", "queue,engnie"]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('unknown phase "engnie"');
    expect(res.stderr).toContain("queue, breached, report, query, health, engine, email, notify, create");
  });
});

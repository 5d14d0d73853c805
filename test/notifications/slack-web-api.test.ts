import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { notifyOptions } from "../../src/cli/notify-options.js";
import { loadConfig } from "../../src/config/index.js";
import { SlackApiError } from "../../src/core/notifications/index.js";
import { slackWebApi } from "../../src/integrations/slack/slack-web-api.js";
import { dmChannelOf, type SlackTestServer, startSlackServer } from "./slack-server.js";

describe("slackWebApi against the local Slack server", () => {
  let server: SlackTestServer;
  const logs: string[] = [];
  beforeAll(async () => {
    server = await startSlackServer({ users: [{ email: "alice@example.com", id: "UALICE" }] });
  });
  afterAll(() => server.close());
  const port = () => slackWebApi({ token: "xoxb-test", apiUrl: server.url, log: (m) => logs.push(m) });

  it("looks a user up by email, sending the bot token", async () => {
    expect(await port().lookupByEmail("Alice@Example.com")).toBe("UALICE");
    const call = server.callsTo("users.lookupByEmail").at(-1);
    expect(call?.params.email).toBe("Alice@Example.com");
    expect(call?.auth).toBe("Bearer xoxb-test");
  });

  it("answers null for users_not_found, and only for it", async () => {
    expect(await port().lookupByEmail("nobody@example.com")).toBeNull();
    server.failNext("users.lookupByEmail", "internal_error");
    const err = await port()
      .lookupByEmail("alice@example.com")
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SlackApiError);
    expect((err as SlackApiError).code).toBe("internal_error");
    expect((err as Error).message).toContain("internal_error");
  });

  it("throws Slack's code for a bad token", async () => {
    const bad = slackWebApi({ token: "not-a-token", apiUrl: server.url });
    await expect(bad.lookupByEmail("alice@example.com")).rejects.toThrow(/invalid_auth/);
  });

  it("opens the DM and posts blocks with a text fallback", async () => {
    const slack = port();
    const channel = await slack.openDm("UALICE");
    expect(channel).toBe(dmChannelOf("UALICE"));
    const { ts } = await slack.postMessage(channel, {
      text: "fallback",
      blocks: [{ type: "section", text: { type: "mrkdwn", text: "hello" } }],
    });
    expect(ts).toMatch(/^\d+\.\d+$/);
    const post = server.callsTo("chat.postMessage").at(-1);
    expect(post?.params.channel).toBe(channel);
    expect(post?.params.text).toBe("fallback");
    expect(post?.params.blocks).toEqual([{ type: "section", text: { type: "mrkdwn", text: "hello" } }]);
  });

  it("waits out a 429 with Retry-After and posts once", async () => {
    const slack = port();
    const channel = await slack.openDm("UALICE");
    const before = server.calls.filter((c) => c.method === "chat.postMessage").length;
    server.rateLimitNext("chat.postMessage", 1);
    await slack.postMessage(channel, { text: "after the limit", blocks: [] });
    const posts = server.calls.filter((c) => c.method === "chat.postMessage").slice(before);
    expect(posts.map((c) => c.rateLimited)).toEqual([true, false]);
    expect(logs.some((l) => l.includes("rate limit"))).toBe(true);
  });

  it("reads a user's email with users.info", async () => {
    expect(await port().userEmail?.("UALICE")).toBe("alice@example.com");
    expect(await port().userEmail?.("UNOBODY")).toBeNull();
  });
});

describe("Slack from configuration", () => {
  const env = {};

  it("SLACK_BOT_TOKEN set: a Slack port on SLACK_API_URL, and no warning", async () => {
    const server = await startSlackServer({ users: [{ email: "alice@example.com", id: "UALICE" }] });
    const write = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      const config = loadConfig({ SLACK_BOT_TOKEN: "xoxb-config", SLACK_API_URL: server.url }, env);
      const opts = notifyOptions(config, { warnWhenOff: true });
      expect(write).not.toHaveBeenCalled();
      expect(await opts.slack?.lookupByEmail("alice@example.com")).toBe("UALICE");
      expect(server.calls.at(-1)?.auth).toBe("Bearer xoxb-config");
    } finally {
      write.mockRestore();
      await server.close();
    }
  });

  it("no SLACK_BOT_TOKEN: no port; the server (warnWhenOff) says once that Slack is off", () => {
    const write = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      const config = loadConfig({}, env);
      expect(notifyOptions(config).slack).toBeUndefined();
      expect(write).not.toHaveBeenCalled();
      expect(notifyOptions(config, { warnWhenOff: true }).slack).toBeUndefined();
      expect(write).toHaveBeenCalledTimes(1);
      expect(String(write.mock.calls[0]?.[0])).toContain("Slack is off: set SLACK_BOT_TOKEN to send Slack DMs");
    } finally {
      write.mockRestore();
    }
  });
});

/**
 * /api/v1/email/mailboxes over HTTP: managers add, read, change, test and
 * remove mailboxes; no answer carries the IMAP password; the HTTP secret is
 * answered once; 400 names the field; agents and customers get 403, another
 * workspace 404.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Api, call, openApi } from "../api/api-client.js";
import { engineUnderTest } from "../harness.js";
import { agentUser, customerUser, type TestUser } from "../http/as-user.js";
import { freePort } from "./dovecot.js";

const PASSWORD = "correct horse battery";

let api: Api;
let manager: TestUser;
let admin: TestUser;
let agent: TestUser;
let customer: TestUser;
let foreign: TestUser;

beforeAll(async () => {
  api = await openApi();
  manager = await agentUser(api.desk, "manager");
  admin = await agentUser(api.desk, "superadmin");
  agent = await agentUser(api.desk, "agent");
  customer = await customerUser(api.desk);
  foreign = await agentUser(await api.desk.inWorkspace("elsewhere"), "superadmin");
});

afterAll(async () => {
  await api?.close();
});

describe(`/api/v1/email/mailboxes (${engineUnderTest})`, () => {
  let id: string;
  let secret: string;
  let port: number;

  it("adds a mailbox, answering the HTTP secret once and the password never", async () => {
    port = await freePort();
    const res = await call(api.app, manager, "POST", "/api/v1/email/mailboxes", {
      address: "Help@Desk.Example",
      displayName: "Help desk",
      imap: {
        host: "127.0.0.1",
        port,
        tls: false,
        user: "help",
        password: PASSWORD,
        afterProcess: "move",
        moveTo: "Done",
      },
      httpSecret: true,
    });
    expect(res.status).toBe(201);
    expect(res.body.mailbox).toMatchObject({
      address: "help@desk.example",
      displayName: "Help desk",
      enabled: true,
      httpInbound: true,
      team: null,
      imap: {
        host: "127.0.0.1",
        port,
        tls: false,
        user: "help",
        afterProcess: "move",
        moveTo: "Done",
        passwordSet: true,
      },
      imapState: { lastUid: 0, uidValidity: null, lastError: null },
    });
    expect(Date.parse(res.body.mailbox.imapState.nextPollAt)).not.toBeNaN();
    expect(res.body.httpSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(res.body)).not.toContain(PASSWORD);
    id = res.body.mailbox.id;
    secret = res.body.httpSecret;
  });

  it("lists and reads it (by id or address) without the password or the secret", async () => {
    const list = await call(api.app, admin, "GET", "/api/v1/email/mailboxes");
    expect(list.status).toBe(200);
    expect(list.body.items.map((m: { address: string }) => m.address)).toEqual(["help@desk.example"]);
    const byAddress = await call(api.app, manager, "GET", "/api/v1/email/mailboxes/HELP%40desk.example");
    expect([byAddress.status, byAddress.body.id]).toEqual([200, id]);
    for (const body of [list.body, byAddress.body]) {
      expect(JSON.stringify(body)).not.toContain(PASSWORD);
      expect(JSON.stringify(body)).not.toContain(secret);
    }
  });

  it("answers 400 naming the field, and 409 for an address already taken", async () => {
    const cases: [unknown, string][] = [
      [{ address: "nope" }, "address"],
      [
        { address: "a@desk.example", imap: { host: "h", user: "u", password: "p", afterProcess: "move" } },
        "imap.moveTo",
      ],
      [{ address: "a@desk.example", imap: { host: "h", user: "u", password: "p", port: 0 } }, "imap.port"],
      [{ address: "a@desk.example", colour: "blue" }, "colour"],
    ];
    for (const [body, field] of cases) {
      const res = await call(api.app, manager, "POST", "/api/v1/email/mailboxes", body);
      expect([res.status, res.body.error.field], JSON.stringify(body)).toEqual([400, field]);
    }
    const dup = await call(api.app, foreign, "POST", "/api/v1/email/mailboxes", { address: "help@desk.example" });
    expect([dup.status, dup.body.error.code]).toEqual([409, "mailbox.exists"]);
    expect(dup.body.error.message).toContain("help@desk.example");
  });

  it("changes it: the password kept unless given, a new secret on rotation", async () => {
    const res = await call(api.app, manager, "PATCH", `/api/v1/email/mailboxes/${id}`, {
      displayName: "Helpers",
      imap: { folder: "Support" },
      rotateSecret: true,
    });
    expect(res.status).toBe(200);
    expect(res.body.mailbox).toMatchObject({ displayName: "Helpers", imap: { folder: "Support", passwordSet: true } });
    expect(res.body.httpSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(res.body.httpSecret).not.toBe(secret);
    const bad = await call(api.app, manager, "PATCH", `/api/v1/email/mailboxes/${id}`, {
      imap: { host: "other.example" },
    });
    expect([bad.status, bad.body.error.field]).toEqual([400, "imap.password"]);
  });

  it("tests the connection: a closed port is 200 with ok false and the refusal", async () => {
    const res = await call(api.app, manager, "POST", `/api/v1/email/mailboxes/${id}/test`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      address: "help@desk.example",
      ok: false,
      imap: { status: "failed", server: `127.0.0.1:${port}`, greeting: null },
      outbound: { status: "off" },
    });
    expect(res.body.imap.message).toMatch(/refused/i);
  });

  it("refuses agents and customers (403), the anonymous (401), and hides it from other workspaces (404)", async () => {
    for (const user of [agent, customer]) {
      expect((await call(api.app, user, "GET", "/api/v1/email/mailboxes")).status).toBe(403);
      expect((await call(api.app, user, "POST", "/api/v1/email/mailboxes", { address: "x@desk.example" })).status).toBe(
        403,
      );
      expect((await call(api.app, user, "POST", `/api/v1/email/mailboxes/${id}/test`)).status).toBe(403);
      expect((await call(api.app, user, "DELETE", `/api/v1/email/mailboxes/${id}`)).status).toBe(403);
    }
    expect((await call(api.app, null, "GET", "/api/v1/email/mailboxes")).status).toBe(401);
    const list = await call(api.app, foreign, "GET", "/api/v1/email/mailboxes");
    expect([list.status, list.body.items]).toEqual([200, []]);
    for (const [method, url] of [
      ["GET", `/api/v1/email/mailboxes/${id}`],
      ["GET", "/api/v1/email/mailboxes/help@desk.example"],
      ["PATCH", `/api/v1/email/mailboxes/${id}`],
      ["POST", `/api/v1/email/mailboxes/${id}/test`],
      ["DELETE", `/api/v1/email/mailboxes/${id}`],
    ] as const) {
      const res = await call(api.app, foreign, method, url, method === "PATCH" ? { displayName: "Mine" } : undefined);
      expect([res.status, res.body.error.code], `${method} ${url}`).toEqual([404, "mailbox.not_found"]);
    }
  });

  it("removes it: deleted when no stored mail refers to it", async () => {
    const res = await call(api.app, manager, "DELETE", `/api/v1/email/mailboxes/${id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ outcome: "deleted", mailbox: { id, address: "help@desk.example" } });
    expect((await call(api.app, manager, "GET", `/api/v1/email/mailboxes/${id}`)).status).toBe(404);
  });
});

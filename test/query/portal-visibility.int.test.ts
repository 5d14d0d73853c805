/**
 * Who sees what through the query language: customers (individual and
 * company users) only ever get their own — or their company's — tickets,
 * whatever they search for; internal notes are searchable for agents only;
 * internal fields are refused in the portal without revealing internal names;
 * agents limited to their teams only see those teams' tickets.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Actor, DomainError, fixedClock, type Helpdesk, type Ticket } from "../../src/lib/index.js";
import { engineUnderTest, isolatedWorkspace, openTestDesk, type TestDesk } from "../harness.js";

const clock = fixedClock(new Date("2026-03-11T14:30:00.000Z"));
let testDesk: TestDesk;
let ws: Helpdesk;
let actors: Record<"ana" | "tom" | "dora" | "eli" | "gus" | "ivy", Actor>;
let t: Record<"doraJam" | "eliInvoice" | "gusPrinter" | "ivyPrinter" | "internal" | "tomOwn", Ticket>;

beforeAll(async () => {
  testDesk = await openTestDesk({ clock });
  ws = await isolatedWorkspace(testDesk.desk);
  const ana = await ws.people.createAgent({ email: "ana@helpline.test", name: "Ana Lima" });
  const tom = await ws.people.createAgent({ email: "tom@helpline.test", name: "Tom Teams", teamsOnly: true });
  await ws.people.createTeam({ name: "Alpha", members: [tom.id] });
  await ws.people.createTeam({ name: "Beta", members: [ana.id] });
  const acme = await ws.people.createCompany({ name: "Acme Corp", domain: "acme.test" });
  await ws.people.createCompany({ name: "Initech", domain: "initech.test", sharesTickets: false });
  const c = async (email: string, name: string) => ws.people.createCustomer({ email, name });
  const dora = await c("dora@acme.test", "Dora Acme");
  const eli = await c("eli@acme.test", "Eli Acme");
  const gus = await c("gus@home.test", "Gus Home");
  const ivy = await c("ivy@initech.test", "Ivy Initech");
  actors = {
    ana: { type: "agent", id: ana.id, role: "agent" },
    tom: { type: "agent", id: tom.id, role: "agent" },
    dora: { type: "customer", id: dora.id, role: "company_user", companyId: acme.id },
    eli: { type: "customer", id: eli.id, role: "company_user", companyId: acme.id },
    gus: { type: "customer", id: gus.id, role: "customer", companyId: null },
    // Initech does not share tickets: its users carry no company.
    ivy: { type: "customer", id: ivy.id, role: "company_user", companyId: null },
  };
  const mk = (subject: string, description: string, extra: Record<string, unknown> = {}) =>
    ws.tickets.create({ subject, description, category: "hardware", tags: ["vip"], ...extra });
  t = {
    doraJam: await mk("Printer jam", "paper stuck in the printer", { requester: "dora@acme.test", team: "Alpha" }),
    eliInvoice: await mk("Invoice copy", "need the invoice", { requester: "eli@acme.test", team: "Beta" }),
    gusPrinter: await mk("Printer offline", "my printer is offline", { requester: "gus@home.test" }),
    ivyPrinter: await mk("Printer noise", "the printer squeaks", { requester: "ivy@initech.test" }),
    internal: await mk("Printer fleet audit", "internal printer review", { team: "Beta", assignee: ana.id }),
    tomOwn: await mk("Beta printer", "assigned across teams", { team: "Beta", assignee: tom.id }),
  };
  await ws.tickets.addComment(t.doraJam.id, { body: "secretword confidential escalation", internal: true });
  await ws.tickets.addComment(t.gusPrinter.id, { body: "secretword again", internal: true });
  await ws.tickets.addComment(t.eliInvoice.id, { body: "zebra crossing attached", attachments: [fileMeta] });
}, 120_000);

const fileMeta = { filename: "scan.pdf", contentType: "application/pdf", size: 2048 };

afterAll(async () => {
  await testDesk?.close();
});

type Who = keyof typeof actors;
type Which = keyof typeof t;

async function find(who: Who, q: string): Promise<Which[]> {
  const page = await ws.as(actors[who]).tickets.list({ q, limit: 500 });
  const names = Object.keys(t) as Which[];
  return page.items.map((item) => names.find((n) => t[n].id === item.id) ?? ("?" as Which)).sort();
}

async function refusal(who: Who, q: string): Promise<DomainError> {
  const err = await ws
    .as(actors[who])
    .tickets.list({ q })
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  expect(err, q).toBeInstanceOf(DomainError);
  return err as DomainError;
}

const sorted = (...xs: Which[]) => [...xs].sort();

describe(`customers only find their own tickets (${engineUnderTest})`, () => {
  it("an individual customer finds only their own tickets, whatever they search", async () => {
    expect(await find("gus", "")).toEqual(["gusPrinter"]);
    expect(await find("gus", "printer")).toEqual(["gusPrinter"]);
    expect(await find("gus", "print*")).toEqual(["gusPrinter"]);
    expect(await find("gus", "invoice")).toEqual([]);
    expect(await find("gus", '"printer is offline" or invoice or subject: printer')).toEqual(["gusPrinter"]);
    expect(await find("gus", "-zebra")).toEqual(["gusPrinter"]);
    expect(await find("gus", "not (status: open)")).toEqual([]);
    expect(await find("gus", "category: hardware status: open, closed")).toEqual(["gusPrinter"]);
    expect(await find("gus", `number: ${t.doraJam.number}`)).toEqual([]);
    expect(await find("gus", `${t.ivyPrinter.number} or ${t.gusPrinter.number}`)).toEqual(["gusPrinter"]);
  });

  it("a company user finds their own and their company's tickets, nobody else's", async () => {
    expect(await find("dora", "")).toEqual(sorted("doraJam", "eliInvoice"));
    expect(await find("dora", "printer")).toEqual(["doraJam"]);
    expect(await find("dora", "invoice")).toEqual(["eliInvoice"]);
    expect(await find("dora", "zebra")).toEqual(["eliInvoice"]);
    expect(await find("dora", "has: attachment")).toEqual(["eliInvoice"]);
    expect(await find("eli", "printer or invoice")).toEqual(sorted("doraJam", "eliInvoice"));
    expect(await find("dora", "requester: me")).toEqual(["doraJam"]);
    expect(await find("dora", "is: mine")).toEqual(["doraJam"]);
    expect(await find("dora", "requester: eli@acme.test")).toEqual(["eliInvoice"]);
    // Naming another company's customer does not reach their tickets.
    expect(await find("dora", "requester: gus@home.test or requester: ivy@initech.test")).toEqual([]);
  });

  it("a user of a company that does not share tickets sees only their own", async () => {
    expect(await find("ivy", "")).toEqual(["ivyPrinter"]);
    expect(await find("ivy", "printer")).toEqual(["ivyPrinter"]);
  });

  it("words of internal notes match for agents but never for customers", async () => {
    expect(await find("ana", "secretword")).toEqual(sorted("doraJam", "gusPrinter"));
    expect(await find("ana", '"secretword confidential"')).toEqual(["doraJam"]);
    expect(await find("ana", "secretw*")).toEqual(sorted("doraJam", "gusPrinter"));
    for (const who of ["dora", "eli", "gus"] as const) {
      expect(await find(who, "secretword"), who).toEqual([]);
      expect(await find(who, "secretw*"), who).toEqual([]);
      expect(await find(who, '"secretword confidential"'), who).toEqual([]);
      expect(await find(who, "confidential or secretword"), who).toEqual([]);
    }
    // Negating an internal word must not reveal which tickets hold it.
    expect(await find("dora", "-secretword")).toEqual(sorted("doraJam", "eliInvoice"));
    expect(await find("gus", "not secretword")).toEqual(["gusPrinter"]);
    expect(await find("ana", "-secretword printer")).toEqual(sorted("internal", "ivyPrinter", "tomOwn"));
  });

  it("internal fields are refused in the portal with a positioned query.invalid", async () => {
    const cases: [string, string][] = [
      ["assignee: ana@helpline.test", "assignee"],
      ["printer team: Alpha", "team"],
      ['company: "Acme Corp"', "company"],
      ["tag: vip", "tag"],
      ["#vip", "tag"],
      ["sla: < 2h", "sla"],
      ["due: today", "due"],
      ["escalation: > 0", "escalation"],
      ["assignee: me", "assignee"],
    ];
    for (const [q, field] of cases) {
      const err = await refusal("dora", q);
      expect(err.code, q).toBe("query.invalid");
      expect(err.message, q).toContain(`"${field}"`);
      expect(err.message, q).toMatch(/customer portal at 1:\d+/);
      const issues = (err.details?.issues ?? []) as { at: string; span: { start: number } }[];
      expect(issues[0]?.span.start, q).toBe(q.indexOf(q.startsWith("#") ? "#" : field.slice(0, 3)));
    }
    // The same queries work for agents.
    expect(await find("ana", "#vip team: Alpha")).toEqual(["doraJam"]);
  });

  it("refusals in the portal do not reveal agents', teams' or other customers' names", async () => {
    const leaks: [string, string][] = [
      ["assignee: ana.lima", "Ana Lima"],
      ["team: alpah", "Alpha"],
      ["company: initec", "Initech"],
    ];
    for (const [q, secret] of leaks) {
      const err = await refusal("dora", q);
      expect(err.code, q).toBe("query.invalid");
      expect(err.message, q).not.toContain(secret);
      expect(JSON.stringify(err.details), q).not.toContain(secret);
    }
    // Whether another customer exists is not revealed either: a typo and a real address look the same.
    for (const q of ["requester: gus@home.tes", "requester: gus@home.test", "requester: ivy@initech.test"]) {
      expect(await find("dora", q), q).toEqual([]);
    }
  });

  it("agents cannot use `requester: me`; customers cannot use `assignee: me`", async () => {
    expect((await refusal("ana", "requester: me")).message).toMatch(/`me` as requester .*customer.* at 1:12/);
    expect((await refusal("gus", "assignee: me")).code).toBe("query.invalid");
  });
});

describe(`agents limited to their teams (${engineUnderTest})`, () => {
  it("see their teams' tickets, unrouted tickets and their own assignments only", async () => {
    // tom is in Alpha: doraJam (Alpha), unrouted gusPrinter and ivyPrinter, tomOwn (Beta, assigned to him).
    const visible = sorted("doraJam", "gusPrinter", "ivyPrinter", "tomOwn");
    expect(await find("tom", "")).toEqual(visible);
    expect(await find("tom", "printer")).toEqual(visible);
    expect(await find("tom", "invoice")).toEqual([]);
    expect(await find("tom", "team: Beta")).toEqual(["tomOwn"]);
    expect(await find("tom", "assignee: ana@helpline.test")).toEqual([]);
    expect(await find("tom", "-team: Alpha")).toEqual(sorted("gusPrinter", "ivyPrinter", "tomOwn"));
    expect(await find("tom", "audit or fleet")).toEqual([]);
    // An unlimited agent sees everything.
    expect(await find("ana", "")).toHaveLength(Object.keys(t).length);
    expect(await find("ana", "fleet")).toEqual(["internal"]);
  });
});

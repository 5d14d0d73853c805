/**
 * A random but reproducible workspace for the two-back-ends property test:
 * agents, teams, companies, customers, custom fields and ~60 tickets with
 * random fields, statuses, comments, notes, attachments and creation times.
 */
import fc from "fast-check";
import { CHANNELS, fixedClock, type Helpdesk, LEVELS, type Ticket } from "../../src/lib/index.js";

export const DAY = 86_400_000;
const MINUTE = 60_000;
/** A Wednesday, a few days after the US switched to summer time (the workspace lives in New York). */
export const NOW = new Date("2026-03-11T14:30:00.000Z");
export const TIME_ZONE = "America/New_York";

/** Plain lower-case words (PostgreSQL's `simple` configuration keeps them as they are). */
export const WORDS = [
  "printer",
  "print",
  "printing",
  "paper",
  "jam",
  "invoice",
  "refund",
  "login",
  "password",
  "pass",
  "reset",
  "network",
  "slow",
  "crash",
  "screen",
  "billing",
  "email",
  "out",
  "of",
] as const;

export const AGENTS = [
  { email: "ana@helpline.test", name: "Ana Lima" },
  { email: "bruno@helpline.test", name: "Bruno Costa" },
  { email: "carla@support.test", name: "Carla Dias" },
] as const;
export const TEAMS = ["Alpha", "Beta Squad"] as const;
/** Companies with a tier (`tier:` in queries), and one without. */
export const COMPANIES = [
  { name: "Acme Corp", domain: "acme.test", tier: "Enterprise" },
  { name: "Globex", domain: "globex.test", tier: "gold" },
  { name: "Umbrella", domain: "umbrella.test" },
] as const;
export const CUSTOMERS = [
  { email: "dora@acme.test", name: "Dora Acme" },
  { email: "eli@acme.test", name: "Eli" },
  { email: "fay@globex.test", name: "Fay Globex" },
  { email: "gus@home.test", name: "Gus" },
] as const;
export const CATEGORIES = ["Billing", "billing", "technical", "Shipping"] as const;
export const TYPES = ["question", "incident", "Problem"] as const;
export const TAGS = ["vip", "spam", "bug", "follow up", "needs-review"] as const;
export const GRADES = ["Gold", "Silver", "Bronze"] as const;

/** Custom field definitions: key, label, type, options. */
export const CUSTOM_FIELDS = [
  ["edition", "Edition", "text", []],
  ["seats", "Seats", "number", []],
  ["renewal", "Renewal date", "date", []],
  ["vip", "VIP customer", "boolean", []],
  ["grade", "Grade", "select", GRADES],
] as const;

/** Status changes after creation (each step must be allowed from the previous status). */
const PATHS: readonly (readonly string[])[] = [
  [],
  [],
  [],
  ["in_progress"],
  ["on_hold"],
  ["pending_customer"],
  ["in_progress", "review"],
  ["resolved"],
  ["resolved", "closed"],
  ["cancelled"],
  ["resolved", "open"],
  ["in_progress", "resolved", "closed"],
];

const text = (min: number, max: number) =>
  fc.array(fc.constantFrom(...WORDS), { minLength: min, maxLength: max }).map((w) => w.join(" "));
/** `arb`, or nothing with the given weight against 1. */
const option = <T>(arb: fc.Arbitrary<T>, none = 0.5) =>
  fc.oneof({ weight: Math.round(none * 10), arbitrary: fc.constant(undefined) }, { weight: 10, arbitrary: arb });

/** Values of the right type, the wrong type, JSON null and nothing: both back ends must agree on all. */
const customFields = fc.record(
  {
    edition: fc.constantFrom<unknown>("Pro", "basic", "Enterprise plan", 42, true),
    seats: fc.constantFrom<unknown>(5, 10, 12.5, -3, 0, "many", "10"),
    renewal: fc.constantFrom<unknown>(
      "2026-02-01",
      "2026-03-11",
      "2026-04-15",
      "2026-03-05T09:00:00Z",
      "soon",
      20260301,
    ),
    vip: fc.constantFrom<unknown>(true, false, "yes", null),
    grade: fc.constantFrom<unknown>("Gold", "silver", "Bronze", "platinum"),
  },
  { requiredKeys: [] },
);

const comment = fc.record({
  body: text(1, 6),
  internal: fc.boolean(),
  attachments: fc.constantFrom(0, 0, 0, 1, 2),
});

export const ticketSpec = fc.record({
  subject: text(1, 4),
  description: fc.oneof(fc.constant(""), text(1, 8)),
  levels: option(fc.record({ urgency: fc.constantFrom(...LEVELS), importance: fc.constantFrom(...LEVELS) }), 0.3),
  category: option(fc.constantFrom(...CATEGORIES)),
  type: fc.constantFrom(...TYPES),
  tags: fc.uniqueArray(fc.constantFrom(...TAGS), { maxLength: 3 }),
  channel: fc.constantFrom(...CHANNELS),
  requester: option(fc.constantFrom(...CUSTOMERS.map((c) => c.email))),
  assignee: option(fc.constantFrom(...AGENTS.map((a) => a.email))),
  team: option(fc.constantFrom(...TEAMS)),
  company: option(fc.constantFrom(...COMPANIES.map((c) => c.name)), 3),
  customFields,
  /** Most tickets are weeks old; some are hours old so `sla:` and `today` have something to find. */
  ageMinutes: fc.oneof(fc.integer({ min: 5, max: 8 * 60 }), fc.integer({ min: 60, max: 80 * 24 * 60 })),
  comments: fc.array(comment, { maxLength: 3 }),
  escalations: fc.constantFrom(0, 0, 0, 1, 2),
  path: fc.constantFrom(...PATHS),
});
export type TicketSpec = typeof ticketSpec extends fc.Arbitrary<infer T> ? T : never;

export interface World {
  ws: Helpdesk;
  clock: ReturnType<typeof fixedClock>;
  agentIds: string[];
  customerIds: Map<string, string>;
  companyIds: Map<string, string>;
  tickets: Ticket[];
}

/** Runs `update workspaces …` and the custom field inserts; must precede every ticket (triggers read the language). */
export async function configureWorkspace(ws: Helpdesk, language: string, customFields = true): Promise<void> {
  await ws.database.executeSql(
    `update workspaces set search_language = $1,
       settings = coalesce(settings, '{}'::jsonb) || jsonb_build_object('timeZone', $2::text) where id = $3`,
    [language, TIME_ZONE, ws.workspace.id],
  );
  if (!customFields) return;
  for (const [key, label, type, options] of CUSTOM_FIELDS) {
    await ws.database.executeSql(
      `insert into custom_field_definitions (id, workspace_id, key, label, type, options, created_at)
       values (gen_random_uuid(), $1, $2, $3, $4, $5::text[], now())`,
      [ws.workspace.id, key, label, type, [...options]],
    );
  }
}

/** People and groups of the world; returns agent ids (in AGENTS order) and customer ids by email. */
export async function createPeople(ws: Helpdesk) {
  const agentIds: string[] = [];
  for (const a of AGENTS) agentIds.push((await ws.people.createAgent({ ...a, role: "agent" })).id);
  await ws.people.createTeam({ name: "Alpha", members: [AGENTS[0].email, AGENTS[1].email] });
  await ws.people.createTeam({ name: "Beta Squad", members: [AGENTS[2].email] });
  const companyIds = new Map<string, string>();
  for (const c of COMPANIES) companyIds.set(c.name, (await ws.people.createCompany(c)).id);
  const customerIds = new Map<string, string>();
  for (const c of CUSTOMERS) customerIds.set(c.email, (await ws.people.createCustomer(c)).id);
  return { agentIds, companyIds, customerIds };
}

async function createOne(ws: Helpdesk, clock: World["clock"], spec: TicketSpec): Promise<string> {
  const createdAt = NOW.getTime() - spec.ageMinutes * MINUTE;
  clock.set(new Date(createdAt));
  const t = await ws.tickets.create({
    subject: spec.subject,
    description: spec.description,
    ...(spec.levels ?? {}),
    ...(spec.category ? { category: spec.category } : {}),
    type: spec.type,
    tags: [...spec.tags],
    channel: spec.channel,
    ...(spec.requester ? { requester: spec.requester } : {}),
    ...(spec.assignee ? { assignee: spec.assignee } : {}),
    ...(spec.team ? { team: spec.team } : {}),
    ...(spec.company ? { company: spec.company } : {}),
    customFields: spec.customFields,
  });
  // Later changes land between creation and now, in order.
  const steps = spec.comments.length + spec.escalations + spec.path.length;
  const gap = Math.max(1, Math.floor((NOW.getTime() - createdAt) / (steps + 2)));
  const next = () => clock.advance(gap);
  for (const c of spec.comments) {
    next();
    const attachments = Array.from({ length: c.attachments }, (_, i) => ({
      filename: `file${i}.png`,
      contentType: "image/png",
      size: 1000 + i,
    }));
    await ws.tickets.addComment(t.id, { body: c.body, internal: c.internal, attachments });
  }
  for (let i = 0; i < spec.escalations; i++) {
    next();
    await ws.tickets.escalate(t.id, { reason: "customer waiting" });
  }
  for (const status of spec.path) {
    next();
    await ws.tickets.updateStatus(t.id, status);
  }
  return t.id;
}

/** Creates the tickets, then reads them back as they are now. */
export async function createTickets(ws: Helpdesk, clock: World["clock"], specs: readonly TicketSpec[]) {
  const ids: string[] = [];
  for (const spec of specs) ids.push(await createOne(ws, clock, spec));
  clock.set(NOW);
  return Promise.all(ids.map((id) => ws.tickets.get(id)));
}

/**
 * Message and note bodies of a ticket's timeline (what full-text search looks
 * at besides subject and description): all of them for agents, messages only for customers.
 */
export async function entryBodies(ws: Helpdesk, ticketId: string): Promise<{ agent: string[]; customer: string[] }> {
  const entries = await ws.tickets.timeline(ticketId);
  const bodies = (kinds: string[]) => entries.filter((e) => kinds.includes(e.kind)).map((e) => e.body);
  return { agent: bodies(["message", "note"]), customer: bodies(["message"]) };
}

export function sampleSpecs(count: number, seed: number): TicketSpec[] {
  return fc.sample(ticketSpec, { numRuns: count, seed });
}

export function newClock() {
  return fixedClock(NOW);
}

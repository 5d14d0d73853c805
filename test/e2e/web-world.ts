/**
 * The world of the browser journeys: a desk (worker running, so live updates
 * flow) with agents, a customer, a company, a team and tickets; the real HTTP
 * server serving the built web app from dist/web; and Debian's Chromium driven
 * by playwright-core. Screenshots go to artifacts/screenshots (git-ignored).
 */
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import type { FastifyInstance } from "fastify";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { packageRoot } from "../../src/config/package-root.js";
import { buildServer } from "../../src/http/server.js";
import type { Helpdesk } from "../../src/lib/index.js";
import { openTestDesk, type TestDesk } from "../harness.js";

export const PASSWORD = "correct horse battery staple";
export const CHROMIUM = process.env.HELPLINE_CHROMIUM ?? "/usr/bin/chromium";
/** The built web app (HELPLINE_WEB_ROOT lets a developer test a build written elsewhere). */
export const WEB_ROOT = process.env.HELPLINE_WEB_ROOT ?? join(packageRoot(), "dist", "web");
export const SHOTS = join(packageRoot(), "artifacts", "screenshots");

export interface WebUser {
  id: string;
  email: string;
  name: string;
  type: "agent" | "customer";
}

export interface WebWorld {
  testDesk: TestDesk;
  /** The desk as the system (set-up, checks). */
  desk: Helpdesk;
  app: FastifyInstance;
  baseUrl: string;
  browser: Browser;
  admin: WebUser;
  agent: WebUser;
  customer: WebUser;
  companyId: string;
  teamId: string;
  /** A browser context signed in as this user (cookie from a real sign-in request). */
  signedIn(
    user: WebUser,
    opts?: { viewport?: { width: number; height: number }; dark?: boolean },
  ): Promise<BrowserContext>;
  close(): Promise<void>;
}

/** Chromium as this machine runs it: no sandbox (root), no background network (closed network). */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's package (apt-get install chromium).`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  });
}

export async function openWebWorld(): Promise<WebWorld> {
  if (!existsSync(join(WEB_ROOT, "index.html"))) {
    throw new Error("The web app is not built: run `npm run build` (npm ci does it) before the browser tests.");
  }
  const testDesk = await openTestDesk({ worker: true });
  const desk = testDesk.desk;
  const team = await desk.people.createTeam({ name: "Support" });
  const company = await desk.people.createCompany({ name: "Acme Corp", domain: "acme.test" });
  const admin = await desk.people.createAgent({ email: "ada@desk.test", name: "Ada Admin", role: "superadmin" });
  const agent = await desk.people.createAgent({ email: "ben@desk.test", name: "Ben Agent", role: "agent" });
  const customer = await desk.people.createCustomer({ email: "carla@acme.test", name: "Carla Customer" });
  for (const p of [admin, agent]) {
    await desk.auth.setPassword({ personType: "agent", personId: p.id, password: PASSWORD });
  }
  await desk.auth.setPassword({ personType: "customer", personId: customer.id, password: PASSWORD });
  const app = await buildServer({ desk, logLevel: "silent", webRoot: WEB_ROOT, rateLimitPerMinute: 100_000 });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const baseUrl = `http://127.0.0.1:${port}`;
  const browser = await launchChromium();
  const contexts: BrowserContext[] = [];
  return {
    testDesk,
    desk,
    app,
    baseUrl,
    browser,
    admin: { id: admin.id, email: admin.email, name: "Ada Admin", type: "agent" },
    agent: { id: agent.id, email: agent.email, name: "Ben Agent", type: "agent" },
    customer: { id: customer.id, email: customer.email, name: "Carla Customer", type: "customer" },
    companyId: company.id,
    teamId: team.id,
    async signedIn(user, opts = {}) {
      const context = await browser.newContext({
        baseURL: baseUrl,
        viewport: opts.viewport ?? { width: 1280, height: 800 },
        colorScheme: opts.dark ? "dark" : "light",
      });
      contexts.push(context);
      const res = await context.request.post("/api/v1/auth/login", { data: { email: user.email, password: PASSWORD } });
      if (!res.ok()) throw new Error(`sign-in of ${user.email} failed: ${res.status()} ${await res.text()}`);
      return context;
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
      await app.close();
      await testDesk.close();
    },
  };
}

/** Fills and sends the sign-in form. */
export async function signInWithForm(page: Page, email: string, password = PASSWORD): Promise<void> {
  await page.getByLabel("Email").fill(email);
  // By role: the label reads "Password *" when required, and the visibility toggle is labelled too.
  await page.getByRole("textbox", { name: "Password", exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Writes a full-page screenshot to artifacts/screenshots/<name>.png (a test artefact, git-ignored). */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SHOTS, { recursive: true });
  const file = join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** axe-core's serious and critical findings on the page (WCAG 2.x A and AA), as readable lines. */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** Fails on any uncaught error in the page (a crash a person would see as a blank screen). */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (err) => errors.push(err.message));
  return errors;
}

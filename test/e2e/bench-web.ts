/**
 * `npm run bench:web`: the agent app's budgets, measured on the built app
 * (dist/web, or HELPLINE_WEB_ROOT) served by the real server to Chromium.
 * Prints ONE JSON object on stdout (progress goes to stderr):
 *
 *   initial_js_gzip_kb          gzip -9 size of the JS loaded before any lazy route (≤ 300)
 *   ticket_page_interactive_ms  navigation start → performance mark "helpline:ticket-interactive" on a
 *                               200-entry ticket, from the list (client-side) and by full page load (p95 ≤ 1000)
 *   live_update_latency_ms      an agent's reply committed (the API call returned, measured in node) → the
 *                               new entry painted in another agent's open ticket (p95 ≤ 300)
 *
 * It builds nothing. PGlite in memory by default; PostgreSQL when TEST_DATABASE_URL (or DATABASE_URL) is
 * set: a scratch database is created from that URL and dropped at the end.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { Page } from "playwright-core";

const MARK = "helpline:ticket-interactive";
const TARGETS = { initial_js_gzip_kb: 300, ticket_page_interactive_ms_p95: 1000, live_update_latency_ms_p95: 300 };
const NAVIGATIONS = Number(process.env.BENCH_NAVIGATIONS ?? 10);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 50);
const ENTRIES = 200;

const say = (msg: string) => process.stderr.write(`bench:web ${msg}\n`);
const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

/**
 * Browser-side code, as strings (the node type-check has no DOM). The time of the click that starts a
 * client-side navigation, on the page's clock:
 */
const RECORD_CLICK = `document.addEventListener("click", (e) => { window.benchClick = e.timeStamp; },
  { capture: true, once: true })`;
/**
 * When each new timeline entry tagged bench-live-<n> is painted (the frame after React inserted it), as
 * epoch ms (timeOrigin + now) so node can subtract the time its request returned.
 */
const WATCH_ENTRIES = `(() => {
  const seen = new Map();
  const pending = new Set();
  window.benchSeen = seen;
  new MutationObserver((records) => {
    for (const r of records) {
      for (const node of r.addedNodes) {
        if (!(node instanceof Element)) continue;
        const found = node.matches("article[data-entry-id]") ? [node] : [...node.querySelectorAll("article[data-entry-id]")];
        for (const el of found) {
          const tag = /bench-live-(\\d+)/.exec(el.textContent || "")?.[1];
          if (!tag || pending.has(tag)) continue;
          pending.add(tag);
          requestAnimationFrame(() => seen.set(tag, performance.timeOrigin + performance.now()));
        }
      }
    }
  }).observe(document.body, { childList: true, subtree: true });
})()`;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const at = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[at] ?? Number.NaN);
}
const summary = (values: number[]) => ({ p50: percentile(values, 50), p95: percentile(values, 95), n: values.length });

/** The entry script, its modulepreloads and every module they import statically (not `import()`). */
function initialJs(root: string) {
  const html = readFileSync(join(root, "index.html"), "utf8");
  const named = [
    ...html.matchAll(/<script[^>]+type="module"[^>]+src="\/([^"]+\.js)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/([^"]+\.js)"/g),
  ].map((m) => m[1] ?? "");
  if (named.length === 0) throw new Error(`no entry script in ${join(root, "index.html")}`);
  const seen = new Set<string>();
  const queue = [...named];
  while (queue.length > 0) {
    const file = queue.shift() ?? "";
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(join(root, file), "utf8");
    const dir = file.slice(0, file.lastIndexOf("/") + 1);
    for (const m of code.matchAll(/\bimport\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']\.\/([^"']+\.js)["']/g)) {
      queue.push(`${dir}${m[1]}`);
    }
  }
  const files = [...seen].map((f) => ({ file: f, gzip_kb: kb(gz(join(root, f))) }));
  const lazy = readdirSync(join(root, "assets"))
    .filter((f) => f.endsWith(".js") && !seen.has(`assets/${f}`))
    .map((f) => ({ file: `assets/${f}`, gzip_kb: kb(gz(join(root, "assets", f))) }))
    .sort((a, b) => b.gzip_kb - a.gzip_kb);
  const total = Math.round(files.reduce((s, f) => s + f.gzip_kb, 0) * 10) / 10;
  return { total, files: files.sort((a, b) => b.gzip_kb - a.gzip_kb), lazy };
}

async function main(): Promise<void> {
  if (!process.env.TEST_DATABASE_URL && process.env.DATABASE_URL) {
    process.env.TEST_DATABASE_URL = process.env.DATABASE_URL;
  }
  // Imported after the environment is settled: the harness reads it when loaded.
  const { PASSWORD, WEB_ROOT, openWebWorld } = await import("./web-world.js");
  if (!existsSync(join(WEB_ROOT, "index.html"))) {
    throw new Error(`The web app is not built (${WEB_ROOT}/index.html is missing): run \`npm run build\` first.`);
  }
  const startedAt = new Date();
  const load = loadavg()[0] ?? 0;
  const bundle = initialJs(WEB_ROOT);
  say(`initial JS ${bundle.total} kB gzip in ${bundle.files.length} files`);

  const w = await openWebWorld();
  try {
    const admin = w.desk.as({ type: "agent", id: w.admin.id, role: "superadmin" });
    const agent = w.desk.as({ type: "agent", id: w.agent.id, role: "agent" });
    const carla = await w.desk.people.getCustomer(w.customer.id);
    const customer = w.desk.as({ type: "customer", id: carla.id, role: "customer", companyId: carla.companyId });
    const background = 5;
    for (let i = 1; i <= background; i++) {
      await w.desk.tickets.create({ subject: `Background ticket ${i}`, requester: w.customer.email });
    }
    const subject = "Bench: a very long conversation about the VPN";
    const big = await w.desk.tickets.create({
      subject,
      description: "The VPN drops every hour.",
      requester: carla.email,
    });
    say(`writing ${ENTRIES} entries on ${big.number} through the desk API`);
    const statuses = ["in_progress", "on_hold"] as const;
    for (let i = 1; (await w.desk.tickets.timeline(big.id)).length < ENTRIES; i++) {
      if (i % 10 === 0) await agent.tickets.updateStatus(big.id, statuses[(i / 10) % 2] ?? "in_progress");
      else if (i % 10 === 5) await admin.tickets.update(big.id, { priority: i % 20 === 5 ? "high" : "medium" });
      else if (i % 4 === 0)
        await admin.tickets.addComment(big.id, { body: `Note ${i}: checked the logs.`, internal: true });
      else if (i % 3 === 0) await customer.tickets.addComment(big.id, { body: `Reply ${i}: still dropping.` });
      else await agent.tickets.addComment(big.id, { body: `Message ${i}: please try the new profile.` });
    }
    const entries = (await w.desk.tickets.timeline(big.id)).length;
    // The worker's backlog from writing the conversation (notifications, outbound mail) would otherwise be
    // measured too: wait until the outbox and the job queue are drained.
    say("waiting for the worker to drain its backlog");
    const backlog = async () =>
      Number(
        (
          await w.desk.database.executeSql(
            `select (select count(*) from outbox_events where dispatched_at is null)
                  + (select count(*) from pgboss.job where state in ('created', 'retry', 'active')
                       and start_after <= now()) as n`,
          )
        ).rows[0]?.n ?? 0,
      );
    const drainedBy = Date.now() + 180_000;
    let settled = (await backlog()) === 0;
    while (!settled && Date.now() < drainedBy) {
      await new Promise((r) => setTimeout(r, 500));
      settled = (await backlog()) === 0;
    }
    if (!settled) say(`the backlog is not drained after 3 minutes (${await backlog()} left): measuring anyway`);

    const ben = await w.signedIn(w.agent);
    const page = await ben.newPage();
    const marks = (p: Page) => p.evaluate((m) => performance.getEntriesByName(m).map((e) => e.startTime), MARK);
    const waitMark = (p: Page, count: number) =>
      p.waitForFunction(([m, n]) => performance.getEntriesByName(m as string).length >= (n as number), [MARK, count], {
        timeout: 30_000,
      });

    say(`${NAVIGATIONS} full page loads and ${NAVIGATIONS} navigations from the list`);
    const fullLoad: number[] = [];
    const fromList: number[] = [];
    for (let i = 0; i < NAVIGATIONS; i++) {
      await page.goto(`/tickets/${big.number}`);
      await waitMark(page, 1);
      // Time origin is this document's navigation start.
      fullLoad.push((await marks(page))[0] ?? Number.NaN);

      await page.goto("/tickets");
      const link = page.getByRole("link", { name: subject }).first();
      await link.waitFor();
      await page.evaluate(RECORD_CLICK);
      await link.click();
      await waitMark(page, 1);
      const [mark] = await marks(page);
      const clicked = (await page.evaluate("window.benchClick")) as number;
      fromList.push((mark ?? Number.NaN) - clicked);
    }

    say(`${CHANGES} live changes`);
    await page.goto(`/tickets/${big.number}`);
    await waitMark(page, 1);
    await page.evaluate(WATCH_ENTRIES);
    const login = await fetch(`${w.baseUrl}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: w.admin.email, password: PASSWORD }),
    });
    if (!login.ok) throw new Error(`sign-in for the live bench failed: ${login.status}`);
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const latencies: number[] = [];
    let missed = 0;
    for (let i = 1; i <= CHANGES; i++) {
      const res = await fetch(`${w.baseUrl}/api/v1/tickets/${big.number}/messages`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie, "x-csrf-token": csrfToken },
        body: JSON.stringify({ body: `Live change bench-live-${i}: is it better now?` }),
      });
      const committed = performance.timeOrigin + performance.now();
      if (res.status !== 201) throw new Error(`posting change ${i} failed: ${res.status} ${await res.text()}`);
      const visible = await page
        // A function, not a string: the app's CSP forbids eval. Typed through globalThis (no DOM types here).
        .waitForFunction(
          (tag) => (globalThis as unknown as { benchSeen?: Map<string, number> }).benchSeen?.get(tag) ?? false,
          String(i),
          { timeout: 5000, polling: "raf" },
        )
        .then((h) => h.jsonValue() as Promise<number>)
        .catch(() => null);
      if (visible === null) missed++;
      else latencies.push(visible - committed);
    }

    const interactive = summary([...fullLoad, ...fromList]);
    const live = summary(latencies);
    const ok = {
      initial_js_gzip_kb: bundle.total <= TARGETS.initial_js_gzip_kb,
      ticket_page_interactive_ms: interactive.p95 <= TARGETS.ticket_page_interactive_ms_p95,
      live_update_latency_ms: missed === 0 && live.p95 <= TARGETS.live_update_latency_ms_p95,
    };
    const report = {
      engine: w.desk.engine,
      web_root: WEB_ROOT,
      started_at: startedAt.toISOString(),
      finished_at: new Date().toISOString(),
      machine: { cpus: cpus().length, load_average_at_start: Math.round(load * 100) / 100 },
      worker_backlog_drained: settled,
      tickets: { measured: big.number, entries_at_start: entries, live_changes: CHANGES, in_workspace: background + 1 },
      initial_js_gzip_kb: bundle.total,
      initial_js_files: bundle.files,
      biggest_lazy_chunks: bundle.lazy.slice(0, 8),
      ticket_page_interactive_ms: {
        ...interactive,
        // The first full load has a cold browser cache (a new context); later ones reuse the immutable assets.
        full_page_load: { ...summary(fullLoad), samples: fullLoad.map(Math.round) },
        from_list: { ...summary(fromList), samples: fromList.map(Math.round) },
      },
      live_update_latency_ms: { ...live, missed, min: Math.round(Math.min(...latencies)) },
      targets: TARGETS,
      ok,
      all_ok: Object.values(ok).every(Boolean),
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } finally {
    await w.close();
  }
}

main().then(
  () => process.exit(0),
  (err: Error) => {
    process.stderr.write(`bench:web failed: ${err.message}\n`);
    process.exit(1);
  },
);

/**
 * The server serving the built web app: index.html for every page address
 * (the app routes in the browser), hashed assets cached for a year, the API
 * and missing files still answered with JSON 404s, and, without a build, a
 * page saying how to make one.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../../src/http/server.js";
import { engineUnderTest, openTestDesk, type TestDesk } from "../harness.js";

const INDEX = `<!doctype html><html lang="en"><head><title>Helpline test app</title>
<script type="module" src="/assets/x.js"></script></head><body><div id="root"></div></body></html>`;
const HTML = { accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" };

describe(`the web app's files (${engineUnderTest})`, () => {
  let t: TestDesk;
  let built: FastifyInstance;
  let unbuilt: FastifyInstance;
  const dirs: string[] = [];

  beforeAll(async () => {
    t = await openTestDesk();
    const root = mkdtempSync(join(tmpdir(), "helpline-web-"));
    const empty = mkdtempSync(join(tmpdir(), "helpline-web-empty-"));
    dirs.push(root, empty);
    mkdirSync(join(root, "assets"));
    writeFileSync(join(root, "index.html"), INDEX);
    writeFileSync(join(root, "assets", "x.js"), "console.info('helpline');\n");
    // Outside the assets folder: never served.
    writeFileSync(join(root, "secret.txt"), "not for you");
    built = await buildServer({ desk: t.desk, logLevel: "silent", webRoot: root });
    unbuilt = await buildServer({ desk: t.desk, logLevel: "silent", webRoot: empty });
  });
  afterAll(async () => {
    await built?.close();
    await unbuilt?.close();
    await t?.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it("answers page addresses with index.html, never cached", async () => {
    for (const url of ["/", "/tickets/TKT-1", "/tickets?status=open&sort=-updatedAt", "/board"]) {
      const res = await built.inject({ method: "GET", url, headers: HTML });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers["content-type"], url).toMatch(/^text\/html/);
      expect(res.headers["cache-control"], url).toBe("no-cache");
      expect(res.body, url).toBe(INDEX);
    }
  });

  it("sets the content security policy on the app's page", async () => {
    const res = await built.inject({ method: "GET", url: "/tickets/TKT-1", headers: HTML });
    const csp = String(res.headers["content-security-policy"]);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
  });

  it("serves hashed assets with the immutable cache header, and 404 for a missing one", async () => {
    const js = await built.inject({ method: "GET", url: "/assets/x.js" });
    expect(js.statusCode).toBe(200);
    expect(js.headers["content-type"]).toMatch(/javascript/);
    expect(js.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(js.body).toContain("helpline");
    const missing = await built.inject({ method: "GET", url: "/assets/missing-abc123.js", headers: HTML });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe("route.not_found");
    // Climbing out of the assets folder is refused (404 or 403), never served.
    for (const url of ["/assets/missing-abc123.js", "/assets/%2e%2e/secret.txt", "/assets/..%2fsecret.txt"]) {
      const res = await built.inject({ method: "GET", url, headers: HTML });
      expect([403, 404], url).toContain(res.statusCode);
      expect(res.body, url).not.toContain("not for you");
      expect(String(res.headers["cache-control"] ?? ""), url).not.toContain("immutable");
    }
    // A file-like address outside /assets is not a page either.
    const file = await built.inject({ method: "GET", url: "/secret.txt", headers: HTML });
    expect(file.statusCode).toBe(404);
    expect(file.body).not.toContain("not for you");
  });

  it("keeps answering the API, and non-HTML requests, with JSON 404s", async () => {
    for (const [url, accept] of [
      ["/api/v1/nope", "text/html"],
      ["/api/v1/nope", "application/json"],
      ["/tickets/TKT-1", "application/json"],
      ["/docs-nope", "application/json"],
    ] as const) {
      const res = await built.inject({ method: "GET", url, headers: { accept } });
      expect(res.statusCode, `${url} ${accept}`).toBe(404);
      expect(res.headers["content-type"], `${url} ${accept}`).toMatch(/^application\/json/);
      expect(res.json().error.code, `${url} ${accept}`).toBe("route.not_found");
    }
    const post = await built.inject({ method: "POST", url: "/tickets/TKT-1", headers: HTML, payload: {} });
    expect(post.statusCode).toBe(404);
    expect(post.json().error.code).toBe("route.not_found");
  });

  it("says to run npm run build when the app is not built", async () => {
    const home = await unbuilt.inject({ method: "GET", url: "/", headers: HTML });
    expect(home.statusCode).toBe(503);
    expect(home.headers["content-type"]).toMatch(/^text\/html/);
    expect(home.body).toContain("npm run build");
    const page = await unbuilt.inject({ method: "GET", url: "/tickets/TKT-1", headers: HTML });
    expect(page.statusCode).toBe(503);
    expect(page.body).toContain("npm run build");
    const api = await unbuilt.inject({ method: "GET", url: "/api/v1/nope" });
    expect(api.statusCode).toBe(404);
    expect(api.json().error.code).toBe("route.not_found");
    const health = await unbuilt.inject({ method: "GET", url: "/health" });
    expect(health.statusCode).toBe(200);
  });
});

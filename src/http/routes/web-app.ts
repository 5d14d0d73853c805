import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";

const NOT_BUILT = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Helpline</title>
<body style="font-family:system-ui;max-width:40rem;margin:4rem auto;line-height:1.5">
<h1>The web app is not built</h1>
<p>The API is running (see <a href="/docs">/docs</a>), but <code>dist/web</code> is missing.
Run <code>npm run build</code> (or <code>npm ci</code>, which builds) and restart.</p></body></html>`;

/** What every page address gets: the web app's index.html, or (503) a page saying how to build it. */
export interface WebAppPage {
  status: 200 | 503;
  html: string;
}

export async function webAppIndex(root: string): Promise<WebAppPage> {
  const file = join(root, "index.html");
  return existsSync(file) ? { status: 200, html: await readFile(file, "utf8") } : { status: 503, html: NOT_BUILT };
}

/**
 * Serves the built web app: its files (hashed names under /assets, cached for a
 * year), and, through the not-found handler, index.html for page addresses.
 */
export async function registerWebApp(app: FastifyInstance, root: string): Promise<void> {
  if (!existsSync(join(root, "index.html"))) {
    app.get("/", { config: { access: "public" } }, async (_request, reply) =>
      reply.code(503).type("text/html; charset=utf-8").send(NOT_BUILT),
    );
    return;
  }
  // The plugin only lends reply.sendFile (safe paths, ranges, ETags); the one route is ours, public.
  // Only a file found is cached for a year: a 404 (a chunk of a newer build asked of an older
  // server during a deploy) must not stick in browsers and proxies.
  await app.register(fastifyStatic, {
    root,
    serve: false,
    cacheControl: false,
    setHeaders: (reply) => reply.header("cache-control", "public, max-age=31536000, immutable"),
  });
  app.get<{ Params: { "*": string } }>("/assets/*", { config: { access: "public" } }, (request, reply) =>
    reply.sendFile(`assets/${request.params["*"]}`),
  );
}

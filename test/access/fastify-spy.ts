/**
 * A test seam around the `fastify` factory, installed with `vi.mock("fastify")`:
 * it adds an `onRoute` hook to every instance right after construction (so
 * it sees every route `buildServer` registers, with the options Fastify keeps)
 * and can point the instance's pino logger at an in-memory stream while
 * keeping buildServer's own level and redaction settings.
 */
import { Writable } from "node:stream";
import type { FastifyInstance, RouteOptions } from "fastify";

export interface SeenRoute {
  /** Method(s) and URL when the route was announced (Fastify reuses and rewrites the options object). */
  methods: string[];
  url: string;
  /** The options object, for reading `config` after every onRoute hook ran. */
  options: RouteOptions;
}

export interface FastifySpy {
  /** Every route registered on an instance made since the last reset, in order. */
  routes: SeenRoute[];
  /** When set, the logger of instances made from now on writes here instead of stdout. */
  logStream: Writable | null;
}

export function newSpy(): FastifySpy {
  return { routes: [], logStream: null };
}

type FastifyModule = typeof import("fastify");

/** The `fastify` module with its factory wrapped; use as a vi.mock factory's result. */
export function spiedFastify(mod: FastifyModule, spy: FastifySpy): FastifyModule {
  const original = mod.default as unknown as (opts?: Record<string, unknown>) => FastifyInstance;
  const wrapped = (opts: Record<string, unknown> = {}) => {
    const logger = opts.logger;
    const withStream =
      spy.logStream && logger && typeof logger === "object"
        ? { ...opts, logger: { ...(logger as object), stream: spy.logStream } }
        : opts;
    const app = original(withStream);
    app.addHook("onRoute", (route) => {
      spy.routes.push({ methods: [route.method].flat().map(String), url: route.url, options: route });
    });
    return app;
  };
  return { ...mod, default: wrapped, fastify: wrapped } as unknown as FastifyModule;
}

/** A writable stream that keeps everything written to it. */
export function memoryStream(): { stream: Writable; text(): string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, text: () => chunks.join("") };
}

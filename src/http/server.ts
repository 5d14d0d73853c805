import Fastify, { type FastifyInstance } from "fastify";
import { validatorCompiler } from "fastify-type-provider-zod";
import type { Helpdesk } from "../lib/index.js";
import { registerAccessControl } from "./plugins/access.js";
import { registerAuthentication } from "./plugins/authenticate.js";
import { registerErrorHandler } from "./plugins/errors.js";
import { registerOpenApi } from "./plugins/openapi.js";
import { registerSecurity } from "./plugins/security.js";
import { auditRoutes } from "./routes/audit.js";
import { authRoutes } from "./routes/auth.js";
import { automationRoutes } from "./routes/automation.js";
import { calendarRoutes } from "./routes/calendars.js";
import { classifyRoutes } from "./routes/classify.js";
import { emailRoutes } from "./routes/email.js";
import { emailInboundRoutes } from "./routes/email-inbound.js";
import { healthRoutes } from "./routes/health.js";
import { legacyRoutes } from "./routes/legacy.js";
import { liveRoutes } from "./routes/live.js";
import { mailboxRoutes } from "./routes/mailboxes.js";
import { notificationTemplateRoutes } from "./routes/notification-templates.js";
import { notificationRoutes } from "./routes/notifications.js";
import { peopleRoutes } from "./routes/people.js";
import { reportRoutes } from "./routes/reports.js";
import { roleRoutes } from "./routes/roles.js";
import { searchRoutes } from "./routes/search.js";
import { setupRoutes } from "./routes/setup.js";
import { slaRoutes } from "./routes/sla.js";
import { slackRoutes } from "./routes/slack.js";
import { ticketRoutes } from "./routes/tickets.js";
import { viewRoutes } from "./routes/views.js";
import { registerWebApp, webAppIndex } from "./routes/web-app.js";
import { webhookRoutes } from "./routes/webhooks.js";
import { workspaceRoutes } from "./routes/workspaces.js";

export interface ServerOptions {
  desk: Helpdesk;
  logLevel?: string;
  /** Signs cookies (default: derived from the desk's instance key). */
  cookieSecret?: string;
  corsOrigins?: string[];
  rateLimitPerMinute?: number;
  /** Largest accepted request body in bytes (default 1 MiB). */
  bodyLimit?: number;
  /** Trust X-Forwarded-For from a reverse proxy. */
  trustProxy?: boolean;
  /** Folder of the built web app (dist/web), served at `/`; unset: the API only. */
  webRoot?: string | null;
}

/** The HTTP adapter. Routes are thin: they parse, call the library and present. */
export async function buildServer(opts: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      opts.logLevel === "silent"
        ? false
        : { level: opts.logLevel ?? "info", redact: ["req.headers.authorization", "req.headers.cookie"] },
    bodyLimit: opts.bodyLimit ?? 1024 * 1024,
    trustProxy: opts.trustProxy ?? false,
    // A URL-encoded Message-ID (up to 998 characters) is one path parameter.
    routerOptions: { maxParamLength: 3000 },
  });
  app.setValidatorCompiler(validatorCompiler);
  // Presenters decide every response's exact shape; response schemas document them in
  // OpenAPI. Serialising with plain JSON.stringify skips re-validating each response.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  registerErrorHandler(app, opts.webRoot ? await webAppIndex(opts.webRoot) : null);
  registerAccessControl(app);
  await registerSecurity(app, {
    cookieSecret: opts.cookieSecret ?? opts.desk.auth.cookieSecret,
    corsOrigins: opts.corsOrigins ?? [],
    rateLimitPerMinute: opts.rateLimitPerMinute ?? 1200,
  });
  registerAuthentication(app, opts.desk);
  await registerOpenApi(app, opts.desk.version);
  await app.register(healthRoutes, { desk: opts.desk });
  await app.register(authRoutes, { desk: opts.desk });
  await app.register(ticketRoutes, { desk: opts.desk });
  await app.register(searchRoutes, { desk: opts.desk });
  await app.register(legacyRoutes, { desk: opts.desk });
  await app.register(peopleRoutes, { desk: opts.desk });
  await app.register(workspaceRoutes, { desk: opts.desk });
  await app.register(reportRoutes, { desk: opts.desk });
  await app.register(auditRoutes, { desk: opts.desk });
  await app.register(viewRoutes, { desk: opts.desk });
  await app.register(slaRoutes, { desk: opts.desk });
  await app.register(classifyRoutes, { desk: opts.desk });
  await app.register(calendarRoutes, { desk: opts.desk });
  await app.register(automationRoutes, { desk: opts.desk });
  await app.register(emailInboundRoutes, { desk: opts.desk });
  await app.register(mailboxRoutes, { desk: opts.desk });
  await app.register(emailRoutes, { desk: opts.desk });
  await app.register(notificationRoutes, { desk: opts.desk });
  await app.register(notificationTemplateRoutes, { desk: opts.desk });
  await app.register(slackRoutes, { desk: opts.desk });
  await app.register(webhookRoutes, { desk: opts.desk });
  await app.register(liveRoutes, { desk: opts.desk });
  await app.register(setupRoutes, { desk: opts.desk });
  await app.register(roleRoutes, { desk: opts.desk });
  if (opts.webRoot) await registerWebApp(app, opts.webRoot);
  return app;
}

/**
 * The Slack port on the official client (@slack/web-api). Slack answers every
 * method with HTTP 200 and `{ ok, error }`; the client turns `ok: false` into a
 * platform error, which we rethrow as SlackApiError carrying Slack's code. A
 * rate-limited call (HTTP 429) is waited out by the client itself: with
 * `rejectRateLimitedCalls: false` it pauses its queue for `Retry-After` seconds
 * and retries under `retryConfig`.
 */
import { type Block, type KnownBlock, type Logger, LogLevel, WebClient, WebClientEvent } from "@slack/web-api";
import { SlackApiError, type SlackPort } from "../../core/notifications/index.js";

export interface SlackWebApiOptions {
  /** The bot token (xoxb-…), SLACK_BOT_TOKEN. */
  token: string;
  /** The Web API base, SLACK_API_URL (default https://slack.com/api/). */
  apiUrl?: string;
  log?: (msg: string, extra?: Record<string, unknown>) => void;
  /** Per-request timeout; default 10 s. */
  timeoutMs?: number;
}

/** A logger for the client: silent but for warnings and errors, which go to `log`. */
function quietLogger(log: SlackWebApiOptions["log"]): Logger {
  const toLog =
    (level: string) =>
    (...msg: unknown[]) =>
      log?.(`slack client ${level}: ${msg.map(String).join(" ")}`);
  let level = LogLevel.WARN;
  return {
    debug: () => undefined,
    info: () => undefined,
    warn: toLog("warning"),
    error: toLog("error"),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}

interface PlatformErrorShape {
  code?: string;
  data?: { error?: string };
  message?: string;
}

/** Slack's error code of a failed call (`users_not_found`), or undefined when Slack did not answer. */
function slackCode(err: unknown): string | undefined {
  const e = err as PlatformErrorShape;
  return e?.code === "slack_webapi_platform_error" ? e.data?.error : undefined;
}

function rethrow(method: string, err: unknown): never {
  const code = slackCode(err);
  if (code) throw new SlackApiError(code, `Slack ${method} failed: ${code}`);
  const message = err instanceof Error ? err.message : String(err);
  throw new Error(`Slack ${method} failed: ${message}`);
}

export function slackWebApi(opts: SlackWebApiOptions): SlackPort {
  const client = new WebClient(opts.token, {
    slackApiUrl: opts.apiUrl ?? "https://slack.com/api/",
    logger: quietLogger(opts.log),
    logLevel: LogLevel.ERROR,
    rejectRateLimitedCalls: false,
    // Rate limits wait Retry-After then count as one retry; network trouble is retried briefly,
    // and the delivery's own backoff (minutes) takes over after that.
    retryConfig: { retries: 3, factor: 2, minTimeout: 200, maxTimeout: 2_000 },
    timeout: opts.timeoutMs ?? 10_000,
    allowAbsoluteUrls: false,
  });
  client.on(WebClientEvent.RATE_LIMITED, (retryAfter: number, meta?: { url?: string }) => {
    opts.log?.("Slack rate limit: waiting before retrying", { retryAfterSeconds: retryAfter, url: meta?.url });
  });

  return {
    async lookupByEmail(email) {
      try {
        const res = await client.users.lookupByEmail({ email });
        const id = res.user?.id;
        if (!id) throw new SlackApiError("invalid_response", "Slack users.lookupByEmail answered without a user id");
        return id;
      } catch (err) {
        if (err instanceof SlackApiError) throw err;
        if (slackCode(err) === "users_not_found") return null;
        rethrow("users.lookupByEmail", err);
      }
    },
    async openDm(userId) {
      try {
        const res = await client.conversations.open({ users: userId });
        const id = res.channel?.id;
        if (!id) throw new SlackApiError("invalid_response", "Slack conversations.open answered without a channel id");
        return id;
      } catch (err) {
        if (err instanceof SlackApiError) throw err;
        rethrow("conversations.open", err);
      }
    },
    async postMessage(channel, message) {
      try {
        const res = await client.chat.postMessage({
          channel,
          text: message.text,
          blocks: message.blocks as (KnownBlock | Block)[],
          unfurl_links: false,
          unfurl_media: false,
        });
        if (!res.ts) throw new SlackApiError("invalid_response", "Slack chat.postMessage answered without a ts");
        return { ts: res.ts };
      } catch (err) {
        if (err instanceof SlackApiError) throw err;
        rethrow("chat.postMessage", err);
      }
    },
    async userEmail(userId) {
      try {
        const res = await client.users.info({ user: userId });
        return res.user?.profile?.email ?? null;
      } catch (err) {
        if (slackCode(err) === "user_not_found") return null;
        rethrow("users.info", err);
      }
    },
  };
}

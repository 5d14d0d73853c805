import type { HttpPoster } from "../../core/notifications/index.js";

/** POST with fetch and a timeout; the answer's status and up to 2 KB of its body. Throws only when there is no answer. */
export const fetchPoster: HttpPoster = async (url, body, headers, timeoutMs) => {
  const res = await fetch(url, {
    method: "POST",
    body,
    headers,
    redirect: "manual",
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text().catch(() => "");
  return { status: res.status, body: text.slice(0, 2048) };
};

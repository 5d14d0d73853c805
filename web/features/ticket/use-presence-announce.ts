import { useCallback, useEffect, useRef } from "react";
import { post } from "../../lib/api.js";
import { usePresenceArrivals } from "../../lib/live.js";
import { ticketPath } from "./use-ticket-data.js";

type State = "viewing" | "typing" | "left";

/** Re-announce "viewing" this often; "typing" more often (others see it go stale sooner). */
const VIEWING_EVERY_MS = 15_000;
const TYPING_EVERY_MS = 10_000;
const CHECK_EVERY_MS = 2_500;
/** An arrival is answered unless we announced within this window (they heard that one). */
const ARRIVAL_ANSWER_MIN_MS = 1_000;

/**
 * Tells other agents this one is on the ticket: "viewing" on open and every
 * 15 s, "typing" while the composer has text and focus (at most every 10 s,
 * not per keystroke), "left" when the page goes. Presence is best effort:
 * a failed announcement is not worth interrupting the agent for, the next
 * one repairs it.
 */
export function usePresenceAnnounce(ref: string, ticketId: string, enabled: boolean): (typing: boolean) => void {
  const typing = useRef(false);
  const last = useRef<{ state: State; at: number } | null>(null);

  const send = useCallback(
    (state: State) => {
      last.current = { state, at: Date.now() };
      post(`${ticketPath(ref)}/presence`, { state }, { keepalive: state === "left" }).catch(() => undefined);
    },
    [ref],
  );

  const check = useCallback(() => {
    const want: State = typing.current ? "typing" : "viewing";
    const prev = last.current;
    const every = want === "typing" ? TYPING_EVERY_MS : VIEWING_EVERY_MS;
    if (!prev || prev.state !== want || Date.now() - prev.at >= every) send(want);
  }, [send]);

  useEffect(() => {
    if (!enabled) return;
    check();
    const timer = setInterval(check, CHECK_EVERY_MS);
    const onHide = () => send("left");
    const onShow = (e: PageTransitionEvent) => {
      if (e.persisted) check();
    };
    window.addEventListener("pagehide", onHide);
    window.addEventListener("pageshow", onShow);
    return () => {
      clearInterval(timer);
      window.removeEventListener("pagehide", onHide);
      window.removeEventListener("pageshow", onShow);
      send("left");
      last.current = null;
    };
  }, [enabled, check, send]);

  // Someone new opened this ticket: tell them at once who is here (not at our next re-announce).
  usePresenceArrivals((id) => {
    if (!enabled || id !== ticketId) return;
    const prev = last.current;
    if (!prev || Date.now() - prev.at > ARRIVAL_ANSWER_MIN_MS) send(typing.current ? "typing" : "viewing");
  });

  return useCallback(
    (now: boolean) => {
      if (typing.current === now) return;
      typing.current = now;
      if (enabled) check();
    },
    [enabled, check],
  );
}

import { useCallback, useEffect, useState } from "react";

export type ComposeMode = "reply" | "note";

interface Draft {
  mode: ComposeMode;
  body: string;
}

const keyFor = (ticketId: string) => `helpline:draft:${ticketId}`;

function read(ticketId: string): Draft {
  try {
    const raw = sessionStorage.getItem(keyFor(ticketId));
    const d = raw ? (JSON.parse(raw) as Partial<Draft>) : {};
    return { mode: d.mode === "note" ? "note" : "reply", body: typeof d.body === "string" ? d.body : "" };
  } catch {
    return { mode: "reply", body: "" };
  }
}

/** The composer's text and mode, kept per ticket for this tab (survives a reload or a look at another ticket). */
export function useDraft(ticketId: string) {
  const [draft, setDraft] = useState<Draft>(() => read(ticketId));
  useEffect(() => {
    try {
      if (draft.body === "" && draft.mode === "reply") sessionStorage.removeItem(keyFor(ticketId));
      else sessionStorage.setItem(keyFor(ticketId), JSON.stringify(draft));
    } catch {
      // Storage full or disabled: the draft lives only as long as the page.
    }
  }, [draft, ticketId]);
  const setMode = useCallback((mode: ComposeMode) => setDraft((d) => ({ ...d, mode })), []);
  const setBody = useCallback((body: string) => setDraft((d) => ({ ...d, body })), []);
  return { mode: draft.mode, body: draft.body, setMode, setBody };
}

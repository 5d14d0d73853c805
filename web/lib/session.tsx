import { useQuery, useQueryClient } from "@tanstack/react-query";
import { createContext, type ReactNode, use, useEffect, useState } from "react";
import { ApiError, get, onSessionExpired, post, setCsrfToken } from "./api.js";
import type { Me, Session } from "./types.js";

interface SessionState {
  /** The signed-in user, or null. Undefined while the first probe runs. */
  me: Me | null | undefined;
  /** True after the server answered 401 to a signed-in screen (the session ran out). */
  expired: boolean;
  signIn(input: { email: string; password: string; otp?: string }): Promise<void>;
  signOut(): Promise<void>;
  can(permission: string): boolean;
}

const SessionContext = createContext<SessionState | null>(null);

export function useSession(): SessionState {
  const s = use(SessionContext);
  if (!s) throw new Error("useSession outside SessionProvider");
  return s;
}

/** The signed-in agent (screens behind the sign-in gate only). */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error("useMe before sign-in");
  return me;
}

async function probe(): Promise<Me | null> {
  try {
    const me = await get<Me>("/api/v1/auth/me", { quiet401: true });
    setCsrfToken(me.csrfToken);
    return me;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const [expired, setExpired] = useState(false);
  const query = useQuery({ queryKey: ["me"], queryFn: probe, staleTime: 5 * 60_000, retry: 1 });
  useEffect(
    () =>
      onSessionExpired(() => {
        setExpired(true);
        setCsrfToken(null);
        client.setQueryData(["me"], null);
      }),
    [client],
  );
  const me = query.isError ? null : query.data;
  const state: SessionState = {
    me,
    expired,
    async signIn(input) {
      const session = await post<Session>("/api/v1/auth/login", input, { quiet401: true });
      setCsrfToken(session.csrfToken);
      setExpired(false);
      // Drop the previous session's data but keep the observed "me" query: after clear() the
      // provider's observer would stay on the removed query and never see the new person.
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== "me" });
      await client.refetchQueries({ queryKey: ["me"] });
    },
    async signOut() {
      try {
        await post("/api/v1/auth/logout");
      } finally {
        setCsrfToken(null);
        client.removeQueries({ predicate: (q) => q.queryKey[0] !== "me" });
        client.setQueryData(["me"], null);
      }
    },
    can: (permission) => Boolean(me?.permissions.includes(permission)),
  };
  return <SessionContext value={state}>{children}</SessionContext>;
}

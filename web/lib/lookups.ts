import { useQuery } from "@tanstack/react-query";
import { get } from "./api.js";
import type { Agent, Company, Page, Team } from "./types.js";

/** Agents of the workspace (names for ids everywhere); cached for a minute. */
export function useAgents() {
  return useQuery({
    queryKey: ["agents"],
    queryFn: () => get<Page<Agent>>("/api/v1/agents?limit=200"),
    staleTime: 60_000,
    select: (page) => page.items,
  });
}

export function useTeams() {
  return useQuery({
    queryKey: ["teams"],
    queryFn: () => get<Page<Team>>("/api/v1/teams?limit=200"),
    staleTime: 60_000,
    select: (page) => page.items,
  });
}

export function useCompanies() {
  return useQuery({
    queryKey: ["companies", "all"],
    queryFn: () => get<Page<Company>>("/api/v1/companies?limit=200"),
    staleTime: 60_000,
    select: (page) => page.items,
  });
}

/** id → display name, for agents (falls back to the email, then to "Unknown agent"). */
export function useAgentNames(): (id: string | null | undefined) => string {
  const { data } = useAgents();
  return (id) => {
    if (!id) return "Unassigned";
    const a = data?.find((x) => x.id === id);
    return a ? a.name || a.email : "Unknown agent";
  };
}

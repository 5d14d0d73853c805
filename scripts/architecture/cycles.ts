/** Import-cycle detection: Tarjan's strongly connected components plus one concrete cycle each. */
import type { ImportEdge, Violation } from "./model.js";

export type Graph = ReadonlyMap<string, readonly string[]>;

/** Strongly connected components of a directed graph (iterative Tarjan, deterministic order). */
export function stronglyConnected(graph: Graph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  const enter = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
  };
  const lower = (node: string, value: number | undefined): void => {
    low.set(node, Math.min(low.get(node) ?? 0, value ?? 0));
  };
  for (const root of [...graph.keys()].sort()) {
    if (index.has(root)) continue;
    enter(root);
    const work: Array<{ node: string; next: number }> = [{ node: root, next: 0 }];
    for (let frame = work.at(-1); frame !== undefined; frame = work.at(-1)) {
      const succ = (graph.get(frame.node) ?? [])[frame.next++];
      if (succ !== undefined) {
        if (!index.has(succ)) {
          enter(succ);
          work.push({ node: succ, next: 0 });
        } else if (onStack.has(succ)) {
          lower(frame.node, index.get(succ));
        }
        continue;
      }
      work.pop();
      const parent = work.at(-1);
      if (parent) lower(parent.node, low.get(frame.node));
      if (low.get(frame.node) !== index.get(frame.node)) continue;
      const component: string[] = [];
      for (let member = stack.pop(); member !== undefined; member = stack.pop()) {
        onStack.delete(member);
        component.push(member);
        if (member === frame.node) break;
      }
      components.push(component.sort());
    }
  }
  return components;
}

/** Shortest path start → … → start that stays inside `members` (breadth-first). */
export function shortestCycle(graph: Graph, start: string, members: ReadonlySet<string>): string[] {
  const previous = new Map<string, string>();
  const queue: string[] = [start];
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i];
    if (node === undefined) break;
    for (const succ of graph.get(node) ?? []) {
      if (!members.has(succ)) continue;
      if (succ === start) {
        const path: string[] = [];
        for (let at: string | undefined = node; at !== undefined && at !== start; at = previous.get(at)) {
          path.unshift(at);
        }
        return [start, ...path, start];
      }
      if (!previous.has(succ)) {
        previous.set(succ, node);
        queue.push(succ);
      }
    }
  }
  return [start, start];
}

/** Files under src/ and common/ take part in the cycle check. */
export function isCycleScope(path: string): boolean {
  return path.startsWith("src/") || path.startsWith("common/");
}

/** The file graph restricted to `inScope` files (every kind of import counts, type-only too). */
export function fileGraph(edges: readonly ImportEdge[], inScope: (path: string) => boolean): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const edge of edges) {
    if (edge.target.kind !== "file" || !inScope(edge.from) || !inScope(edge.target.path)) continue;
    const list = graph.get(edge.from) ?? [];
    if (!list.includes(edge.target.path)) list.push(edge.target.path);
    graph.set(edge.from, list);
    if (!graph.has(edge.target.path)) graph.set(edge.target.path, []);
  }
  for (const list of graph.values()) list.sort();
  return graph;
}

/** One violation per group of mutually dependent files, showing a concrete cycle path. */
export function findCycles(
  edges: readonly ImportEdge[],
  inScope: (path: string) => boolean = isCycleScope,
): Violation[] {
  const graph = fileGraph(edges, inScope);
  const out: Violation[] = [];
  for (const component of stronglyConnected(graph)) {
    const start = component[0];
    if (start === undefined) continue;
    if (component.length === 1 && !(graph.get(start) ?? []).includes(start)) continue;
    const cycle = shortestCycle(graph, start, new Set(component));
    const extra = component.length > cycle.length - 1 ? ` (${component.length} files are mutually dependent)` : "";
    out.push({ rule: "import-cycle", file: start, message: `${cycle.join(" → ")}${extra}` });
  }
  return out;
}

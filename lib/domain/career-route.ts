/**
 * The person's place on the career paths: the shortest route from the current role to the target role, the roles
 * one step on from the current role, and the career graph of just those roles, laid out for the dashboard.
 *
 * Path graph (as the suggestion engine walks it): "entry" and "progression" paths go one way (from → to), "lateral"
 * paths go both ways. Paths whose ends are not both roles are ignored.
 */
import type { PathKind, Role, Taxonomy } from "./types";
import { compareIds } from "./scale";
import { careerGraphLayout, type CareerGraph, type GraphEdge, type GraphNode } from "./taxonomy-views";

export type RouteStep = {
  id: string;
  title: string;
  kind: Role["kind"];
  track: Role["track"];
  /** How this role is reached from the step before it; null for the first step. */
  via: PathKind | null;
};

export type NextRole = { id: string; title: string; kind: Role["kind"]; via: PathKind };

type Move = { to: string; kind: PathKind };

/** Moves out of each role: entry/progression forward, lateral both ways; progression wins over lateral for a pair. */
function movesOf(taxonomy: Taxonomy): Map<string, Move[]> {
  const ids = new Set(taxonomy.roles.map((r) => r.id));
  const out = new Map<string, Map<string, PathKind>>();
  const add = (from: string, to: string, kind: PathKind) => {
    if (from === to) return;
    const m = out.get(from) ?? new Map<string, PathKind>();
    const had = m.get(to);
    if (had === undefined || (had === "lateral" && kind !== "lateral")) m.set(to, kind);
    out.set(from, m);
  };
  for (const p of taxonomy.paths) {
    if (!ids.has(p.from) || !ids.has(p.to)) continue;
    add(p.from, p.to, p.kind);
    if (p.kind === "lateral") add(p.to, p.from, "lateral");
  }
  return new Map(
    [...out].map(([from, m]) => [
      from,
      [...m].map(([to, kind]) => ({ to, kind })).sort((a, b) => compareIds(a.to, b.to)),
    ]),
  );
}

/**
 * Shortest route (fewest moves) from role `fromId` to role `toId`, both ends included; ties go to the route whose
 * role ids come first. `[from]` when both are the same role; null when either is unknown or no route exists.
 */
export function careerRoute(taxonomy: Taxonomy, fromId: string, toId: string): RouteStep[] | null {
  const roles = new Map(taxonomy.roles.map((r) => [r.id, r]));
  if (!roles.has(fromId) || !roles.has(toId)) return null;
  const moves = movesOf(taxonomy);
  const prev = new Map<string, { from: string | null; via: PathKind | null }>([[fromId, { from: null, via: null }]]);
  const queue = [fromId];
  while (queue.length > 0 && !prev.has(toId)) {
    const at = queue.shift()!;
    for (const m of moves.get(at) ?? []) {
      if (prev.has(m.to)) continue;
      prev.set(m.to, { from: at, via: m.kind });
      queue.push(m.to);
    }
  }
  if (!prev.has(toId)) return null;
  const steps: RouteStep[] = [];
  for (let id: string | null = toId; id !== null; id = prev.get(id)!.from) {
    const r = roles.get(id)!;
    steps.push({ id, title: r.title, kind: r.kind, track: r.track, via: prev.get(id)!.via });
  }
  return steps.reverse();
}

/** Roles one move on from `roleId` (entry, progression or lateral), by title. */
export function nextRoles(taxonomy: Taxonomy, roleId: string): NextRole[] {
  const roles = new Map(taxonomy.roles.map((r) => [r.id, r]));
  return (movesOf(taxonomy).get(roleId) ?? [])
    .map((m) => ({ id: m.to, title: roles.get(m.to)!.title, kind: roles.get(m.to)!.kind, via: m.kind }))
    .sort((a, b) => a.title.localeCompare(b.title) || compareIds(a.id, b.id));
}

export type RouteGraphNode = GraphNode & { onRoute: boolean; target: boolean };
export type RouteGraphEdge = GraphEdge & { onRoute: boolean };
export type RouteGraph = Omit<CareerGraph, "nodes" | "edges"> & { nodes: RouteGraphNode[]; edges: RouteGraphEdge[] };

export type CareerView = {
  /** Current role → … → target role; null without both roles or when no route exists. */
  route: RouteStep[] | null;
  /** Roles one move on from the current role (empty without one). */
  next: NextRole[];
  /** The graph of the current role, the route, the target and the next roles (all roles when neither role is set). */
  graph: RouteGraph;
};

/** Everything the dashboard's career section shows for a current and a target role (either may be null). */
export function careerView(
  taxonomy: Taxonomy,
  { currentId, targetId }: { currentId: string | null; targetId: string | null },
): CareerView {
  const known = new Set(taxonomy.roles.map((r) => r.id));
  const current = currentId !== null && known.has(currentId) ? currentId : null;
  const target = targetId !== null && known.has(targetId) ? targetId : null;
  const route = current && target && current !== target ? careerRoute(taxonomy, current, target) : null;
  const next = current ? nextRoles(taxonomy, current) : [];
  let keep: Set<string> | null = null;
  if (current || target) {
    keep = new Set([...(route ?? []).map((s) => s.id), ...next.map((n) => n.id)]);
    if (current) keep.add(current);
    if (target) keep.add(target);
    // Only a target: show it with where it leads and where it is reached from.
    if (!current && target)
      for (const p of taxonomy.paths) if (p.to === target || p.from === target) keep.add(p.from).add(p.to);
  }
  const only = keep;
  const sub: Taxonomy = only
    ? {
        ...taxonomy,
        roles: taxonomy.roles.filter((r) => only.has(r.id)),
        paths: taxonomy.paths.filter((p) => only.has(p.from) && only.has(p.to)),
      }
    : taxonomy;
  const layout = careerGraphLayout(sub);
  const onRoute = new Set((route ?? []).map((s) => s.id));
  const routeEdge = new Set((route ?? []).slice(1).map((s, i) => `${route![i]!.id}>${s.id}`));
  return {
    route,
    next,
    graph: {
      ...layout,
      nodes: layout.nodes.map((n) => ({
        ...n,
        current: n.id === current,
        onRoute: onRoute.has(n.id),
        target: n.id === target,
      })),
      edges: layout.edges.map((e) => ({
        ...e,
        onRoute: routeEdge.has(`${e.from}>${e.to}`) || (e.kind === "lateral" && routeEdge.has(`${e.to}>${e.from}`)),
      })),
    },
  };
}

/**
 * Pure view shaping for the taxonomy pages: requirement shapes for radar charts, the career graph layout,
 * and "who needs this skill". Plain data in, chart-ready data out.
 */
import type { Importance, PathKind, Role, Taxonomy } from "./types";

export type RadarPoint = { category: string; categoryName: string; required: number; current?: number };

/** Per category: the mean required level (0–5, 1 decimal) of a role's requirements in that category. */
export function requirementShape(role: Role, taxonomy: Taxonomy): RadarPoint[] {
  const categoryOf = new Map(taxonomy.skills.map((s) => [s.id, s.category]));
  const sums = new Map<string, { total: number; n: number }>();
  for (const q of role.requirements) {
    const c = categoryOf.get(q.skill);
    if (!c) continue;
    const acc = sums.get(c) ?? { total: 0, n: 0 };
    acc.total += q.level;
    acc.n += 1;
    sums.set(c, acc);
  }
  return taxonomy.categories
    .filter((c) => sums.has(c.id))
    .map((c) => ({
      category: c.id,
      categoryName: c.name,
      required: Math.round((sums.get(c.id)!.total / sums.get(c.id)!.n) * 10) / 10,
    }));
}

export type GraphNode = {
  id: string;
  title: string;
  track: Role["track"];
  kind: Role["kind"];
  seniority: number;
  x: number;
  y: number;
  current?: boolean;
};
export type GraphEdge = { from: string; to: string; kind: PathKind; x1: number; y1: number; x2: number; y2: number };
export type CareerGraph = { width: number; height: number; nodes: GraphNode[]; edges: GraphEdge[] };

export const NODE_W = 150;
export const NODE_H = 44;
const COL_GAP = 40;
const ROW_GAP = 14;
const LANE_GAP = 36;

/**
 * Layout of the career graph: one column per seniority level, infrastructure lane above platform lane,
 * nodes stacked within a cell by title. Coordinates are SVG pixels; edges run between node borders.
 * `focus` limits the graph to a role and its neighbours within `hops` steps.
 */
export function careerGraphLayout(taxonomy: Taxonomy, opts: { focus?: string; hops?: number } = {}): CareerGraph {
  let roles = taxonomy.roles;
  if (opts.focus) {
    const keep = new Set([opts.focus]);
    for (let h = 0; h < (opts.hops ?? 1); h++) {
      for (const p of taxonomy.paths) {
        if (keep.has(p.from)) keep.add(p.to);
        if (keep.has(p.to)) keep.add(p.from);
      }
    }
    roles = roles.filter((r) => keep.has(r.id));
  }
  const levels = [...new Set(roles.map((r) => r.seniority))].sort((a, b) => a - b);
  const col = new Map(levels.map((l, i) => [l, i]));
  const lanes: Role["track"][] = ["infrastructure", "platform"];
  const cells = new Map<string, Role[]>();
  for (const r of roles) {
    const key = `${r.track}:${r.seniority}`;
    cells.set(
      key,
      [...(cells.get(key) ?? []), r].sort((a, b) => a.title.localeCompare(b.title)),
    );
  }
  const laneRows = lanes.map((t) => Math.max(1, ...levels.map((l) => cells.get(`${t}:${l}`)?.length ?? 0)));
  const laneTop = [0, laneRows[0] * (NODE_H + ROW_GAP) + LANE_GAP];
  const nodes: GraphNode[] = [];
  for (const r of roles) {
    const lane = lanes.indexOf(r.track);
    const idx = cells.get(`${r.track}:${r.seniority}`)!.indexOf(r);
    nodes.push({
      id: r.id,
      title: r.title,
      track: r.track,
      kind: r.kind,
      seniority: r.seniority,
      x: col.get(r.seniority)! * (NODE_W + COL_GAP) + 10,
      y: laneTop[lane] + idx * (NODE_H + ROW_GAP) + 24,
      current: r.id === opts.focus,
    });
  }
  const at = new Map(nodes.map((n) => [n.id, n]));
  const edges: GraphEdge[] = [];
  for (const p of taxonomy.paths) {
    const a = at.get(p.from);
    const b = at.get(p.to);
    if (!a || !b) continue;
    const sameCol = a.x === b.x;
    const forward = b.x >= a.x;
    edges.push({
      from: p.from,
      to: p.to,
      kind: p.kind,
      x1: sameCol ? a.x + NODE_W / 2 : forward ? a.x + NODE_W : a.x,
      y1: sameCol ? (b.y > a.y ? a.y + NODE_H : a.y) : a.y + NODE_H / 2,
      x2: sameCol ? b.x + NODE_W / 2 : forward ? b.x : b.x + NODE_W,
      y2: sameCol ? (b.y > a.y ? b.y : b.y + NODE_H) : b.y + NODE_H / 2,
    });
  }
  const width = Math.max(1, levels.length) * (NODE_W + COL_GAP) + 20;
  const height = laneTop[1] + laneRows[1] * (NODE_H + ROW_GAP) + 30;
  return { width, height, nodes, edges };
}

export type SkillDemand = {
  roleId: string;
  title: string;
  track: Role["track"];
  level: number;
  importance: Importance;
};

/** Roles that require a skill, highest level first, then by title. */
export function rolesNeedingSkill(skillId: string, taxonomy: Taxonomy): SkillDemand[] {
  return taxonomy.roles
    .flatMap((r) =>
      r.requirements
        .filter((q) => q.skill === skillId)
        .map((q) => ({ roleId: r.id, title: r.title, track: r.track, level: q.level, importance: q.importance })),
    )
    .sort((a, b) => b.level - a.level || a.title.localeCompare(b.title));
}

/** Where people come from (incoming paths) and where they go next (outgoing), with the other role's title. */
export function roleNeighbours(roleId: string, taxonomy: Taxonomy) {
  const title = new Map(taxonomy.roles.map((r) => [r.id, r.title]));
  const from = taxonomy.paths
    .filter((p) => p.to === roleId && title.has(p.from))
    .map((p) => ({ id: p.from, title: title.get(p.from)!, kind: p.kind }));
  const to = taxonomy.paths
    .filter((p) => p.from === roleId && title.has(p.to))
    .map((p) => ({ id: p.to, title: title.get(p.to)!, kind: p.kind }));
  const byTitle = (a: { title: string }, b: { title: string }) => a.title.localeCompare(b.title);
  return { from: from.sort(byTitle), to: to.sort(byTitle) };
}

/** Per category of a role's requirements: mean required level and the person's mean level on the same skills (0–5, 1 decimal). */
export function levelsVsRole(
  levels: Readonly<Record<string, number>>,
  role: Role,
  taxonomy: Taxonomy,
): Required<RadarPoint>[] {
  const shape = requirementShape(role, taxonomy);
  const categoryOf = new Map(taxonomy.skills.map((s) => [s.id, s.category]));
  return shape.map((p) => {
    const reqs = role.requirements.filter((q) => categoryOf.get(q.skill) === p.category);
    const mean = reqs.reduce((n, q) => n + Math.min(levels[q.skill] ?? 0, 5), 0) / reqs.length;
    return { ...p, current: Math.round(mean * 10) / 10 };
  });
}

export type GoalProgress = {
  id: string;
  skill: string;
  skillName: string;
  targetLevel: number;
  current: number;
  progress: number;
  done: boolean;
};

/** Goal progress from current ratings: current ÷ target, capped at 100 (%). */
export function goalProgress(
  goals: readonly { id: string; skillId: string; targetLevel: number }[],
  levels: Readonly<Record<string, number>>,
  taxonomy: Taxonomy,
): GoalProgress[] {
  const name = new Map(taxonomy.skills.map((s) => [s.id, s.name]));
  return goals.map((g) => {
    const current = levels[g.skillId] ?? 0;
    return {
      id: g.id,
      skill: g.skillId,
      skillName: name.get(g.skillId) ?? g.skillId,
      targetLevel: g.targetLevel,
      current,
      progress: Math.min(100, Math.round((100 * current) / g.targetLevel)),
      done: current >= g.targetLevel,
    };
  });
}

/**
 * The titles to show for a list of source ids, in order and without repeats. An id missing from the catalogue
 * (an imported taxonomy may cite its own sources) is shown as written.
 */
export function sourceTitles(ids: readonly string[], catalogue: readonly { id: string; title: string }[]): string[] {
  const title = new Map(catalogue.map((s) => [s.id, s.title]));
  return [...new Set(ids.map((id) => title.get(id) ?? id))];
}

/** What each seniority step (1–8) stands for, as the README's seniority scheme names it. */
export const SENIORITY_LABEL: Readonly<Record<number, string>> = {
  1: "Entry points",
  2: "Engineers",
  3: "Senior engineers and architects",
  4: "First-line managers",
  5: "Senior managers",
  6: "Directors",
  7: "Vice presidents",
  8: "C-level",
};

export type LadderRole = { id: string; title: string; kind: Role["kind"]; current: boolean };
export type LadderRow = { seniority: number; label: string; tracks: Record<Role["track"], LadderRole[]> };

/**
 * The role map as rows: one per seniority level present (1 = entry, ascending), each with the roles of either
 * track sorted by title. `focus` keeps a role and the roles within `hops` career-path steps of it (marked current).
 */
export function roleLadder(taxonomy: Taxonomy, opts: { focus?: string; hops?: number } = {}): LadderRow[] {
  let keep: Set<string> | undefined;
  if (opts.focus) {
    let reached = new Set([opts.focus]);
    for (let h = 0; h < (opts.hops ?? 1); h++) {
      const next = new Set<string>(reached);
      for (const p of taxonomy.paths) {
        if (reached.has(p.from)) next.add(p.to);
        if (reached.has(p.to)) next.add(p.from);
      }
      reached = next;
    }
    keep = reached;
  }
  const roles = taxonomy.roles.filter((r) => !keep || keep.has(r.id));
  const levels = [...new Set(roles.map((r) => r.seniority))].sort((a, b) => a - b);
  const byTitle = (a: LadderRole, b: LadderRole) => a.title.localeCompare(b.title);
  return levels.map((seniority) => {
    const at = (track: Role["track"]) =>
      roles
        .filter((r) => r.seniority === seniority && r.track === track)
        .map((r) => ({ id: r.id, title: r.title, kind: r.kind, current: r.id === opts.focus }))
        .sort(byTitle);
    return {
      seniority,
      label: SENIORITY_LABEL[seniority] ?? `Seniority ${seniority}`,
      tracks: { infrastructure: at("infrastructure"), platform: at("platform") },
    };
  });
}

/**
 * Learning path towards a role: the gaps as ordered steps.
 *
 * Steps: every requirement the person is below, raised to the required level; plus, for any step
 * skill, each prerequisite (taxonomy Skill.prerequisites) the person holds below level 2
 * (PREREQ_LEVEL), raised to 2 — recursively. Order: a prerequisite always comes before the skills
 * that need it; among the steps whose prerequisites are done, core before important before bonus
 * (a prerequisite inherits the strongest importance of what it unblocks), then the smallest step
 * (fewest levels), then skill id.
 *
 * Each reason states the step's size (from → to), what needs it (the role, at which level and importance; the steps
 * it is a prerequisite of) and why it comes where it does: before what builds on it, or as the smallest remaining
 * gap of its importance ("tied" only when another remaining gap of that importance is exactly as small).
 */
import type { Importance, Levels, Role, Taxonomy } from "./types";
import { normalizeRequirements } from "./fit";
import { IMPORTANCES, IMPORTANCE_RANK, compareIds, joinNames, validateLevels } from "./scale";

/** Level a prerequisite must reach before the skills that depend on it (0–5). */
export const PREREQ_LEVEL = 2;

export type LearningStep = {
  /** 1-based position. */
  order: number;
  skill: string;
  skillName: string;
  /** Current level and level to reach, 0–5. */
  from: number;
  to: number;
  /** The role's importance for the skill, or "prerequisite" when the role does not require it. */
  importance: Importance | "prerequisite";
  reason: string;
};

type Node = { skill: string; from: number; to: number; rank: number | null; dependents: Set<string>; eff: number };

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Ordered steps (levels 0–5) closing the gaps of `levels` to `role`, prerequisites first.
 * Unknown skill ids in `levels` are ignored; levels off 0–5 throw a DomainError.
 */
export function planLearningPath(levels: Levels, role: Role, taxonomy: Taxonomy): LearningStep[] {
  validateLevels(levels);
  const skills = new Map(taxonomy.skills.map((s) => [s.id, s]));
  const name = (id: string) => skills.get(id)?.name ?? id;
  const cur = (id: string) => levels[id] ?? 0;

  const nodes = new Map<string, Node>();
  const queue: string[] = [];
  for (const r of normalizeRequirements(role)) {
    if (cur(r.skill) >= r.level) continue;
    nodes.set(r.skill, {
      skill: r.skill,
      from: cur(r.skill),
      to: r.level,
      rank: IMPORTANCE_RANK[r.importance],
      dependents: new Set(),
      eff: 3,
    });
    queue.push(r.skill);
  }
  // Add prerequisites below PREREQ_LEVEL, recursively (guarded against cycles by the `to` check).
  while (queue.length > 0) {
    const s = queue.shift()!;
    for (const p of skills.get(s)?.prerequisites ?? []) {
      if (!skills.has(p) || p === s || cur(p) >= PREREQ_LEVEL) continue;
      let n = nodes.get(p);
      if (!n) {
        n = { skill: p, from: cur(p), to: PREREQ_LEVEL, rank: null, dependents: new Set(), eff: 3 };
        nodes.set(p, n);
        queue.push(p);
      } else if (n.to < PREREQ_LEVEL) n.to = PREREQ_LEVEL;
    }
  }
  // Edges between steps: p must come before s when p is a prerequisite of s.
  const before = new Map<string, Set<string>>([...nodes.keys()].map((k) => [k, new Set()]));
  for (const n of nodes.values()) {
    for (const p of skills.get(n.skill)?.prerequisites ?? []) {
      if (p !== n.skill && nodes.has(p)) {
        before.get(n.skill)!.add(p);
        nodes.get(p)!.dependents.add(n.skill);
      }
    }
  }
  // Effective rank: own rank or the strongest rank of anything it unblocks.
  const effective = (n: Node, seen: Set<string>): number => {
    if (seen.has(n.skill)) return n.rank ?? 3;
    seen.add(n.skill);
    let e = n.rank ?? 3;
    for (const d of n.dependents) e = Math.min(e, effective(nodes.get(d)!, seen));
    seen.delete(n.skill);
    return e;
  };
  for (const n of nodes.values()) n.eff = effective(n, new Set());

  const key = (a: Node, b: Node) => a.eff - b.eff || a.to - a.from - (b.to - b.from) || compareIds(a.skill, b.skill);
  const size = (n: Node) => n.to - n.from;
  const done = new Set<string>();
  const ordered: { node: Node; clause: string }[] = [];
  while (done.size < nodes.size) {
    const open = [...nodes.values()].filter((n) => !done.has(n.skill));
    let ready = open.filter((n) => [...before.get(n.skill)!].every((p) => done.has(p)));
    if (ready.length === 0) ready = open; // only on a (forbidden) prerequisite cycle
    ready.sort(key);
    const pick = ready[0]!;
    done.add(pick.skill);
    // A step others build on is placed by that; only the rest are placed by their size.
    const bySize = pick.rank === pick.eff && pick.dependents.size === 0;
    ordered.push({ node: pick, clause: bySize ? sizeClause(pick, open, size, name) : "" });
  }

  const position = new Map(ordered.map((o, i) => [o.node.skill, i]));
  return ordered.map(({ node, clause }, i): LearningStep => {
    const deps = [...node.dependents].sort((x, y) => position.get(x)! - position.get(y)!).map(name);
    const parts: string[] = [];
    if (node.rank !== null) parts.push(`${capital(IMPORTANCES[node.rank]!)} for ${role.title} at level ${node.to}`);
    if (deps.length > 0) {
      const lead = node.rank === null ? "Prerequisite" : "prerequisite";
      // Promoted ahead of its own importance group because something more important builds on it.
      parts.push(`${lead} of ${joinNames(deps)}${node.rank !== node.eff ? ", so it comes first" : ""}`);
    }
    if (clause) parts.push(clause);
    const n = size(node);
    return {
      order: i + 1,
      skill: node.skill,
      skillName: name(node.skill),
      from: node.from,
      to: node.to,
      importance: node.rank === null ? "prerequisite" : IMPORTANCES[node.rank]!,
      reason: `${n} level${n === 1 ? "" : "s"} (${node.from} → ${node.to}). ${parts.join("; ")}.`,
    };
  });
}

/**
 * Why `pick` comes next among the remaining steps of its own importance (`open` includes it): the smallest remaining
 * gap, tied only when another remaining step of that importance is exactly as small; empty when it is the last one.
 */
function sizeClause(pick: Node, open: Node[], size: (n: Node) => number, name: (id: string) => string): string {
  const peers = open.filter((n) => n !== pick && n.rank === pick.rank);
  if (peers.length === 0) return "";
  const group = pick.rank === null ? "prerequisite" : IMPORTANCES[pick.rank]!;
  const min = Math.min(...peers.map(size));
  if (size(pick) > min) {
    const smaller = peers.filter((n) => size(n) < size(pick)).map((n) => name(n.skill));
    return smaller.length === 1
      ? `${smaller[0]} is a smaller ${group} gap but waits on its prerequisites`
      : `${joinNames(smaller.sort((a, b) => a.localeCompare(b)))} are smaller ${group} gaps but wait on their prerequisites`;
  }
  const tied = peers.filter((n) => size(n) === size(pick)).map((n) => name(n.skill));
  if (tied.length === 0) return `the smallest remaining ${group} gap`;
  return `tied with ${joinNames(tied.sort((a, b) => a.localeCompare(b)))} for the smallest remaining ${group} gap`;
}

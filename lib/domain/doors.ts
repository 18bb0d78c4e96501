/**
 * "Gaps that open the most doors", weighted towards the person: one entry per skill, listing the candidate roles
 * whose core requirement on it the person is below.
 *
 * Role weight: 3 for a role on the route to the target (the target included), 2 for another role on the track of the
 * current or target role, 1 otherwise. Manager and executive roles count only when the current or target role is a
 * manager or executive role, or when they are on the route to the target; otherwise they weigh 0 and are left out.
 * Order: total weight desc, then roles opened desc, then smallest step (level − current), then skill id.
 */
import type { Levels, Role, Taxonomy } from "./types";
import { normalizeRequirements } from "./fit";
import { compareIds } from "./scale";

export const DOOR_WEIGHT_ROUTE = 3;
export const DOOR_WEIGHT_TRACK = 2;
export const DOOR_WEIGHT_OTHER = 1;

export type DoorRole = { id: string; title: string; kind: Role["kind"]; required: number; weight: number };

export type DoorGap = {
  skill: string;
  name: string;
  /** The skill's category kind: "technical" or "leadership". */
  categoryKind: "technical" | "leadership";
  /** Current level and the level that opens every listed role (the highest they require), 0–5. */
  current: number;
  level: number;
  /** Roles opened, heaviest first, then by title. */
  roles: DoorRole[];
  /** Sum of the roles' weights (≥ 1). */
  weight: number;
};

export type DoorOptions = {
  currentRoleId: string | null;
  targetRoleId: string | null;
  /** Roles the person could move to (the suggestion engine's candidates); the route and the target are added. */
  candidateRoleIds: readonly string[];
  /** Role ids on the route from the current role to the target, both ends included (empty without one). */
  routeRoleIds: readonly string[];
};

const isManagement = (r: Role) => r.kind === "manager" || r.kind === "executive";

/** Skills whose core gaps hold the person back from the most (weighted) candidate roles; levels 0–5. */
export function doorOpeningGaps(levels: Levels, taxonomy: Taxonomy, opts: DoorOptions): DoorGap[] {
  const roles = new Map(taxonomy.roles.map((r) => [r.id, r]));
  const current = opts.currentRoleId ? roles.get(opts.currentRoleId) : undefined;
  const target = opts.targetRoleId ? roles.get(opts.targetRoleId) : undefined;
  const route = new Set(opts.routeRoleIds);
  if (target) route.add(target.id);
  if (current) route.delete(current.id);
  const tracks = new Set([current?.track, target?.track].filter((t) => t !== undefined));
  const managementWanted = [current, target].some((r) => r !== undefined && isManagement(r));

  const weightOf = (r: Role): number => {
    if (route.has(r.id)) return DOOR_WEIGHT_ROUTE;
    if (isManagement(r) && !managementWanted) return 0;
    return tracks.has(r.track) ? DOOR_WEIGHT_TRACK : DOOR_WEIGHT_OTHER;
  };

  const skills = new Map(taxonomy.skills.map((s) => [s.id, s]));
  const categoryKind = new Map(taxonomy.categories.map((c) => [c.id, c.kind]));
  const ids = new Set([...opts.candidateRoleIds, ...route]);
  if (current) ids.delete(current.id);
  const bySkill = new Map<string, DoorRole[]>();
  for (const id of ids) {
    const r = roles.get(id);
    if (!r) continue;
    const weight = weightOf(r);
    if (weight === 0) continue;
    for (const q of normalizeRequirements(r)) {
      if (q.importance !== "core" || (levels[q.skill] ?? 0) >= q.level) continue;
      const list = bySkill.get(q.skill) ?? [];
      list.push({ id: r.id, title: r.title, kind: r.kind, required: q.level, weight });
      bySkill.set(q.skill, list);
    }
  }
  const out: DoorGap[] = [...bySkill].map(([skill, list]) => {
    const s = skills.get(skill);
    return {
      skill,
      name: s?.name ?? skill,
      categoryKind: (s && categoryKind.get(s.category)) ?? "technical",
      current: levels[skill] ?? 0,
      level: Math.max(...list.map((d) => d.required)),
      roles: list.sort((a, b) => b.weight - a.weight || a.title.localeCompare(b.title) || compareIds(a.id, b.id)),
      weight: list.reduce((n, d) => n + d.weight, 0),
    };
  });
  return out.sort(
    (a, b) =>
      b.weight - a.weight ||
      b.roles.length - a.roles.length ||
      a.level - a.current - (b.level - b.current) ||
      compareIds(a.skill, b.skill),
  );
}

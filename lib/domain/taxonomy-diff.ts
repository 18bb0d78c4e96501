/**
 * What a taxonomy draft changes: skills, roles, requirements and career paths added, retired or edited, and how
 * people's role fit would move. Pure: plain taxonomies and levels in, plain data out.
 */
import { fitForRequirements, normalizeRequirements } from "./fit";
import { compareIds } from "./scale";
import type { CareerPath, LearningResource, Levels, PathKind, Requirement, Role, Skill, Taxonomy } from "./types";

/** Every kind of career path, as the editor names it. */
export const PATH_KIND_LABELS: Readonly<Record<PathKind, string>> = {
  entry: "Entry: a usual way into that role (a step up)",
  progression: "Progression: the next step up",
  lateral: "Lateral: a move across, either way",
};
/** The same kinds as a list, for the form's choice (a unit test keeps it equal to the labels' keys). */
export const PATH_KINDS = ["entry", "progression", "lateral"] as const satisfies readonly PathKind[];

export type ListChange = { added: string[]; removed: string[] };
export type TextChange = { before: string; after: string };

/** One field of a skill that differs. `levels` lists the levels (1–5) whose descriptor changed. */
export type SkillFieldChange =
  | ({ field: "name" | "description" | "category" } & TextChange)
  | ({ field: "aliases" | "tools" | "prerequisites" | "sources" } & ListChange)
  | { field: "levels"; levels: number[]; before: string[]; after: string[] }
  | {
      field: "resources";
      added: LearningResource[];
      removed: LearningResource[];
      changed: { before: LearningResource; after: LearningResource }[];
    };

export type SkillChange = { id: string; name: string; changes: SkillFieldChange[] };

/** A requirement added (before null), removed (after null), or with a new level or importance. */
export type RequirementChange = { skill: string; before: Requirement | null; after: Requirement | null };

export type RoleChange = {
  id: string;
  title: string;
  /** Scalar fields that differ (title, track, kind, seniority, texts, salary, collaborators), written out. */
  fields: ({ field: string } & TextChange)[];
  requirements: RequirementChange[];
};

export type PathChange = { from: string; to: string; before: PathKind; after: PathKind };

export type TaxonomyDiff = {
  skills: { added: Skill[]; retired: Skill[]; changed: SkillChange[] };
  roles: { added: Role[]; retired: Role[]; changed: RoleChange[] };
  paths: { added: CareerPath[]; removed: CareerPath[]; changed: PathChange[] };
  /** Ids of categories and certifications added, removed or edited, and whether the generic scale changed. */
  categories: { added: string[]; removed: string[]; changed: string[] };
  certifications: { added: string[]; removed: string[]; changed: string[] };
  scaleChanged: boolean;
};

/** JSON with object keys sorted, so the same data compares equal whatever order its keys were stored in (jsonb). */
function stable(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
const same = (a: unknown, b: unknown) => stable(a) === stable(b);

/** Items of `after` missing from `before` and the reverse, each once, in their list's order. */
export function listChange(before: readonly string[], after: readonly string[]): ListChange {
  const b = new Set(before);
  const a = new Set(after);
  return { added: [...a].filter((x) => !b.has(x)), removed: [...b].filter((x) => !a.has(x)) };
}

const hasChange = (c: ListChange) => c.added.length > 0 || c.removed.length > 0;

/** The fields of one skill that differ between two versions of it, in form order; empty when none. */
export function diffSkill(before: Skill, after: Skill): SkillFieldChange[] {
  const out: SkillFieldChange[] = [];
  for (const field of ["name", "description", "category"] as const)
    if (before[field] !== after[field]) out.push({ field, before: before[field], after: after[field] });
  for (const field of ["aliases", "tools"] as const) {
    const c = listChange(before[field], after[field]);
    if (hasChange(c)) out.push({ field, ...c });
  }
  if (!same(before.levels, after.levels)) {
    const levels = [1, 2, 3, 4, 5].filter((l) => (before.levels[l - 1] ?? "") !== (after.levels[l - 1] ?? ""));
    out.push({ field: "levels", levels, before: [...before.levels], after: [...after.levels] });
  }
  const resources = diffResources(before.resources, after.resources);
  if (resources) out.push(resources);
  const prerequisites = listChange(before.prerequisites, after.prerequisites);
  if (hasChange(prerequisites)) out.push({ field: "prerequisites", ...prerequisites });
  const sources = listChange(before.sources, after.sources);
  if (hasChange(sources)) out.push({ field: "sources", ...sources });
  return out;
}

/** Resources are matched by address: a new title or level is a change, a new address is a removal plus an addition. */
function diffResources(before: LearningResource[], after: LearningResource[]): SkillFieldChange | null {
  const old = new Map(before.map((r) => [r.url, r]));
  const now = new Map(after.map((r) => [r.url, r]));
  const added = after.filter((r) => !old.has(r.url));
  const removed = before.filter((r) => !now.has(r.url));
  const changed = after.flatMap((r) => {
    const b = old.get(r.url);
    return b && (b.title !== r.title || b.level !== r.level) ? [{ before: b, after: r }] : [];
  });
  return added.length || removed.length || changed.length ? { field: "resources", added, removed, changed } : null;
}

const salaryText = (s: Role["salary"]) => (s ? `${s.min}–${s.max} ${s.currency}` : "none");
const ROLE_FIELDS: [string, (r: Role) => string][] = [
  ["title", (r) => r.title],
  ["track", (r) => r.track],
  ["kind", (r) => r.kind],
  ["seniority", (r) => String(r.seniority)],
  ["summary", (r) => r.summary],
  ["focus", (r) => r.focus],
  ["environment", (r) => r.environment],
  ["output", (r) => r.output],
  ["collaborates", (r) => r.collaborates.join(", ")],
  ["reports to", (r) => r.reportsTo ?? "nobody named"],
  ["salary", (r) => salaryText(r.salary)],
  ["sources", (r) => r.sources.join(", ")],
];

/** Requirement changes of one role, by skill: added and changed in the new order, then removed in the old. */
export function diffRequirements(before: readonly Requirement[], after: readonly Requirement[]): RequirementChange[] {
  const old = new Map(before.map((q) => [q.skill, q]));
  const now = new Map(after.map((q) => [q.skill, q]));
  const out: RequirementChange[] = [];
  for (const q of after) {
    const b = old.get(q.skill);
    if (!b || b.level !== q.level || b.importance !== q.importance)
      out.push({ skill: q.skill, before: b ? { ...b } : null, after: { ...q } });
  }
  for (const q of before) if (!now.has(q.skill)) out.push({ skill: q.skill, before: { ...q }, after: null });
  return out;
}

function diffRole(before: Role, after: Role): RoleChange | null {
  const fields = ROLE_FIELDS.flatMap(([field, read]) =>
    read(before) === read(after) ? [] : [{ field, before: read(before), after: read(after) }],
  );
  const requirements = diffRequirements(before.requirements, after.requirements);
  return fields.length || requirements.length ? { id: after.id, title: after.title, fields, requirements } : null;
}

/** Added, removed and changed ids of a list keyed by id; `changed` compares the whole item. */
function diffById<T extends { id: string }>(before: readonly T[], after: readonly T[]) {
  const old = new Map(before.map((x) => [x.id, x]));
  const now = new Set(after.map((x) => x.id));
  return {
    added: after.filter((x) => !old.has(x.id)).map((x) => x.id),
    removed: before.filter((x) => !now.has(x.id)).map((x) => x.id),
    changed: after.filter((x) => old.has(x.id) && !same(old.get(x.id), x)).map((x) => x.id),
  };
}

const pathKey = (p: { from: string; to: string }) => `${p.from}\u0000${p.to}`;

/**
 * Everything `draft` changes against `current`, item by item: added and changed items in the draft's order, retired
 * ones in the current order. Each id appears in at most one list of its section. Empty lists: no change.
 */
export function diffTaxonomy(current: Taxonomy, draft: Taxonomy): TaxonomyDiff {
  const oldSkills = new Map(current.skills.map((s) => [s.id, s]));
  const newSkillIds = new Set(draft.skills.map((s) => s.id));
  const oldRoles = new Map(current.roles.map((r) => [r.id, r]));
  const newRoleIds = new Set(draft.roles.map((r) => r.id));
  const oldPaths = new Map(current.paths.map((p) => [pathKey(p), p]));
  const newPaths = new Set(draft.paths.map(pathKey));
  return {
    skills: {
      added: draft.skills.filter((s) => !oldSkills.has(s.id)),
      retired: current.skills.filter((s) => !newSkillIds.has(s.id)),
      changed: draft.skills.flatMap((s) => {
        const b = oldSkills.get(s.id);
        const changes = b ? diffSkill(b, s) : [];
        return changes.length ? [{ id: s.id, name: s.name, changes }] : [];
      }),
    },
    roles: {
      added: draft.roles.filter((r) => !oldRoles.has(r.id)),
      retired: current.roles.filter((r) => !newRoleIds.has(r.id)),
      changed: draft.roles.flatMap((r) => {
        const b = oldRoles.get(r.id);
        const c = b ? diffRole(b, r) : null;
        return c ? [c] : [];
      }),
    },
    paths: {
      added: draft.paths.filter((p) => !oldPaths.has(pathKey(p))),
      removed: current.paths.filter((p) => !newPaths.has(pathKey(p))),
      changed: draft.paths.flatMap((p) => {
        const b = oldPaths.get(pathKey(p));
        return b && b.kind !== p.kind ? [{ from: p.from, to: p.to, before: b.kind, after: p.kind }] : [];
      }),
    },
    categories: diffById(current.categories, draft.categories),
    certifications: diffById(current.certifications, draft.certifications),
    scaleChanged: !same(
      [...current.scale].sort((a, b) => a.level - b.level),
      [...draft.scale].sort((a, b) => a.level - b.level),
    ),
  };
}

/** True when the diff holds no change at all. */
export function isEmptyDiff(d: TaxonomyDiff): boolean {
  const lists = [d.skills, d.roles, d.paths, d.categories, d.certifications].flatMap((s) => Object.values(s));
  return !d.scaleChanged && lists.every((l: unknown[]) => l.length === 0);
}

/**
 * Roles whose requirements (and so people's fit) differ between the two taxonomies, and roles the draft retires.
 * Sorted by id.
 */
export function rolesWithNewRequirements(d: TaxonomyDiff): string[] {
  const changed = d.roles.changed.filter((r) => r.requirements.length > 0).map((r) => r.id);
  return [...changed, ...d.roles.retired.map((r) => r.id)].sort(compareIds);
}

export type PersonRole = { roleId: string; levels: Levels };

export type RoleFitMoves = {
  roleId: string;
  title: string;
  people: number;
  up: number;
  down: number;
  /** The largest rise and the largest fall of one person's fit, in fit points (0–100; `biggestDown` ≤ 0). */
  biggestUp: number;
  biggestDown: number;
};

export type FitMoves = { people: number; up: number; down: number; unchanged: number; byRole: RoleFitMoves[] };

/**
 * How people's fit (0–100, lib/domain/fit.ts) to their role moves from `current` to `draft`, computed from their
 * levels. People whose role the draft retires, or that either taxonomy lacks, are left out. Roles by most moves.
 */
export function countFitMoves(current: Taxonomy, draft: Taxonomy, people: readonly PersonRole[]): FitMoves {
  const before = new Map(current.roles.map((r) => [r.id, r]));
  const after = new Map(draft.roles.map((r) => [r.id, r]));
  const reqs = new Map<string, { title: string; old: Requirement[]; now: Requirement[] } | null>();
  const byRole = new Map<string, RoleFitMoves>();
  const total = { people: 0, up: 0, down: 0, unchanged: 0 };
  for (const p of people) {
    if (!reqs.has(p.roleId)) {
      const b = before.get(p.roleId);
      const a = after.get(p.roleId);
      reqs.set(
        p.roleId,
        a && b ? { title: a.title, old: normalizeRequirements(b), now: normalizeRequirements(a) } : null,
      );
    }
    const r = reqs.get(p.roleId);
    if (!r) continue;
    const move = fitForRequirements(p.levels, r.now) - fitForRequirements(p.levels, r.old);
    const row = byRole.get(p.roleId) ?? {
      roleId: p.roleId,
      title: r.title,
      people: 0,
      up: 0,
      down: 0,
      biggestUp: 0,
      biggestDown: 0,
    };
    byRole.set(p.roleId, row);
    row.people++;
    total.people++;
    if (move > 0) {
      row.up++;
      total.up++;
      row.biggestUp = Math.max(row.biggestUp, round1(move));
    } else if (move < 0) {
      row.down++;
      total.down++;
      row.biggestDown = Math.min(row.biggestDown, round1(move));
    } else total.unchanged++;
  }
  const rows = [...byRole.values()].sort(
    (a, b) => b.up + b.down - (a.up + a.down) || b.people - a.people || compareIds(a.roleId, b.roleId),
  );
  return { ...total, byRole: rows };
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * The version string to suggest after `current`, not in `taken`: "2026.11" → "2026.11.1", "1.2.3" → "1.2.4",
 * "v7" → "v8", "2026.12.0-test" → "2026.12.0-test.1".
 */
export function suggestNextVersion(current: string, taken: readonly string[] = []): string {
  const used = new Set(taken);
  let next = bump(current.trim() || "1");
  while (used.has(next)) next = bump(next);
  return next;
}

function bump(v: string): string {
  if (/^\d+(\.\d+)?$/.test(v)) return `${v}.1`;
  const m = /^(.*?)(\d+)$/.exec(v);
  if (!m) return `${v}.1`;
  const n = (BigInt(m[2]!) + BigInt(1)).toString().padStart(m[2]!.length, "0");
  return `${m[1]}${n}`;
}

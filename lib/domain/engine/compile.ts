/**
 * Compiled taxonomy: typed-array form of roles and the career-path graph, for the hot paths
 * (suggestNextRoles over a whole organisation, benchmarks). Compile once, reuse per person.
 *
 * Path graph: "progression" and "entry" edges are directed (from → to); "lateral" edges are
 * walked both ways. Edges whose ends are not both roles are ignored.
 */
import type { Levels, Taxonomy } from "../types";
import { IMPORTANCE_RANK, IMPORTANCE_WEIGHT, DomainError, assertLevel, compareIds } from "../scale";
import { UNIT_SCALE, fitFromUnits, normalizeRequirements, requirementUnit } from "../fit";
import type { Role } from "../types";

/** How a candidate role is reached from the current one. */
export type Via = "progression" | "lateral" | `two steps via ${string}` | "high fit" | "all roles";

export type CompiledRole = {
  id: string;
  title: string;
  seniority: number;
  /** Position in compiled.roles. */
  index: number;
  /** Position of the id in sorted role ids: the deterministic tie-breaker. */
  idRank: number;
  role: Role;
  /**
   * Per requirement (level > 0), core requirements first (the first `coreCount` entries): skill
   * index, required level 1–5, units per level, importance rank.
   */
  reqSkill: Uint16Array;
  reqLevel: Uint8Array;
  reqUnit: Uint16Array;
  reqRank: Uint8Array;
  /** Number of core requirements with level > 0 (they come first in the req* arrays). */
  coreCount: number;
  /** Units always earned (requirements at level 0) and total units (Σ w·60). */
  baseUnits: number;
  totalUnits: number;
  coreTotal: number;
};

export type Reach = { role: number; via: Via };

export type CompiledTaxonomy = {
  taxonomy: Taxonomy;
  skillIds: string[];
  skillNames: string[];
  skillIndex: Map<string, number>;
  /** Position of each skill id in sorted skill ids, per skill index (deterministic tie-breaker). */
  skillRank: Uint16Array;
  /** Required level of each core requirement, at [roleIndex × skillCount + skillIndex] (0 = not core). */
  coreLevel: Uint8Array;
  /** Prerequisite skill indices, per skill index. */
  prerequisites: number[][];
  roles: CompiledRole[];
  roleIndex: Map<string, number>;
  /** Per role index: roles reachable within two hops (excluding itself), sorted by role id. */
  reach: Reach[][];
  /** The same as a dense matrix: how role `to` is reached from role `from`, at [from × roles + to]. */
  reachVia: (Via | undefined)[];
  /** Role indices in role-id order. */
  byIdRank: Uint16Array;
  /** Per skill index: the roles with a core requirement on it (level > 0), in role-id order. */
  coreRolesBySkill: Uint16Array[];
};

const cache = new WeakMap<Taxonomy, CompiledTaxonomy>();

/**
 * Precomputes skill indices, requirement arrays and two-hop reachability (O(roles × edges)).
 * Throws a DomainError for a requirement level off the 0–5 scale.
 */
export function compileTaxonomy(taxonomy: Taxonomy): CompiledTaxonomy {
  const skillIds: string[] = [];
  const skillNames: string[] = [];
  const skillIndex = new Map<string, number>();
  const addSkill = (id: string, name: string) => {
    if (skillIndex.has(id)) return;
    skillIndex.set(id, skillIds.length);
    skillIds.push(id);
    skillNames.push(name);
  };
  for (const s of taxonomy.skills) addSkill(s.id, s.name);
  for (const r of taxonomy.roles) for (const q of r.requirements) addSkill(q.skill, q.skill);
  const byId = new Map(taxonomy.skills.map((s) => [s.id, s]));
  const prerequisites = skillIds.map((id) =>
    (byId.get(id)?.prerequisites ?? []).filter((p) => skillIndex.has(p)).map((p) => skillIndex.get(p)!),
  );

  const sortedIds = taxonomy.roles.map((r) => r.id).sort(compareIds);
  const idRank = new Map(sortedIds.map((id, i) => [id, i]));
  const roleIndex = new Map<string, number>();
  const roles = taxonomy.roles.map((role, index): CompiledRole => {
    if (roleIndex.has(role.id)) throw new DomainError(`duplicate role id "${role.id}"`);
    roleIndex.set(role.id, index);
    const reqs = normalizeRequirements(role);
    // Core requirements first (stable), so hot loops can count core gaps over a prefix.
    const active = reqs
      .filter((r) => r.level > 0)
      .sort((x, y) => IMPORTANCE_RANK[x.importance] - IMPORTANCE_RANK[y.importance]);
    let totalUnits = 0;
    for (const r of reqs) totalUnits += IMPORTANCE_WEIGHT[r.importance] * UNIT_SCALE;
    const baseUnits = reqs
      .filter((r) => r.level === 0)
      .reduce((n, r) => n + IMPORTANCE_WEIGHT[r.importance] * UNIT_SCALE, 0);
    return {
      id: role.id,
      title: role.title,
      seniority: role.seniority,
      index,
      idRank: idRank.get(role.id)!,
      role,
      reqSkill: Uint16Array.from(active, (r) => skillIndex.get(r.skill)!),
      reqLevel: Uint8Array.from(active, (r) => r.level),
      reqUnit: Uint16Array.from(active, (r) => requirementUnit(r.importance, r.level)),
      reqRank: Uint8Array.from(active, (r) => IMPORTANCE_RANK[r.importance]),
      coreCount: active.filter((r) => r.importance === "core").length,
      baseUnits,
      totalUnits,
      coreTotal: reqs.filter((r) => r.importance === "core").length,
    };
  });

  // Direct edges, with progression preferred over lateral for the same pair.
  const direct: Map<number, "progression" | "lateral">[] = roles.map(() => new Map());
  const addEdge = (a: number, b: number, kind: "progression" | "lateral") => {
    if (a === b) return;
    if (direct[a]!.get(b) !== "progression") direct[a]!.set(b, kind);
  };
  for (const p of taxonomy.paths) {
    const a = roleIndex.get(p.from);
    const b = roleIndex.get(p.to);
    if (a === undefined || b === undefined) continue;
    if (p.kind === "lateral") {
      addEdge(a, b, "lateral");
      addEdge(b, a, "lateral");
    } else addEdge(a, b, "progression");
  }
  const byRank = (x: number, y: number) => roles[x]!.idRank - roles[y]!.idRank;
  const reach = roles.map((_, from): Reach[] => {
    const found = new Map<number, Via>();
    const hop1 = [...direct[from]!.keys()].sort(byRank);
    for (const m of hop1) found.set(m, direct[from]!.get(m)!);
    for (const m of hop1) {
      for (const t of [...direct[m]!.keys()].sort(byRank)) {
        if (t !== from && !found.has(t)) found.set(t, `two steps via ${roles[m]!.title}`);
      }
    }
    return [...found.entries()].sort((x, y) => byRank(x[0], y[0])).map(([role, via]) => ({ role, via }));
  });

  const skillRank = new Uint16Array(skillIds.length);
  skillIds
    .map((id, i) => [id, i] as const)
    .sort((x, y) => compareIds(x[0], y[0]))
    .forEach(([, i], rank) => (skillRank[i] = rank));
  const nSkills = skillIds.length;
  const coreLevel = new Uint8Array(roles.length * nSkills);
  for (const r of roles) {
    for (let k = 0; k < r.reqSkill.length; k++) {
      if (r.reqRank[k] === 0) coreLevel[r.index * nSkills + r.reqSkill[k]!] = r.reqLevel[k]!;
    }
  }

  const reachVia: (Via | undefined)[] = new Array<Via | undefined>(roles.length * roles.length).fill(undefined);
  reach.forEach((list, from) => list.forEach((e) => (reachVia[from * roles.length + e.role] = e.via)));
  const byIdRank = new Uint16Array(roles.length);
  for (const r of roles) byIdRank[r.idRank] = r.index;

  const coreRoles: number[][] = skillIds.map(() => []);
  for (const j of byIdRank)
    for (let s = 0; s < nSkills; s++) if (coreLevel[j * nSkills + s]! > 0) coreRoles[s]!.push(j);
  const coreRolesBySkill = coreRoles.map((list) => Uint16Array.from(list));

  return {
    taxonomy,
    skillIds,
    skillNames,
    skillIndex,
    skillRank,
    coreLevel,
    prerequisites,
    roles,
    roleIndex,
    reach,
    reachVia,
    byIdRank,
    coreRolesBySkill,
  };
}

/** Compiled form of `taxonomy`, cached per taxonomy object (treat taxonomies as immutable). */
export function getCompiled(taxonomy: Taxonomy): CompiledTaxonomy {
  let c = cache.get(taxonomy);
  if (!c) {
    c = compileTaxonomy(taxonomy);
    cache.set(taxonomy, c);
  }
  return c;
}

/**
 * Levels (0–5 per skill id) as a Uint8Array indexed like compiled.skillIds (missing = 0).
 * Unknown ids are ignored, with a message pushed to `warnings` if given; a level off the 0–5
 * scale throws a DomainError.
 */
export function levelsToVector(levels: Levels, compiled: CompiledTaxonomy, warnings?: string[]): Uint8Array {
  return levelsIntoVector(levels, compiled, new Uint8Array(compiled.skillIds.length), warnings);
}

/** levelsToVector writing into `vec` (length ≥ compiled.skillIds.length, any content); returns `vec`. */
export function levelsIntoVector(
  levels: Levels,
  compiled: CompiledTaxonomy,
  vec: Uint8Array,
  warnings?: string[],
): Uint8Array {
  vec.fill(0);
  const keys = plainKeys(levels);
  const index = compiled.skillIndex;
  if (keys) {
    // Hot path: for a plain record, Object.keys gives exactly the keys for…in would visit, in the
    // same order, but much faster for large (dictionary-mode) objects. A record built in taxonomy
    // order needs no Map lookup: its i-th key is usually skill i.
    const ids = compiled.skillIds;
    for (let i = 0; i < keys.length; i++) {
      const id = keys[i]!;
      const v = levels[id];
      if (!(typeof v === "number" && v >= 0 && v <= 5 && (v | 0) === v)) assertLevel(v, id);
      const at = i < ids.length && ids[i] === id ? i : index.get(id);
      if (at !== undefined) vec[at] = v;
      else if (warnings) warnings.push(`unknown skill "${id}" ignored`);
    }
    return vec;
  }
  for (const id in levels) {
    const v = levels[id];
    if (!(typeof v === "number" && v >= 0 && v <= 5 && (v | 0) === v)) assertLevel(v, id);
    const i = index.get(id);
    if (i !== undefined) vec[i] = v;
    else if (warnings) warnings.push(`unknown skill "${id}" ignored`);
  }
  return vec;
}

/**
 * Object.keys(levels) when that equals the keys for…in visits: an object whose prototype is
 * Object.prototype or null, with no enumerable property added to Object.prototype. Otherwise
 * (arrays, class instances, objects inheriting enumerable keys…) null.
 */
function plainKeys(levels: Levels): string[] | null {
  if (levels === null || typeof levels !== "object") return null;
  const proto: unknown = Object.getPrototypeOf(levels);
  if (proto !== Object.prototype && proto !== null) return null;
  for (const key in Object.prototype) if (key !== undefined) return null;
  return Object.keys(levels);
}

/** Fit 0–100 (one decimal) of a level vector to a compiled role; same value as computeRoleFit. */
export function computeFitScore(vec: Uint8Array, role: CompiledRole): number {
  const skill = role.reqSkill;
  const level = role.reqLevel;
  const unit = role.reqUnit;
  let earned = role.baseUnits;
  for (let k = 0; k < skill.length; k++) {
    const c = vec[skill[k]!]!;
    const r = level[k]!;
    earned += (c < r ? c : r) * unit[k]!;
  }
  return fitFromUnits(earned, role.totalUnits);
}

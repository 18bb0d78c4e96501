/**
 * Cross-reference checks: duplicate ids, unknown ids, prerequisite cycles, alias clashes and
 * path direction. They read the raw input leniently (skipping values of the wrong type, which
 * the shape schemas report), so a malformed item still has its references checked.
 */
import { MAX_LEVEL, MIN_LEVEL } from "../domain/types";

export type TaxonomySection = "version" | "scale" | "categories" | "skills" | "roles" | "paths" | "certifications";
export type Problem = { section: TaxonomySection; path: string; message: string };

type Raw = Record<string, unknown>;
type Item = { index: number; at: string; raw: Raw };
type Entry<T> = { index: number; value: T };

const q = JSON.stringify;
const norm = (s: string) => s.trim().toLowerCase();
const isRecord = (v: unknown): v is Raw => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (raw: Raw, key: string) => (typeof raw[key] === "string" ? (raw[key] as string) : undefined);

function items(input: Raw, section: TaxonomySection): Item[] {
  const list = input[section];
  if (!Array.isArray(list)) return [];
  return list.flatMap((raw: unknown, index) => (isRecord(raw) ? [{ index, at: `${section}[${index}]`, raw }] : []));
}

function entries<T>(raw: Raw, key: string, keep: (v: unknown) => v is T): Entry<T>[] {
  const list = raw[key];
  if (!Array.isArray(list)) return [];
  return list.flatMap((value: unknown, index) => (keep(value) ? [{ index, value }] : []));
}
const isString = (v: unknown): v is string => typeof v === "string";

/** Every cross-reference problem in a taxonomy document (the input of validateTaxonomy). */
export function checkReferences(input: Raw): Problem[] {
  const scale = items(input, "scale");
  const categories = items(input, "categories");
  const skills = items(input, "skills");
  const roles = items(input, "roles");
  const paths = items(input, "paths");
  const certifications = items(input, "certifications");
  const ids = (list: Item[]) => new Set(list.map((i) => str(i.raw, "id")).filter(isString));
  const known = { categories: ids(categories), skills: ids(skills), roles: ids(roles) };

  return [
    ...checkScale(scale),
    ...checkDuplicates("categories", categories, "id", (v) => (isString(v) ? v : undefined), "category id"),
    ...checkDuplicates("skills", skills, "id", (v) => (isString(v) ? v : undefined), "skill id"),
    ...checkDuplicates("skills", skills, "name", (v) => (isString(v) ? norm(v) : undefined), "skill name"),
    ...checkSkills(skills, known),
    ...checkPrerequisiteCycles(skills, known.skills),
    ...checkDuplicates("roles", roles, "id", (v) => (isString(v) ? v : undefined), "role id"),
    ...checkDuplicates("roles", roles, "title", (v) => (isString(v) ? norm(v) : undefined), "role title"),
    ...checkRequirements(roles, known.skills),
    ...checkPaths(paths, roles, known.roles),
    ...checkResources(skills),
    ...checkDuplicates(
      "certifications",
      certifications,
      "id",
      (v) => (isString(v) ? v : undefined),
      "certification id",
    ),
    ...checkDuplicates(
      "certifications",
      certifications,
      "short",
      (v) => (isString(v) ? norm(v) : undefined),
      "certification short name",
    ),
    ...checkCertificationSkills(certifications, known.skills),
  ];
}

function checkDuplicates(
  section: TaxonomySection,
  list: Item[],
  field: string,
  key: (v: unknown) => string | undefined,
  label: string,
): Problem[] {
  const first = new Map<string, string>();
  const problems: Problem[] = [];
  for (const { at, raw } of list) {
    const k = key(raw[field]);
    if (k === undefined) continue;
    const seen = first.get(k);
    if (seen === undefined) first.set(k, at);
    else
      problems.push({
        section,
        path: `${at}.${field}`,
        message: `duplicate ${label} ${q(raw[field])} (first at ${seen})`,
      });
  }
  return problems;
}

function checkScale(scale: Item[]): Problem[] {
  const problems = checkDuplicates(
    "scale",
    scale,
    "level",
    (v) => (typeof v === "number" ? String(v) : undefined),
    "scale level",
  );
  const present = new Set(scale.map((i) => i.raw.level));
  for (let level = MIN_LEVEL; level <= MAX_LEVEL; level++) {
    if (!present.has(level))
      problems.push({ section: "scale", path: "scale", message: `scale is missing level ${level}` });
  }
  return problems;
}

function checkSkills(skills: Item[], known: { categories: Set<string>; skills: Set<string> }): Problem[] {
  const problems: Problem[] = [];
  // Every name, id and alias must lead to one skill only, so search and imports stay unambiguous.
  const owner = new Map<string, string>();
  for (const { raw } of skills) {
    const id = str(raw, "id");
    if (id === undefined) continue;
    owner.set(norm(id), id);
    const name = str(raw, "name");
    if (name !== undefined) owner.set(norm(name), id);
  }
  for (const { at, raw } of skills) {
    const id = str(raw, "id");
    const category = str(raw, "category");
    if (category !== undefined && !known.categories.has(category)) {
      problems.push({ section: "skills", path: `${at}.category`, message: `unknown category id ${q(category)}` });
    }
    const seen = new Set<string>();
    for (const { index, value: p } of entries(raw, "prerequisites", isString)) {
      const path = `${at}.prerequisites[${index}]`;
      if (!known.skills.has(p)) problems.push({ section: "skills", path, message: `unknown skill id ${q(p)}` });
      else if (seen.has(p)) problems.push({ section: "skills", path, message: `prerequisite ${q(p)} is listed twice` });
      seen.add(p);
    }
    for (const { index, value: alias } of entries(raw, "aliases", isString)) {
      const other = owner.get(norm(alias));
      if (other !== undefined && other !== id) {
        problems.push({
          section: "skills",
          path: `${at}.aliases[${index}]`,
          message: `alias ${q(alias)} is already used by skill ${q(other)}`,
        });
      } else if (id !== undefined) owner.set(norm(alias), id);
    }
  }
  return problems;
}

/** Depth-first search; every back edge closes a cycle, reported once as "a → b → a". */
function checkPrerequisiteCycles(skills: Item[], known: Set<string>): Problem[] {
  const byId = new Map<string, Item>();
  for (const item of skills) {
    const id = str(item.raw, "id");
    if (id !== undefined && !byId.has(id)) byId.set(id, item);
  }
  const state = new Map<string, "active" | "done">();
  const stack: string[] = [];
  const reported = new Set<string>();
  const problems: Problem[] = [];

  const visit = (id: string, item: Item) => {
    state.set(id, "active");
    stack.push(id);
    for (const { index, value: next } of entries(item.raw, "prerequisites", isString)) {
      const nextItem = byId.get(next);
      if (!known.has(next) || !nextItem) continue;
      const st = state.get(next);
      if (st === undefined) visit(next, nextItem);
      else if (st === "active") {
        // stack from `next` to `id`, then back to `next`: told from `id`, where the error points.
        const cycle = stack.slice(stack.indexOf(next));
        const key = [...cycle].sort().join(" ");
        if (reported.has(key)) continue;
        reported.add(key);
        problems.push({
          section: "skills",
          path: `${item.at}.prerequisites[${index}]`,
          message: `prerequisite cycle: ${[id, ...cycle].join(" → ")}`,
        });
      }
    }
    stack.pop();
    state.set(id, "done");
  };
  for (const [id, item] of byId) if (!state.has(id)) visit(id, item);
  return problems;
}

/** A skill lists each learning resource once (the same page may serve several skills). */
function checkResources(skills: Item[]): Problem[] {
  const problems: Problem[] = [];
  for (const { at, raw } of skills) {
    const first = new Map<string, string>();
    for (const { index, value: r } of entries(raw, "resources", isRecord)) {
      const url = str(r, "url")?.trim();
      if (url === undefined) continue;
      const path = `${at}.resources[${index}]`;
      const seen = first.get(url);
      if (seen === undefined) first.set(url, path);
      else
        problems.push({
          section: "skills",
          path: `${path}.url`,
          message: `resource url ${q(url)} is listed twice (first at ${seen})`,
        });
    }
  }
  return problems;
}

function checkCertificationSkills(certifications: Item[], knownSkills: Set<string>): Problem[] {
  const problems: Problem[] = [];
  for (const { at, raw } of certifications) {
    const seen = new Set<string>();
    for (const { index, value: skill } of entries(raw, "skills", isString)) {
      const path = `${at}.skills[${index}]`;
      if (!knownSkills.has(skill))
        problems.push({ section: "certifications", path, message: `unknown skill id ${q(skill)}` });
      else if (seen.has(skill))
        problems.push({ section: "certifications", path, message: `skill ${q(skill)} is listed twice` });
      seen.add(skill);
    }
  }
  return problems;
}

function checkRequirements(roles: Item[], knownSkills: Set<string>): Problem[] {
  const problems: Problem[] = [];
  for (const { at, raw } of roles) {
    const seen = new Set<string>();
    for (const { index, value: r } of entries(raw, "requirements", isRecord)) {
      const skill = str(r, "skill");
      if (skill === undefined) continue;
      const path = `${at}.requirements[${index}].skill`;
      if (!knownSkills.has(skill)) problems.push({ section: "roles", path, message: `unknown skill id ${q(skill)}` });
      else if (seen.has(skill))
        problems.push({ section: "roles", path, message: `skill ${q(skill)} is required twice` });
      seen.add(skill);
    }
  }
  return problems;
}

function checkPaths(paths: Item[], roles: Item[], knownRoles: Set<string>): Problem[] {
  const seniority = new Map<string, number>();
  for (const { raw } of roles) {
    const id = str(raw, "id");
    if (id !== undefined && typeof raw.seniority === "number" && !seniority.has(id)) seniority.set(id, raw.seniority);
  }
  const problems: Problem[] = [];
  const first = new Map<string, string>();
  for (const { at, raw } of paths) {
    const from = str(raw, "from");
    const to = str(raw, "to");
    for (const [end, id] of [
      ["from", from],
      ["to", to],
    ] as const) {
      if (id !== undefined && !knownRoles.has(id))
        problems.push({ section: "paths", path: `${at}.${end}`, message: `unknown role id ${q(id)}` });
    }
    if (from === undefined || to === undefined) continue;
    if (from === to) {
      problems.push({ section: "paths", path: `${at}.to`, message: `path leads from ${q(from)} to itself` });
      continue;
    }
    const key = `${from} → ${to}`;
    const seen = first.get(key);
    if (seen !== undefined)
      problems.push({ section: "paths", path: `${at}.to`, message: `duplicate path ${key} (first at ${seen})` });
    else first.set(key, at);
    const a = seniority.get(from);
    const b = seniority.get(to);
    if ((raw.kind === "entry" || raw.kind === "progression") && a !== undefined && b !== undefined && b <= a) {
      problems.push({
        section: "paths",
        path: `${at}.kind`,
        message: `${raw.kind} path must lead to a higher seniority (${q(from)} is ${a}, ${q(to)} is ${b}); use "lateral"`,
      });
    }
  }
  return problems;
}

import "server-only";
import { DataError, type FieldErrors } from "./errors";
import type { Taxonomy } from "@/lib/domain/types";
import type { TaxonomyError } from "@/lib/taxonomy/validate";

/** Validation errors of a draft edit, in the form's words: each on the field that shows it, items named. */

const ITEM = /^(skills|roles|paths|certifications|categories)\[(\d+)\]/;

/** "skills[3]" → `skill "Linux administration"`, in words; the path itself when it names no item. */
function itemLabel(t: Taxonomy, path: string): string {
  const m = ITEM.exec(path);
  if (!m) return path ? `${path.split(/[.[]/)[0]}` : "The taxonomy";
  const i = Number(m[2]);
  const roleTitle = (id: unknown) => t.roles.find((r) => r.id === id)?.title ?? String(id);
  switch (m[1]) {
    case "skills":
      return `Skill "${t.skills[i]?.name ?? i + 1}"`;
    case "roles":
      return `Role "${t.roles[i]?.title ?? i + 1}"`;
    case "paths":
      return `Career path ${roleTitle(t.paths[i]?.from)} → ${roleTitle(t.paths[i]?.to)}`;
    case "certifications":
      return `Certification "${t.certifications[i]?.name ?? i + 1}"`;
    default:
      return `Category "${t.categories[i]?.name ?? i + 1}"`;
  }
}

/** A validator message in plain words: item paths become names, skill ids become skill names. */
function wording(t: Taxonomy, message: string): string {
  const skillName = new Map(t.skills.map((s) => [s.id, s.name]));
  const roleTitle = new Map(t.roles.map((r) => [r.id, r.title]));
  let out = message
    .replace(/\(first at ([^)]+)\)/, (_, at: string) => `(also ${lowerFirst(itemLabel(t, at))})`)
    .replace(/\b(by |of )?skill "([^"]+)"/g, (all, word: string | undefined, id: string) =>
      skillName.has(id) ? `${word ?? ""}the skill "${skillName.get(id)}"` : all,
    );
  // Path messages name roles by id: "progression path must lead to a higher seniority ("cto" is 8, …)".
  if (/path/.test(message))
    out = out.replace(/"([a-z0-9-]+)"/g, (all, id: string) => (roleTitle.has(id) ? roleTitle.get(id)! : all));
  return /[.!?]$/.test(out) ? out : `${out}.`;
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Where a validation error goes on the form: its field, and words naming the row when the message does not. */
type FieldTarget = { field: string; about?: string; text?: string };
export type FieldOf = (path: string, message: string, t: Taxonomy) => FieldTarget | null;

/** A DataError naming each field the form shows; problems elsewhere in the draft name their item. */
export function validationError(errors: TaxonomyError[], t: Taxonomy, fieldOf: FieldOf, other: string): DataError {
  const fields: FieldErrors = {};
  for (const e of errors) {
    const target = fieldOf(e.path, e.message, t);
    const about = target ? target.about : itemLabel(t, e.path);
    const text =
      target?.text ?? (about ? `${about}: ${lowerFirst(wording(t, e.message))}` : upperFirst(wording(t, e.message)));
    (fields[target?.field ?? other] ??= []).push(text);
  }
  const first = Object.values(fields)[0]![0]!;
  const more = errors.length > 1 ? ` (${errors.length - 1} more problem${errors.length > 2 ? "s" : ""} below)` : "";
  return new DataError(`The draft was not changed. ${first}${more}`, fields);
}

/** "levels[2]" → "levels.2"; list-of-text fields (aliases, tools, prerequisites) are one field each. */
function formKey(rest: string): string {
  const key = rest.replace(/\[(\d+)\]/g, ".$1");
  return /^(aliases|tools|prerequisites|sources)\./.test(key) ? key.split(".")[0]! : key;
}

export function skillFieldOf(index: number, skill: { id: string; name: string }): FieldOf {
  const own = `skills[${index}]`;
  const norm = (v: string) => v.trim().toLowerCase();
  return (path, message, t) => {
    if (path.startsWith(`${own}.`)) return { field: formKey(path.slice(own.length + 1)) };
    // Another skill's name clashing with this one's new name is this form's "name" problem.
    if (message.includes(`(first at ${own})`) && path.endsWith(".name")) return { field: "name" };
    // Another skill's alias taken by this one: by its new name, or by one of its aliases.
    const clash = /^alias "(.*)" is already used by skill "(.*)"$/.exec(message);
    if (!clash || clash[2] !== skill.id) return null;
    const other = t.skills[Number(ITEM.exec(path)?.[2] ?? -1)]?.name ?? "another skill";
    return norm(clash[1]!) === norm(skill.name)
      ? { field: "name", text: `"${clash[1]}" is already an alias of the skill "${other}"; choose another name.` }
      : { field: "aliases", text: `"${clash[1]}" is already an alias of the skill "${other}".` };
  };
}

/** Requirement rows are named by their skill: "Level for Terraform: …". */
export function roleFieldOf(index: number, t: Taxonomy): FieldOf {
  const own = `roles[${index}]`;
  return (path) => {
    if (!path.startsWith(`${own}.`)) return null;
    const field = formKey(path.slice(own.length + 1));
    const m = /^requirements\.(\d+)\.(\w+)$/.exec(field);
    if (!m) return { field };
    const row = Number(m[1]);
    const skill = t.roles[index]?.requirements[row]?.skill;
    const name = t.skills.find((s) => s.id === skill)?.name;
    if (m[2] === "level" && name) return { field, about: `Level for ${name}` };
    if (m[2] === "importance" && name) return { field, about: `Importance for ${name}` };
    return { field, about: `Requirement ${row + 1}` };
  };
}

export function pathFieldOf(offset: number, t: Taxonomy): FieldOf {
  return (path) => {
    const m = /^paths\[(\d+)\]\.(to|kind|from)$/.exec(path);
    if (!m || Number(m[1]) < offset) return null;
    const row = Number(m[1]) - offset;
    const to = t.roles.find((r) => r.id === t.paths[Number(m[1])]?.to)?.title;
    return {
      field: `paths.${row}.${m[2] === "kind" ? "kind" : "to"}`,
      about: to ? `Path to ${to}` : `Career path ${row + 1}`,
    };
  };
}

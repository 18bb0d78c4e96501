/**
 * Two roles side by side by the aspects our source articles compare them on (primary focus, responsibilities, key
 * skills and tools, objective, environment, output, reporting line, entry points, career ladder, salary band).
 * Aspects the role data does not hold directly are derived from its requirements, skills and career paths.
 */
import type { Role, Salary, Taxonomy } from "./types";

export type AspectKey =
  | "focus"
  | "responsibilities"
  | "skills"
  | "objective"
  | "environment"
  | "output"
  | "collaborates"
  | "reportsTo"
  | "entry"
  | "ladder"
  | "salary";

/** One value in a cell; `roleId` when the value names a role (the page links it). */
export type AspectItem = { text: string; roleId?: string };
/** One labelled line of a cell ("Tools: Terraform, Ansible"); label null for a plain value. */
export type AspectLine = { label: string | null; items: AspectItem[] };
/** A role's value for one aspect; no lines = the role data does not describe it. */
export type AspectCell = { lines: AspectLine[] };

export type CompareAspect = {
  key: AspectKey;
  label: string;
  /** Where the values come from, in the reader's words. */
  basis: string;
  a: AspectCell;
  b: AspectCell;
};

/** How many tools each core skill contributes to "Key skills and tools" (the first ones its data names). */
export const TOOLS_PER_SKILL = 1;

const ASPECTS: readonly { key: AspectKey; label: string; basis: string }[] = [
  { key: "focus", label: "Primary focus", basis: "The role's focus." },
  { key: "responsibilities", label: "Responsibilities", basis: "The areas its core skills belong to." },
  {
    key: "skills",
    label: "Key skills and tools",
    basis: "Its core skills, and the main tool named for each.",
  },
  { key: "objective", label: "Objective", basis: "The role's summary." },
  { key: "environment", label: "Typical environment", basis: "Where the role usually works." },
  { key: "output", label: "Output", basis: "What the role delivers." },
  { key: "collaborates", label: "Works with", basis: "The teams it works with most." },
  { key: "reportsTo", label: "Reporting line", basis: "Whom the role usually reports to." },
  { key: "entry", label: "Entry points", basis: "Roles people usually come from." },
  { key: "ladder", label: "Career ladder", basis: "Seniority and the career paths to and from the role." },
  { key: "salary", label: "Salary band", basis: "Yearly base salary, where our sources give one." },
];

const KIND_LABEL: Record<Role["kind"], string> = {
  ic: "individual contributor",
  manager: "manager",
  executive: "executive",
};

/** The label of every aspect, in display order. */
export const ASPECT_LABELS: readonly string[] = ASPECTS.map((a) => a.label);

/** "$150,000 – $250,000 a year" (whole units of the band's currency), or null when there is no band. */
export function formatSalaryBand(salary: Salary): string | null {
  if (!salary) return null;
  const f = new Intl.NumberFormat("en-US", {
    style: "currency",
    currency: salary.currency,
    maximumFractionDigits: 0,
  });
  return `${f.format(salary.min)} – ${f.format(salary.max)} a year`;
}

const text = (value: string | null | undefined): AspectLine[] =>
  value && value.trim() ? [{ label: null, items: [{ text: value.trim() }] }] : [];

const line = (label: string | null, items: AspectItem[]): AspectLine[] => (items.length ? [{ label, items }] : []);

/** Every aspect of one role, keyed by aspect. */
export function roleAspects(taxonomy: Taxonomy, role: Role): Record<AspectKey, AspectCell> {
  const skillById = new Map(taxonomy.skills.map((s) => [s.id, s]));
  const titleOf = new Map(taxonomy.roles.map((r) => [r.id, r.title]));
  const skillOrder = new Map(taxonomy.skills.map((s, i) => [s.id, i]));
  // Highest level first, then taxonomy order: the same order whether the taxonomy came from files or the database.
  const core = role.requirements
    .filter((q) => q.importance === "core" && skillById.has(q.skill))
    .sort((x, y) => y.level - x.level || skillOrder.get(x.skill)! - skillOrder.get(y.skill)!);
  const coreSkills = core.map((q) => skillById.get(q.skill)!);

  const coreCategories = new Set(coreSkills.map((s) => s.category));
  const areas = taxonomy.categories.filter((c) => coreCategories.has(c.id)).map((c) => ({ text: c.name }));

  const tools = [...new Set(coreSkills.flatMap((s) => s.tools.slice(0, TOOLS_PER_SKILL)))].map((t) => ({ text: t }));
  const skills = core.map((q) => ({ text: `${skillById.get(q.skill)!.name} (level ${q.level})` }));

  const roleItems = (ids: string[]) =>
    [...new Set(ids)]
      .filter((id) => titleOf.has(id))
      .map((id) => ({ text: titleOf.get(id)!, roleId: id }))
      .sort((x, y) => x.text.localeCompare(y.text));
  const incoming = (kind: string) =>
    roleItems(taxonomy.paths.filter((p) => p.to === role.id && p.kind === kind).map((p) => p.from));
  const outgoing = (kind: string) =>
    roleItems(taxonomy.paths.filter((p) => p.from === role.id && p.kind === kind).map((p) => p.to));
  const entries = incoming("entry");

  const salary = formatSalaryBand(role.salary);
  return {
    focus: { lines: text(role.focus) },
    responsibilities: { lines: line(null, areas) },
    skills: { lines: [...line("Skills", skills), ...line("Tools", tools)] },
    objective: { lines: text(role.summary) },
    environment: { lines: text(role.environment) },
    output: { lines: text(role.output) },
    collaborates: {
      lines: line(
        null,
        role.collaborates.filter((c) => c.trim()).map((c) => ({ text: c.trim() })),
      ),
    },
    reportsTo: { lines: text(role.reportsTo) },
    // A role nobody enters directly (a director, a CTO) is reached by promotion: say so rather than "not described".
    entry: {
      lines: entries.length ? line(null, entries) : line("Reached by promotion from", incoming("progression")),
    },
    ladder: {
      lines: [
        { label: "Seniority", items: [{ text: `${role.seniority} of 8, ${KIND_LABEL[role.kind]}` }] },
        ...line("Steps up to", outgoing("progression")),
        ...line("Moves sideways to", outgoing("lateral")),
        ...line("Promoted from", incoming("progression")),
      ],
    },
    salary: { lines: text(salary) },
  };
}

/**
 * Roles A and B side by side by every aspect, in the articles' order. A cell with no lines is an aspect the role
 * data does not describe (the page says so rather than hiding the row).
 */
export function compareAspects(taxonomy: Taxonomy, roleA: Role, roleB: Role): CompareAspect[] {
  const a = roleAspects(taxonomy, roleA);
  const b = roleAspects(taxonomy, roleB);
  return ASPECTS.map((x) => ({ ...x, a: a[x.key], b: b[x.key] }));
}

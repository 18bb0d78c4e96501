/**
 * The preview's sentences: each change of a taxonomy diff in plain words, grouped by section. Pure: the diff and the
 * two taxonomies in, lines of text out.
 */
import type { DraftPreview } from "@/lib/data/taxonomy-draft";
import type { RequirementChange, SkillFieldChange } from "@/lib/domain/taxonomy-diff";
import type { Taxonomy } from "@/lib/domain/types";

export type Line = { key: string; subject: string; text: string };

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const quote = (s: string) => `“${s}”`;
const host = (url: string) => {
  try {
    return new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return url;
  }
};

function names(current: Taxonomy, draft: Taxonomy) {
  const skill = new Map([...current.skills, ...draft.skills].map((s) => [s.id, s.name]));
  const role = new Map([...current.roles, ...draft.roles].map((r) => [r.id, r.title]));
  const category = new Map([...current.categories, ...draft.categories].map((c) => [c.id, c.name]));
  const level = new Map(draft.scale.map((l) => [l.level, l.name]));
  return { skill, role, category, level };
}

function skillChangeText(c: SkillFieldChange, n: ReturnType<typeof names>): string[] {
  switch (c.field) {
    case "name":
      return [`renamed from ${quote(c.before)} to ${quote(c.after)} (the old name stays as an alias)`];
    case "description":
      return ["description changed"];
    case "category":
      return [`moved from ${n.category.get(c.before) ?? c.before} to ${n.category.get(c.after) ?? c.after}`];
    case "levels":
      if (c.before.length === 0) return ["now has its own descriptors for levels 1 to 5"];
      if (c.after.length === 0) return ["its own level descriptors removed: the general scale applies"];
      return c.levels.map(
        (l) =>
          `level descriptor ${l} (${n.level.get(l) ?? `level ${l}`}) changed; it now reads ${quote(c.after[l - 1]!)}`,
      );
    case "resources":
      return [
        ...c.added.map((r) => `resource added: ${r.title} (${host(r.url)}), towards level ${r.level}`),
        ...c.removed.map((r) => `resource removed: ${r.title} (${host(r.url)})`),
        ...c.changed.map((r) => `resource ${r.after.title} (${host(r.after.url)}) changed`),
      ];
    case "aliases":
      return [
        ...(c.added.length ? [`aliases added: ${c.added.join(", ")}`] : []),
        ...(c.removed.length
          ? [
              `aliases removed in the draft: ${c.removed.join(", ")} (published aliases are kept, so search still finds them)`,
            ]
          : []),
      ];
    case "tools":
    case "prerequisites":
    case "sources": {
      const what = { tools: "tools", prerequisites: "skills to learn first", sources: "sources" }[c.field];
      const show = (ids: string[]) => (c.field === "prerequisites" ? ids.map((id) => n.skill.get(id) ?? id) : ids);
      return [
        ...(c.added.length ? [`${what} added: ${show(c.added).join(", ")}`] : []),
        ...(c.removed.length ? [`${what} removed: ${show(c.removed).join(", ")}`] : []),
      ];
    }
  }
}

/** "requires Terraform at 3 (was 2)", "no longer requires ITIL (was 2, core)". */
export function requirementText(c: RequirementChange, skillName: (id: string) => string): string {
  const name = skillName(c.skill);
  if (!c.before) return `now requires ${name} at ${c.after!.level} (${c.after!.importance})`;
  if (!c.after) return `no longer requires ${name} (was ${c.before.level}, ${c.before.importance})`;
  const parts: string[] = [];
  if (c.before.level !== c.after.level) parts.push(`requires ${name} at ${c.after.level} (was ${c.before.level})`);
  if (c.before.importance !== c.after.importance)
    parts.push(`${name} is now ${c.after.importance} (was ${c.before.importance})`);
  return parts.join("; ");
}

/** Every change of the preview as lines, by section; a role's line carries the people it touches. */
export function diffSentences(p: DraftPreview, current: Taxonomy) {
  const draft = p.draft.taxonomy;
  const d = p.diff;
  const n = names(current, draft);
  const rated = new Map(p.people.retiredSkills.map((r) => [r.skillId, r.people]));
  const roleCounts = new Map(p.people.roles.map((r) => [r.roleId, r]));
  const moves = (roleId: string) => {
    const rows = [p.people.fits.target, p.people.fits.current].map((f) => f.byRole.find((r) => r.roleId === roleId));
    return { up: rows.reduce((s, r) => s + (r?.up ?? 0), 0), down: rows.reduce((s, r) => s + (r?.down ?? 0), 0) };
  };
  const peopleNote = (roleId: string) => {
    const c = roleCounts.get(roleId);
    if (!c) return "";
    const m = moves(roleId);
    const fits = [m.down ? `${plural(m.down, "fit")} move down` : "", m.up ? `${plural(m.up, "fit")} move up` : ""]
      .filter(Boolean)
      .join(", ");
    const who =
      c.people === 0
        ? "nobody holds or targets this role"
        : `${plural(c.people, "person", "people")} hold or target this role`;
    return ` — ${who}${fits ? `; ${fits}` : ""}`;
  };

  const skills: Line[] = [
    ...d.skills.added.map((s) => ({
      key: `add-${s.id}`,
      subject: s.name,
      text: `new skill in ${n.category.get(s.category) ?? s.category}`,
    })),
    ...d.skills.retired.map((s) => ({
      key: `ret-${s.id}`,
      subject: s.name,
      text: rated.get(s.id)
        ? `retired; ${plural(rated.get(s.id)!, "person has", "people have")} rated it, and their ratings are kept`
        : "retired; nobody has rated it",
    })),
    ...d.skills.changed.flatMap((s) =>
      s.changes
        .flatMap((c) => skillChangeText(c, n))
        .map((text, i) => ({ key: `chg-${s.id}-${i}`, subject: s.name, text })),
    ),
  ];
  const roles: Line[] = [
    ...d.roles.added.map((r) => ({ key: `add-${r.id}`, subject: r.title, text: "new role" })),
    ...d.roles.retired.map((r) => ({ key: `ret-${r.id}`, subject: r.title, text: `retired${peopleNote(r.id)}` })),
    ...d.roles.changed.flatMap((r) => [
      ...r.fields.map((f) => ({
        key: `f-${r.id}-${f.field}`,
        subject: r.title,
        text:
          f.before.length + f.after.length > 120
            ? `${f.field} changed`
            : `${f.field} changed from ${quote(f.before)} to ${quote(f.after)}`,
      })),
      ...(r.requirements.length
        ? [
            {
              key: `q-${r.id}`,
              subject: r.title,
              text: `${r.requirements.map((c) => requirementText(c, (id) => n.skill.get(id) ?? id)).join("; ")}${peopleNote(r.id)}`,
            },
          ]
        : []),
    ]),
  ];
  const role = (id: string) => n.role.get(id) ?? id;
  const paths: Line[] = [
    ...d.paths.added.map((x) => ({
      key: `add-${x.from}-${x.to}`,
      subject: `${role(x.from)} → ${role(x.to)}`,
      text: `new ${x.kind} path`,
    })),
    ...d.paths.removed.map((x) => ({
      key: `rm-${x.from}-${x.to}`,
      subject: `${role(x.from)} → ${role(x.to)}`,
      text: "path removed",
    })),
    ...d.paths.changed.map((x) => ({
      key: `chg-${x.from}-${x.to}`,
      subject: `${role(x.from)} → ${role(x.to)}`,
      text: `now a ${x.after} path (was ${x.before})`,
    })),
  ];
  const certName = new Map([...current.certifications, ...draft.certifications].map((c) => [c.id, c.name]));
  const certChange = (id: string) => {
    const before = current.certifications.find((c) => c.id === id)?.skills ?? [];
    const after = draft.certifications.find((c) => c.id === id)?.skills ?? [];
    const gone = before.filter((x) => !after.includes(x)).map((x) => n.skill.get(x) ?? x);
    const added = after.filter((x) => !before.includes(x)).map((x) => n.skill.get(x) ?? x);
    const parts = [
      gone.length ? `no longer evidences ${gone.join(", ")}` : "",
      added.length ? `now evidences ${added.join(", ")}` : "",
    ].filter(Boolean);
    return parts.length ? parts.join("; ") : "certification details changed";
  };
  const other: Line[] = [
    ...d.certifications.removed.map((id) => ({
      key: `cr-${id}`,
      subject: certName.get(id) ?? id,
      text: "certification retired",
    })),
    ...d.certifications.changed.map((id) => ({
      key: `cc-${id}`,
      subject: certName.get(id) ?? id,
      text: certChange(id),
    })),
    ...d.certifications.added.map((id) => ({
      key: `ca-${id}`,
      subject: certName.get(id) ?? id,
      text: "new certification",
    })),
    ...[...d.categories.added, ...d.categories.removed, ...d.categories.changed].map((id) => ({
      key: `cat-${id}`,
      subject: n.category.get(id) ?? id,
      text: "category changed",
    })),
    ...(d.scaleChanged
      ? [{ key: "scale", subject: "General scale", text: "level names or descriptions changed" }]
      : []),
  ];
  return { skills, roles, paths, other };
}

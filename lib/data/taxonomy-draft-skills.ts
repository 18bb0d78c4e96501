import "server-only";
import { DataError, NotFoundError } from "./errors";
import type { Actor } from "./policy";
import { assertStorable, editDraft } from "./taxonomy-draft-edit";
import { assertAdmin } from "./taxonomy-draft-store";
import { skillFieldOf } from "./taxonomy-draft-words";
import { diffSkill } from "@/lib/domain/taxonomy-diff";
import type { LearningResource } from "@/lib/domain/types";

export type DraftSkillInput = {
  revision: number;
  skillId: string;
  name: string;
  description: string;
  aliases: string[];
  tools: string[];
  /** None (the generic scale applies) or five, for levels 1–5. */
  levels: string[];
  resources: LearningResource[];
  /** Left out: the category stays. */
  category?: string;
};
export type NewDraftSkillInput = {
  revision: number;
  id?: string | null;
  name: string;
  category: string;
  description?: string;
};

/** Admin: edits one skill of the draft (name, description, aliases, tools, descriptors, resources, category). */
export async function updateDraftSkill(actor: Actor, input: DraftSkillInput): Promise<{ revision: number }> {
  assertAdmin(actor);
  assertStorable(input);
  return editDraft(actor, input.revision, (t) => {
    const index = t.skills.findIndex((s) => s.id === input.skillId);
    if (index < 0) throw new NotFoundError();
    const before = t.skills[index]!;
    const after = {
      ...before,
      name: input.name,
      description: input.description,
      aliases: [...input.aliases],
      tools: [...input.tools],
      levels: [...input.levels],
      resources: input.resources.map(({ title, url, level }) => ({ title, url, level })),
      category: input.category ?? before.category,
    };
    t.skills[index] = after;
    return {
      result: {},
      fieldOf: skillFieldOf(index, after),
      other: "skillId",
      audit: (valid) => ({
        edit: "skill",
        skillId: before.id,
        fields: diffSkill(before, valid.skills[index]!).map((c) => c.field),
      }),
    };
  });
}

const slug = (name: string) =>
  name
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");

/**
 * Admin: adds a skill to the draft, after the last skill of its category. Its id is `id` or made from the name; an id
 * any skill ever had (retired ones included, whose ratings would come back) is refused.
 */
export async function addDraftSkill(
  actor: Actor,
  input: NewDraftSkillInput,
): Promise<{ revision: number; skillId: string }> {
  assertAdmin(actor);
  assertStorable(input);
  const id = (input.id ?? "").trim() || slug(input.name ?? "");
  if (!id) {
    const m = "Id: give the skill an id made of lower-case letters, digits and dashes, such as service-mesh.";
    throw new DataError(m, { id: [m] });
  }
  return editDraft(actor, input.revision, async (t, tx) => {
    const taken = await tx.skill.findUnique({ where: { id }, select: { name: true, retired: true } });
    const inDraft = t.skills.find((s) => s.id === id);
    if (taken || inDraft) {
      const owner = inDraft?.name ?? taken!.name;
      const m = `Id "${id}" is already used by the skill "${owner}"${!inDraft && taken?.retired ? " (retired)" : ""}; choose another id.`;
      throw new DataError(m, { id: [m] });
    }
    const skill = {
      id,
      name: input.name,
      category: input.category,
      description: input.description ?? "",
      tools: [],
      aliases: [],
      prerequisites: [],
      sources: [],
      levels: [],
      resources: [],
    };
    const last = t.skills.findLastIndex((s) => s.category === input.category);
    const at = last < 0 ? t.skills.length : last + 1;
    t.skills.splice(at, 0, skill);
    return {
      result: { skillId: id },
      fieldOf: skillFieldOf(at, skill),
      other: "name",
      audit: () => ({ edit: "skill.added", skillId: id }),
    };
  });
}

/**
 * Admin: retires a skill from the draft and takes it out of every role requirement, prerequisite list and
 * certification that names it, so retiring is one step and the preview shows every consequence before anything is
 * published (ratings are kept either way). A certification that evidenced only this skill is retired with it (the
 * editor cannot give it another skill; people's certificates keep pointing at it). Refused, naming them, when a role
 * would be left with no requirement: the admin gives it another one first.
 */
export async function retireDraftSkill(
  actor: Actor,
  input: { revision: number; skillId: string },
): Promise<{
  revision: number;
  roles: string[];
  skills: string[];
  certifications: string[];
  retiredCertifications: string[];
}> {
  assertAdmin(actor);
  return editDraft(actor, input.revision, (t) => {
    const skill = t.skills.find((s) => s.id === input.skillId);
    if (!skill) throw new NotFoundError();
    const onlyRoles = t.roles.filter((r) => r.requirements.length === 1 && r.requirements[0]!.skill === skill.id);
    if (onlyRoles.length) {
      const names = onlyRoles.map((r) => `"${r.title}"`).join(", ");
      const m = `${skill.name} is the only requirement of the role${onlyRoles.length > 1 ? "s" : ""} ${names}. Give ${onlyRoles.length > 1 ? "them" : "it"} another requirement first, then retire the skill.`;
      throw new DataError(m, { skillId: [m] });
    }
    const roles = t.roles.filter((r) => r.requirements.some((q) => q.skill === skill.id));
    const dependants = t.skills.filter((s) => s.prerequisites.includes(skill.id));
    const certs = t.certifications.filter((c) => c.skills.includes(skill.id));
    const emptied = certs.filter((c) => c.skills.length === 1);
    t.skills = t.skills.filter((s) => s.id !== skill.id);
    for (const r of roles) r.requirements = r.requirements.filter((q) => q.skill !== skill.id);
    for (const s of dependants) s.prerequisites = s.prerequisites.filter((p) => p !== skill.id);
    for (const c of certs) c.skills = c.skills.filter((x) => x !== skill.id);
    t.certifications = t.certifications.filter((c) => c.skills.length > 0);
    return {
      result: {
        roles: roles.map((r) => r.id),
        skills: dependants.map((s) => s.id),
        certifications: certs.filter((c) => c.skills.length > 0).map((c) => c.id),
        retiredCertifications: emptied.map((c) => c.id),
      },
      fieldOf: () => null,
      other: "skillId",
      audit: () => ({
        edit: "skill.retired",
        skillId: skill.id,
        roles: roles.map((r) => r.id),
        retiredCertifications: emptied.map((c) => c.id),
      }),
    };
  });
}

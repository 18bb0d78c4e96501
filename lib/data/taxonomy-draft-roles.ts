import "server-only";
import { NotFoundError } from "./errors";
import type { Actor } from "./policy";
import { assertStorable, editDraft } from "./taxonomy-draft-edit";
import { assertAdmin } from "./taxonomy-draft-store";
import { pathFieldOf, roleFieldOf } from "./taxonomy-draft-words";
import { diffRequirements } from "@/lib/domain/taxonomy-diff";
import type { Importance, PathKind } from "@/lib/domain/types";

export type DraftRoleInput = {
  revision: number;
  roleId: string;
  requirements: { skill: string; level: number; importance: Importance }[];
};
export type DraftPathsInput = { revision: number; roleId: string; paths: { to: string; kind: PathKind }[] };

/** Admin: replaces a role's requirements in the draft (skill, level 1–5, importance per row). */
export async function updateDraftRole(actor: Actor, input: DraftRoleInput): Promise<{ revision: number }> {
  assertAdmin(actor);
  assertStorable(input);
  return editDraft(actor, input.revision, (t) => {
    const index = t.roles.findIndex((r) => r.id === input.roleId);
    if (index < 0) throw new NotFoundError();
    const role = t.roles[index]!;
    const before = role.requirements;
    role.requirements = input.requirements.map(({ skill, level, importance }) => ({ skill, level, importance }));
    return {
      result: {},
      fieldOf: roleFieldOf(index, t),
      other: "roleId",
      audit: (valid) => {
        const changes = diffRequirements(before, valid.roles[index]!.requirements);
        return {
          edit: "role.requirements",
          roleId: role.id,
          added: changes.filter((c) => !c.before).map((c) => c.skill),
          removed: changes.filter((c) => !c.after).map((c) => c.skill),
          changed: changes.filter((c) => c.before && c.after).map((c) => c.skill),
        };
      },
    };
  });
}

/** Admin: replaces the career paths leaving a role in the draft (target role and kind per row). */
export async function updateDraftPaths(actor: Actor, input: DraftPathsInput): Promise<{ revision: number }> {
  assertAdmin(actor);
  assertStorable(input);
  return editDraft(actor, input.revision, (t) => {
    if (!t.roles.some((r) => r.id === input.roleId)) throw new NotFoundError();
    const sources = new Map(t.paths.filter((p) => p.from === input.roleId).map((p) => [p.to, p.sources]));
    const kept = t.paths.filter((p) => p.from !== input.roleId);
    const offset = kept.length;
    t.paths = [
      ...kept,
      ...input.paths.map(({ to, kind }) => ({ from: input.roleId, to, kind, sources: [...(sources.get(to) ?? [])] })),
    ];
    return {
      result: {},
      fieldOf: pathFieldOf(offset, t),
      other: "paths",
      audit: () => ({ edit: "role.paths", roleId: input.roleId, to: input.paths.map((p) => p.to) }),
    };
  });
}

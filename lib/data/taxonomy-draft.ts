import "server-only";
import { db } from "./db";
import type { Db, Tx } from "./open";
import { lockAsActiveAdmin } from "./admin-lock";
import { ConflictError, DataError, NotFoundError, type FieldErrors } from "./errors";
import { canAdminister, type Actor } from "./policy";
import { getTaxonomy } from "./taxonomy";
import { readTaxonomy } from "./taxonomy-read";
import { applyTaxonomyInTx, type ApplyResult } from "./taxonomy-sync";
import { Prisma } from "@/lib/generated/prisma/client";
import { isStorableText, unstorablePaths } from "@/lib/domain/storable-text";
import {
  countFitMoves,
  diffRequirements,
  diffSkill,
  diffTaxonomy,
  isEmptyDiff,
  rolesWithNewRequirements,
  suggestNextVersion,
  type FitMoves,
  type PersonRole,
  type TaxonomyDiff,
} from "@/lib/domain/taxonomy-diff";
import type { Importance, LearningResource, PathKind, Taxonomy } from "@/lib/domain/types";
import { toExportDocument } from "@/lib/taxonomy/load";
import { validateTaxonomy, type TaxonomyError } from "@/lib/taxonomy/validate";

/** The organisation has one shared draft: its row always has this id. */
const DRAFT_ID = 1;
const TX = { timeout: 60_000, maxWait: 10_000 };
export const VERSION_MAX = 50;

export const DRAFT_CHANGED =
  "Another admin changed the draft since you opened it. Your edits are still in the form: reload the page to see their changes, then make yours again.";
export const DRAFT_GONE =
  "The draft was published or discarded by another admin since you opened it. Your edits are still in the form; start a new draft to make them.";

export type DraftView = {
  taxonomy: Taxonomy;
  revision: number;
  baseVersionId: number;
  /** The version the draft started from. */
  baseVersion: string;
  /** True once another version was applied after the draft began: it can no longer be published. */
  stale: boolean;
  /** The newest version applied since the draft began (when stale). */
  appliedSince: string | null;
  createdAt: Date;
  updatedAt: Date;
  /** Who last changed it: name or email, "a deleted user", or null. */
  updatedBy: string | null;
};

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
export type DraftRoleInput = {
  revision: number;
  roleId: string;
  requirements: { skill: string; level: number; importance: Importance }[];
};
export type DraftPathsInput = { revision: number; roleId: string; paths: { to: string; kind: PathKind }[] };

function assertAdmin(actor: Actor) {
  if (!canAdminister(actor)) throw new NotFoundError();
}

type DraftRow = { baseVersionId: number; content: string; revision: number; updatedById: string | null };

/**
 * The stored content, as a fresh mutable taxonomy (validated when written; re-validated before publishing), with the
 * export format's key order back (jsonb stores keys in its own order).
 */
function parseContent(content: string): Taxonomy {
  return toExportDocument(JSON.parse(content) as Taxonomy);
}

async function readDraft(client: Db | Tx): Promise<DraftView | null> {
  const rows = await client.$queryRaw<(DraftRow & { createdAt: Date; updatedAt: Date })[]>`
    SELECT "baseVersionId", "content"::text AS "content", "revision", "updatedById", "createdAt", "updatedAt"
    FROM "TaxonomyDraft" WHERE "id" = ${DRAFT_ID}`;
  const row = rows[0];
  if (!row) return null;
  const [newest, by] = await Promise.all([
    client.taxonomyVersion.findFirst({ orderBy: { id: "desc" }, select: { id: true, version: true } }),
    row.updatedById
      ? client.user.findUnique({ where: { id: row.updatedById }, select: { name: true, email: true } })
      : null,
  ]);
  const taxonomy = parseContent(row.content);
  const stale = newest !== null && newest.id > row.baseVersionId;
  return {
    taxonomy,
    revision: row.revision,
    baseVersionId: row.baseVersionId,
    baseVersion: taxonomy.version,
    stale,
    appliedSince: stale ? newest.version : null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    updatedBy: row.updatedById ? (by ? by.name?.trim() || by.email : "a deleted user") : null,
  };
}

/** Admin: the shared draft, or null when there is none. */
export async function getDraft(actor: Actor): Promise<DraftView | null> {
  assertAdmin(actor);
  return readDraft(await db());
}

/**
 * Admin: starts the shared draft from the active taxonomy (the export format), or returns the one that exists.
 * Admins starting at the same moment get the same single draft.
 */
export async function startDraft(actor: Actor): Promise<DraftView> {
  assertAdmin(actor);
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    await lockAsActiveAdmin(tx, actor);
    const exists = await tx.taxonomyDraft.count({ where: { id: DRAFT_ID } });
    if (exists === 0) {
      const latest = await tx.taxonomyVersion.findFirst({
        orderBy: { id: "desc" },
        select: { id: true, version: true },
      });
      const content = JSON.stringify(toExportDocument(await readTaxonomy(tx, latest?.version ?? "none")));
      const inserted = await tx.$executeRaw`
        INSERT INTO "TaxonomyDraft" ("id", "baseVersionId", "content", "revision", "updatedById", "updatedAt")
        VALUES (${DRAFT_ID}, ${latest?.id ?? 0}, ${content}::jsonb, 1, ${actor.id}, now())
        ON CONFLICT ("id") DO NOTHING`;
      if (inserted > 0)
        await tx.auditLog.create({
          data: { actorId: actor.id, action: "taxonomy.draft.started", data: { baseVersion: latest?.version ?? null } },
        });
    }
    return (await readDraft(tx))!;
  }, TX);
}

/** Locks the draft row for the rest of the transaction; refuses when it is gone or was changed since `revision`. */
async function lockDraft(tx: Tx, revision: number): Promise<DraftRow> {
  const rows = await tx.$queryRaw<DraftRow[]>`
    SELECT "baseVersionId", "content"::text AS "content", "revision", "updatedById"
    FROM "TaxonomyDraft" WHERE "id" = ${DRAFT_ID} FOR UPDATE`;
  const row = rows[0];
  if (!row) throw new ConflictError(DRAFT_GONE, { revision: null });
  if (row.revision !== revision) throw new ConflictError(DRAFT_CHANGED, { revision: row.revision });
  return row;
}

/** Refuses text Postgres cannot store, naming the field; checked before anything is read. */
function assertStorable(input: object) {
  const bad = unstorablePaths(input);
  if (bad.length === 0) return;
  const errors: FieldErrors = {};
  for (const path of bad)
    errors[path.join(".") || "_form"] = ["Contains a NUL or broken unicode character; remove it and try again."];
  throw new DataError("Some text contains a NUL or broken unicode character; nothing was changed.", errors);
}

type Edit<T> = {
  /** The edit's result (besides the new revision). */
  result: T;
  /** Maps a validation error's path ("skills[3].levels[2]") to the form's field ("levels.2"); null: the whole form. */
  fieldOf: FieldOf;
  /** The field that carries problems found elsewhere in the draft (the edited item's id, usually). */
  other: string;
  /** What the audit row records about the edit, from the validated draft. */
  audit: (valid: Taxonomy) => Record<string, unknown>;
};

/**
 * One edit of the draft, in one transaction: admin re-checked, row locked, revision compared, `edit` applied to a
 * copy, the copy validated exactly as a JSON import is (nothing changes when it is invalid), saved with revision + 1,
 * audited.
 */
async function editDraft<T>(
  actor: Actor,
  revision: number,
  edit: (t: Taxonomy, tx: Tx) => Promise<Edit<T>> | Edit<T>,
): Promise<T & { revision: number }> {
  assertAdmin(actor);
  if (!Number.isInteger(revision)) throw new ConflictError(DRAFT_CHANGED);
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    await lockAsActiveAdmin(tx, actor);
    const row = await lockDraft(tx, revision);
    const t = parseContent(row.content);
    const { result, fieldOf, other, audit } = await edit(t, tx);
    const checked = validateTaxonomy(t);
    if (!checked.ok) throw validationError(checked.errors, t, fieldOf, other);
    const content = JSON.stringify(toExportDocument(checked.taxonomy));
    await tx.$executeRaw`
      UPDATE "TaxonomyDraft" SET "content" = ${content}::jsonb, "revision" = "revision" + 1,
        "updatedById" = ${actor.id}, "updatedAt" = now()
      WHERE "id" = ${DRAFT_ID}`;
    await tx.auditLog.create({
      data: {
        actorId: actor.id,
        action: "taxonomy.draft.edited",
        data: { ...audit(checked.taxonomy), revision: row.revision + 1 } as Prisma.InputJsonObject,
      },
    });
    return { ...result, revision: row.revision + 1 };
  }, TX);
}

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

/** Admin: throws the draft away (nothing published). Refused when another admin changed it since `revision`. */
export async function discardDraft(actor: Actor, input: { revision: number }): Promise<void> {
  assertAdmin(actor);
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    await lockAsActiveAdmin(tx, actor);
    const row = await lockDraft(tx, input.revision);
    await tx.taxonomyDraft.delete({ where: { id: DRAFT_ID } });
    await tx.auditLog.create({
      data: { actorId: actor.id, action: "taxonomy.draft.discarded", data: { revision: row.revision } },
    });
  }, TX);
}

export type DraftPreview = {
  draft: DraftView;
  /** The active taxonomy's version. */
  currentVersion: string;
  diff: TaxonomyDiff;
  empty: boolean;
  people: {
    /** Per retired skill: active people with a current rating of it. */
    retiredSkills: { skillId: string; name: string; people: number }[];
    /** Per role whose requirements change or that is retired: active people who hold it, target it, either. */
    roles: { roleId: string; title: string; hold: number; target: number; people: number }[];
    /** Fit to the target role, and to the current role, under the active taxonomy and under the draft. */
    fits: { target: FitMoves; current: FitMoves };
  };
  suggestedVersion: string;
};

/**
 * Admin: the draft against the active taxonomy, with the people each change touches (deactivated people left out).
 * A fixed number of queries, whatever the number of people: the draft (2–3), the active taxonomy (1 when cached),
 * the version strings (1), ratings of retired skills (1), people holding or targeting changed roles (1).
 */
export async function previewDraft(actor: Actor): Promise<DraftPreview | null> {
  assertAdmin(actor);
  const prisma = await db();
  const [draft, current, versions] = await Promise.all([
    readDraft(prisma),
    getTaxonomy(),
    prisma.taxonomyVersion.findMany({ distinct: ["version"], select: { version: true } }),
  ]);
  if (!draft) return null;
  const diff = diffTaxonomy(current, draft.taxonomy);
  const retired = diff.skills.retired.map((s) => s.id);
  const roleIds = rolesWithNewRequirements(diff);
  const [ratings, people] = await Promise.all([
    retired.length
      ? prisma.$queryRaw<{ skillId: string; people: number }[]>`
          SELECT c."skillId", count(DISTINCT c."userId")::int AS "people"
          FROM "CurrentRating" c JOIN "User" u ON u."id" = c."userId"
          WHERE u."deactivatedAt" IS NULL AND c."skillId" IN (${Prisma.join(retired)})
          GROUP BY c."skillId"`
      : [],
    roleIds.length
      ? prisma.$queryRaw<{ currentRoleId: string | null; targetRoleId: string | null; levels: string | null }[]>`
          SELECT u."currentRoleId", u."targetRoleId", l."levels"::text AS "levels"
          FROM "User" u LEFT JOIN "PersonLevels" l ON l."userId" = u."id"
          WHERE u."deactivatedAt" IS NULL
            AND (u."currentRoleId" IN (${Prisma.join(roleIds)}) OR u."targetRoleId" IN (${Prisma.join(roleIds)}))`
      : [],
  ]);
  const rated = new Map(ratings.map((r) => [r.skillId, r.people]));
  const inScope = new Set(roleIds);
  const title = new Map([...current.roles, ...draft.taxonomy.roles].map((r) => [r.id, r.title]));
  const counts = new Map(roleIds.map((id) => [id, { hold: 0, target: 0, people: 0 }]));
  const byTarget: PersonRole[] = [];
  const byCurrent: PersonRole[] = [];
  for (const p of people) {
    const levels = parseLevels(p.levels);
    const hold = p.currentRoleId !== null && inScope.has(p.currentRoleId) ? p.currentRoleId : null;
    const target = p.targetRoleId !== null && inScope.has(p.targetRoleId) ? p.targetRoleId : null;
    if (hold) {
      counts.get(hold)!.hold++;
      byCurrent.push({ roleId: hold, levels });
    }
    if (target) {
      counts.get(target)!.target++;
      byTarget.push({ roleId: target, levels });
    }
    for (const id of new Set([hold, target])) if (id) counts.get(id)!.people++;
  }
  return {
    draft,
    currentVersion: current.version,
    diff,
    empty: isEmptyDiff(diff),
    people: {
      retiredSkills: diff.skills.retired.map((s) => ({ skillId: s.id, name: s.name, people: rated.get(s.id) ?? 0 })),
      roles: roleIds.map((id) => ({ roleId: id, title: title.get(id) ?? id, ...counts.get(id)! })),
      fits: {
        target: countFitMoves(current, draft.taxonomy, byTarget),
        current: countFitMoves(current, draft.taxonomy, byCurrent),
      },
    },
    suggestedVersion: suggestNextVersion(
      current.version,
      versions.map((v) => v.version),
    ),
  };
}

/** A stored level summary (json text: skill id → level); anything malformed counts as no levels. */
function parseLevels(text: string | null): Record<string, number> {
  if (!text) return {};
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, number>)
      : {};
  } catch {
    return {};
  }
}

export const staleMessage = (version: string) =>
  `The published taxonomy changed since this draft began (version ${version} was applied). Discard the draft and start again.`;

/**
 * Admin: publishes exactly the previewed draft (`revision`) as version `version`, in one transaction: refused when
 * the draft changed, when another version was applied since it began, when the version string was ever used, or
 * when it changes nothing. Applied like an import (ratings kept, missing skills and roles retired, old names kept
 * as aliases); the draft is then deleted. Two admins publishing at once: one wins, the other is refused.
 */
export async function publishDraft(actor: Actor, input: { revision: number; version: string }): Promise<ApplyResult> {
  assertAdmin(actor);
  const version = typeof input.version === "string" ? input.version.trim() : "";
  const versionProblem = !version
    ? "Version: enter a version name, such as 2026.12."
    : version.length > VERSION_MAX || !isStorableText(version)
      ? `Version: use at most ${VERSION_MAX} characters of plain text.`
      : null;
  if (versionProblem) throw new DataError(versionProblem, { version: [versionProblem] });
  if (!Number.isInteger(input.revision)) throw new ConflictError(DRAFT_CHANGED);
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    await lockAsActiveAdmin(tx, actor);
    const row = await lockDraft(tx, input.revision);
    const latest = await tx.taxonomyVersion.findFirst({ orderBy: { id: "desc" }, select: { id: true, version: true } });
    if (latest && latest.id > row.baseVersionId) {
      const m = staleMessage(latest.version);
      throw new DataError(m, { revision: [m] });
    }
    if ((await tx.taxonomyVersion.count({ where: { version } })) > 0) {
      const m = `Version: ${version} was already used; choose a version name that was never published.`;
      throw new DataError(m, { version: [m] });
    }
    const checked = validateTaxonomy({ ...parseContent(row.content), version });
    if (!checked.ok) throw validationError(checked.errors, parseContent(row.content), () => null, "revision");
    const diff = diffTaxonomy(await readTaxonomy(tx, latest?.version), checked.taxonomy);
    if (isEmptyDiff(diff)) {
      const m = "The draft changes nothing yet, so there is nothing to publish.";
      throw new DataError(m, { revision: [m] });
    }
    const result = await applyTaxonomyInTx(tx, checked.taxonomy, actor.id);
    await tx.taxonomyDraft.delete({ where: { id: DRAFT_ID } });
    await tx.auditLog.create({
      data: {
        actorId: actor.id,
        action: "taxonomy.published",
        data: {
          version,
          revision: row.revision,
          skillsChanged: diff.skills.changed.map((s) => s.id),
          skillsAdded: diff.skills.added.map((s) => s.id),
          rolesChanged: diff.roles.changed.map((r) => r.id),
          retiredSkills: result.retiredSkills,
          retiredRoles: result.retiredRoles,
        },
      },
    });
    return result;
  }, TX);
}

// ---------- validation errors, in the form's words ----------

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
type FieldOf = (path: string, message: string, t: Taxonomy) => FieldTarget | null;

/** A DataError naming each field the form shows; problems elsewhere in the draft name their item. */
function validationError(errors: TaxonomyError[], t: Taxonomy, fieldOf: FieldOf, other: string): DataError {
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

function skillFieldOf(index: number, skill: { id: string; name: string }): FieldOf {
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
function roleFieldOf(index: number, t: Taxonomy): FieldOf {
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

function pathFieldOf(offset: number, t: Taxonomy): FieldOf {
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

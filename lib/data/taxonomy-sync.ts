import { createHash } from "node:crypto";
import type { Db, Tx } from "./open";
import { DataError } from "./errors";
import { readTaxonomy } from "./taxonomy-read";
import type { Taxonomy } from "@/lib/domain/types";
import { Prisma } from "@/lib/generated/prisma/client";

export type ApplyResult = {
  changed: boolean;
  version: string;
  skills: number;
  roles: number;
  paths: number;
  retiredSkills: string[];
  retiredRoles: string[];
};

/** A text[] literal with one parameter per element (the same on adapter-pg and PGlite). */
const textArray = (values: string[]) =>
  values.length ? Prisma.sql`ARRAY[${Prisma.join(values)}]::text[]` : Prisma.sql`'{}'::text[]`;

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The content of a taxonomy (no version) in a canonical order: the parts the database keeps no order for
 * (aliases, prerequisites, requirements, paths) are sorted, so a file and its export read back compare equal.
 * Skills, roles and categories keep their order: it is their position on the pages.
 */
export function canonicalTaxonomy(t: Taxonomy) {
  return {
    scale: [...t.scale]
      .sort((a, b) => a.level - b.level)
      .map(({ level, name, description }) => ({ level, name, description })),
    categories: t.categories.map(({ id, name, kind, description }) => ({ id, name, kind, description })),
    skills: t.skills.map((s) => ({
      id: s.id,
      name: s.name,
      category: s.category,
      description: s.description,
      tools: [...s.tools],
      aliases: [...new Set(s.aliases)].filter((a) => a !== s.name).sort(byString),
      prerequisites: [...s.prerequisites].sort(byString),
      sources: [...s.sources],
      levels: [...s.levels],
      resources: s.resources.map(({ title, url, level }) => ({ title, url, level })),
    })),
    roles: t.roles.map((r) => ({
      id: r.id,
      title: r.title,
      track: r.track,
      kind: r.kind,
      seniority: r.seniority,
      summary: r.summary,
      focus: r.focus,
      environment: r.environment,
      output: r.output,
      collaborates: [...r.collaborates],
      reportsTo: r.reportsTo,
      salary: r.salary ? { min: r.salary.min, max: r.salary.max, currency: r.salary.currency } : null,
      requirements: [...r.requirements]
        .sort((a, b) => byString(a.skill, b.skill))
        .map(({ skill, level, importance }) => ({ skill, level, importance })),
      sources: [...r.sources],
    })),
    paths: [...t.paths]
      .sort((a, b) => byString(a.from, b.from) || byString(a.to, b.to))
      .map(({ from, to, kind, sources }) => ({ from, to, kind, sources: [...sources] })),
    certifications: t.certifications.map((c) => ({
      id: c.id,
      name: c.name,
      short: c.short,
      issuer: c.issuer,
      validityMonths: c.validityMonths,
      skills: [...c.skills],
      url: c.url,
    })),
  };
}

/**
 * Marks checksums of the canonical content. Older rows hold a checksum of another form (the raw document; "v2:" before
 * descriptors, resources and certifications), which is not comparable.
 */
const CHECKSUM_PREFIX = "v3:";

/** A stable checksum of a taxonomy's content (not its version string): equal content, equal checksum. */
export function taxonomyChecksum(t: Taxonomy): string {
  return (
    CHECKSUM_PREFIX +
    createHash("sha256")
      .update(JSON.stringify(canonicalTaxonomy(t)))
      .digest("hex")
  );
}

/**
 * The taxonomy as it would read back after applying `t` over `current`: a skill keeps the aliases it had and
 * its old name when renamed (applyTaxonomy never drops an alias), so those are no change.
 */
function afterApplying(t: Taxonomy, current: Taxonomy): Taxonomy {
  const old = new Map(current.skills.map((s) => [s.id, s]));
  return {
    ...t,
    skills: t.skills.map((s) => {
      const previous = old.get(s.id);
      if (!previous) return s;
      const aliases = new Set([...s.aliases, ...previous.aliases]);
      if (previous.name !== s.name) aliases.add(previous.name);
      aliases.delete(s.name);
      return { ...s, aliases: [...aliases] };
    }),
  };
}

/** The refusal for a version string that is already taken by other content. */
export function versionTakenMessage(version: string): string {
  return `Version ${version} already exists with different content; give the new file a new version.`;
}

/**
 * Transaction-scoped advisory lock for writes that several replicas may attempt at once on an empty database (the
 * taxonomy and the demo accounts, at start). Transaction-scoped, so it also holds through PgBouncer in transaction mode.
 */
export const SEED_LOCK = 72707370;

/** Waits for, then holds until the transaction ends, the seed lock. */
export async function lockSeed(tx: Tx): Promise<void> {
  await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${SEED_LOCK})`);
}

/**
 * Writes a validated taxonomy into the database in one transaction. Ids are stable: existing skills and roles
 * are updated in place, so ratings survive; a renamed skill keeps its old name as an alias; items missing from
 * the new version are retired (hidden), never deleted.
 *
 * Versions name content. The current version with the content already in the database (however the file orders
 * it, e.g. its own export) is "unchanged": nothing is written and no version row is added. A version string
 * that already names other content is refused with a DataError (the seed, the admin page and the import
 * script all come through here). Going back to an earlier version with that version's content is allowed.
 */
export async function applyTaxonomy(prisma: Db, t: Taxonomy, appliedBy: string | null = null): Promise<ApplyResult> {
  const checksum = taxonomyChecksum(t);
  const base = { version: t.version, skills: t.skills.length, roles: t.roles.length, paths: t.paths.length };
  const unchanged = { changed: false, ...base, retiredSkills: [], retiredRoles: [] };
  const last = await prisma.taxonomyVersion.findFirst({ orderBy: { id: "desc" } });
  if (last?.version === t.version && last.checksum === checksum) return unchanged;

  return prisma.$transaction((tx: Tx) => applyTaxonomyInTx(tx, t, appliedBy), { timeout: 60_000, maxWait: 10_000 });
}

/**
 * applyTaxonomy's work inside a transaction the caller holds, so a change that also moves other rows (a skill merge,
 * a published draft) commits or rolls back as one. Takes the seed lock first.
 */
export async function applyTaxonomyInTx(tx: Tx, t: Taxonomy, appliedBy: string | null = null): Promise<ApplyResult> {
  const checksum = taxonomyChecksum(t);
  const base = { version: t.version, skills: t.skills.length, roles: t.roles.length, paths: t.paths.length };
  const unchanged = { changed: false, ...base, retiredSkills: [], retiredRoles: [] };
  // Replicas starting together: the second waits here, then finds the first one's version and changes nothing.
  await lockSeed(tx);
  const sameVersion = await tx.taxonomyVersion.findMany({
    where: { version: t.version },
    orderBy: { id: "desc" },
    select: { id: true, checksum: true },
  });
  const latest = await tx.taxonomyVersion.findFirst({ orderBy: { id: "desc" }, select: { id: true } });
  if (sameVersion.length > 0 && sameVersion[0]!.id === latest?.id) {
    // The current version: compare with what the database holds, which also covers rows with an old checksum.
    const current = await readTaxonomy(tx, t.version);
    const same =
      JSON.stringify(canonicalTaxonomy(afterApplying(t, current))) === JSON.stringify(canonicalTaxonomy(current));
    if (same) return unchanged;
    throw new DataError(versionTakenMessage(t.version), { file: [versionTakenMessage(t.version)] });
  }
  if (sameVersion.some((v) => v.checksum.startsWith(CHECKSUM_PREFIX) && v.checksum !== checksum)) {
    throw new DataError(versionTakenMessage(t.version), { file: [versionTakenMessage(t.version)] });
  }

  const [oldSkills, oldRoles] = await Promise.all([
    tx.skill.findMany({ select: { id: true, name: true, aliases: true } }),
    tx.role.findMany({ select: { id: true } }),
  ]);
  const oldSkillById = new Map(oldSkills.map((s) => [s.id, s]));

  await tx.scaleLevel.deleteMany({ where: { level: { notIn: t.scale.map((s) => s.level) } } });
  // One INSERT … ON CONFLICT per table. Parameters arrive as text, so enum and array columns are cast explicitly.
  if (t.scale.length) {
    await tx.$executeRaw`INSERT INTO "ScaleLevel" ("level", "name", "description")
      VALUES ${Prisma.join(t.scale.map((s) => Prisma.sql`(${s.level}::int, ${s.name}, ${s.description})`))}
      ON CONFLICT ("level") DO UPDATE SET "name" = EXCLUDED."name", "description" = EXCLUDED."description"`;
  }
  if (t.categories.length) {
    const rows = t.categories.map(
      (c, position) => Prisma.sql`(${c.id}, ${c.name}, ${c.kind}::"CategoryKind", ${c.description}, ${position}::int)`,
    );
    await tx.$executeRaw`INSERT INTO "Category" ("id", "name", "kind", "description", "position") VALUES ${Prisma.join(rows)}
      ON CONFLICT ("id") DO UPDATE SET "name" = EXCLUDED."name", "kind" = EXCLUDED."kind", "description" = EXCLUDED."description", "position" = EXCLUDED."position"`;
  }
  if (t.skills.length) {
    const rows = t.skills.map((s, position) => {
      const previous = oldSkillById.get(s.id);
      const aliases = new Set([...s.aliases, ...(previous?.aliases ?? [])]);
      if (previous && previous.name !== s.name) aliases.add(previous.name);
      aliases.delete(s.name);
      const resources = JSON.stringify(s.resources.map(({ title, url, level }) => ({ title, url, level })));
      return Prisma.sql`(${s.id}, ${s.name}, ${s.category}, ${s.description}, ${textArray(s.tools)}, ${textArray([...aliases].sort())}, ${textArray(s.sources)},
        ${textArray(s.levels)}, ${resources}::jsonb, ${position}::int, false)`;
    });
    await tx.$executeRaw`INSERT INTO "Skill" ("id", "name", "categoryId", "description", "tools", "aliases", "sources", "levels", "resources", "position", "retired")
      VALUES ${Prisma.join(rows)}
      ON CONFLICT ("id") DO UPDATE SET "name" = EXCLUDED."name", "categoryId" = EXCLUDED."categoryId", "description" = EXCLUDED."description",
        "tools" = EXCLUDED."tools", "aliases" = EXCLUDED."aliases", "sources" = EXCLUDED."sources", "levels" = EXCLUDED."levels",
        "resources" = EXCLUDED."resources", "position" = EXCLUDED."position", "retired" = false`;
  }
  const skillIds = new Set(t.skills.map((s) => s.id));
  const retiredSkills = oldSkills.filter((s) => !skillIds.has(s.id)).map((s) => s.id);
  if (retiredSkills.length)
    await tx.skill.updateMany({ where: { id: { in: retiredSkills } }, data: { retired: true } });

  await tx.skillPrerequisite.deleteMany({});
  await tx.skillPrerequisite.createMany({
    data: t.skills.flatMap((s) => s.prerequisites.map((p) => ({ skillId: s.id, prerequisiteId: p }))),
  });

  if (t.roles.length) {
    const rows = t.roles.map(
      (
        r,
        position,
      ) => Prisma.sql`(${r.id}, ${r.title}, ${r.track}::"Track", ${r.kind}::"RoleKind", ${r.seniority}::int, ${r.summary}, ${r.focus},
        ${r.environment}, ${r.output}, ${textArray(r.collaborates)}, ${r.reportsTo}::text, ${r.salary?.min ?? null}::int, ${r.salary?.max ?? null}::int,
        ${r.salary?.currency ?? null}::text, ${textArray(r.sources)}, ${position}::int, false)`,
    );
    await tx.$executeRaw`INSERT INTO "Role" ("id", "title", "track", "kind", "seniority", "summary", "focus", "environment", "output", "collaborates",
        "reportsTo", "salaryMin", "salaryMax", "salaryCurrency", "sources", "position", "retired")
      VALUES ${Prisma.join(rows)}
      ON CONFLICT ("id") DO UPDATE SET "title" = EXCLUDED."title", "track" = EXCLUDED."track", "kind" = EXCLUDED."kind",
        "seniority" = EXCLUDED."seniority", "summary" = EXCLUDED."summary", "focus" = EXCLUDED."focus", "environment" = EXCLUDED."environment",
        "output" = EXCLUDED."output", "collaborates" = EXCLUDED."collaborates", "reportsTo" = EXCLUDED."reportsTo", "salaryMin" = EXCLUDED."salaryMin",
        "salaryMax" = EXCLUDED."salaryMax", "salaryCurrency" = EXCLUDED."salaryCurrency", "sources" = EXCLUDED."sources",
        "position" = EXCLUDED."position", "retired" = false`;
  }
  const roleIds = new Set(t.roles.map((r) => r.id));
  const retiredRoles = oldRoles.filter((r) => !roleIds.has(r.id)).map((r) => r.id);
  if (retiredRoles.length) await tx.role.updateMany({ where: { id: { in: retiredRoles } }, data: { retired: true } });

  await tx.roleRequirement.deleteMany({});
  await tx.roleRequirement.createMany({
    data: t.roles.flatMap((r) =>
      r.requirements.map((q) => ({ roleId: r.id, skillId: q.skill, level: q.level, importance: q.importance })),
    ),
  });
  await tx.careerPath.deleteMany({});
  await tx.careerPath.createMany({
    data: t.paths.map((p) => ({ fromId: p.from, toId: p.to, kind: p.kind, sources: p.sources })),
  });

  // The certification catalogue: upserted by id; entries missing from this version are retired, never deleted,
  // because people's certifications point at them.
  if (t.certifications.length) {
    const rows = t.certifications.map(
      (c, position) =>
        Prisma.sql`(${c.id}, ${c.name}, ${c.short}, ${c.issuer}, ${c.validityMonths}::int, ${textArray(c.skills)}, ${c.url}, ${position}::int, false)`,
    );
    await tx.$executeRaw`INSERT INTO "Certification" ("id", "name", "short", "issuer", "validityMonths", "skills", "url", "position", "retired")
      VALUES ${Prisma.join(rows)}
      ON CONFLICT ("id") DO UPDATE SET "name" = EXCLUDED."name", "short" = EXCLUDED."short", "issuer" = EXCLUDED."issuer",
        "validityMonths" = EXCLUDED."validityMonths", "skills" = EXCLUDED."skills", "url" = EXCLUDED."url",
        "position" = EXCLUDED."position", "retired" = false`;
  }
  await tx.certification.updateMany({
    where: { id: { notIn: t.certifications.map((c) => c.id) }, retired: false },
    data: { retired: true },
  });

  await tx.taxonomyVersion.create({ data: { version: t.version, checksum, appliedBy } });
  return { changed: true, ...base, retiredSkills, retiredRoles };
}

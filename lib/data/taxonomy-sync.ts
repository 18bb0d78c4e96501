import { createHash } from "node:crypto";
import type { Db } from "./open";
import type { Taxonomy } from "@/lib/domain/types";

export type ApplyResult = { changed: boolean; version: string; skills: number; roles: number; paths: number; retiredSkills: string[]; retiredRoles: string[] };

/** A stable checksum of a taxonomy, so re-applying the same content is a no-op. */
export function taxonomyChecksum(t: Taxonomy): string {
  return createHash("sha256").update(JSON.stringify(t)).digest("hex");
}

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/**
 * Writes a validated taxonomy into the database in one transaction. Ids are stable: existing skills and roles
 * are updated in place, so ratings survive; a renamed skill keeps its old name as an alias; items missing from
 * the new version are retired (hidden), never deleted. Applying the same content twice changes nothing.
 */
export async function applyTaxonomy(prisma: Db, t: Taxonomy, appliedBy: string | null = null): Promise<ApplyResult> {
  const checksum = taxonomyChecksum(t);
  const last = await prisma.taxonomyVersion.findFirst({ orderBy: { id: "desc" } });
  const base = { version: t.version, skills: t.skills.length, roles: t.roles.length, paths: t.paths.length };
  if (last?.checksum === checksum) return { changed: false, ...base, retiredSkills: [], retiredRoles: [] };

  return prisma.$transaction(
    async (tx: Tx) => {
      const [oldSkills, oldRoles] = await Promise.all([
        tx.skill.findMany({ select: { id: true, name: true, aliases: true } }),
        tx.role.findMany({ select: { id: true } }),
      ]);
      const oldSkillById = new Map(oldSkills.map((s) => [s.id, s]));

      await tx.scaleLevel.deleteMany({ where: { level: { notIn: t.scale.map((s) => s.level) } } });
      for (const s of t.scale) {
        await tx.scaleLevel.upsert({ where: { level: s.level }, create: s, update: { name: s.name, description: s.description } });
      }
      for (const [position, c] of t.categories.entries()) {
        const data = { name: c.name, kind: c.kind, description: c.description, position };
        await tx.category.upsert({ where: { id: c.id }, create: { id: c.id, ...data }, update: data });
      }
      for (const [position, s] of t.skills.entries()) {
        const previous = oldSkillById.get(s.id);
        const aliases = new Set([...s.aliases, ...(previous?.aliases ?? [])]);
        if (previous && previous.name !== s.name) aliases.add(previous.name);
        aliases.delete(s.name);
        const data = {
          name: s.name, categoryId: s.category, description: s.description, tools: s.tools,
          aliases: [...aliases].sort(), sources: s.sources, position, retired: false,
        };
        await tx.skill.upsert({ where: { id: s.id }, create: { id: s.id, ...data }, update: data });
      }
      const skillIds = new Set(t.skills.map((s) => s.id));
      const retiredSkills = oldSkills.filter((s) => !skillIds.has(s.id)).map((s) => s.id);
      if (retiredSkills.length) await tx.skill.updateMany({ where: { id: { in: retiredSkills } }, data: { retired: true } });

      await tx.skillPrerequisite.deleteMany({});
      await tx.skillPrerequisite.createMany({
        data: t.skills.flatMap((s) => s.prerequisites.map((p) => ({ skillId: s.id, prerequisiteId: p }))),
      });

      for (const [position, r] of t.roles.entries()) {
        const data = {
          title: r.title, track: r.track, kind: r.kind, seniority: r.seniority, summary: r.summary, focus: r.focus,
          environment: r.environment, output: r.output, collaborates: r.collaborates, reportsTo: r.reportsTo,
          salaryMin: r.salary?.min ?? null, salaryMax: r.salary?.max ?? null, salaryCurrency: r.salary?.currency ?? null,
          sources: r.sources, position, retired: false,
        };
        await tx.role.upsert({ where: { id: r.id }, create: { id: r.id, ...data }, update: data });
      }
      const roleIds = new Set(t.roles.map((r) => r.id));
      const retiredRoles = oldRoles.filter((r) => !roleIds.has(r.id)).map((r) => r.id);
      if (retiredRoles.length) await tx.role.updateMany({ where: { id: { in: retiredRoles } }, data: { retired: true } });

      await tx.roleRequirement.deleteMany({});
      await tx.roleRequirement.createMany({
        data: t.roles.flatMap((r) => r.requirements.map((q) => ({ roleId: r.id, skillId: q.skill, level: q.level, importance: q.importance }))),
      });
      await tx.careerPath.deleteMany({});
      await tx.careerPath.createMany({ data: t.paths.map((p) => ({ fromId: p.from, toId: p.to, kind: p.kind, sources: p.sources })) });

      await tx.taxonomyVersion.create({ data: { version: t.version, checksum, appliedBy } });
      return { changed: true, ...base, retiredSkills, retiredRoles };
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
}

import "server-only";
import { db } from "./db";
import type { Taxonomy, Track, RoleKind, CategoryKind, Importance, PathKind } from "@/lib/domain/types";

type Cached = { versionId: number; taxonomy: Taxonomy };
const globalCache = globalThis as unknown as { skillgapTaxonomy?: Cached };

/**
 * The active taxonomy (retired skills and roles left out), as plain domain data. Public: it holds no personal data.
 * Cached per process and keyed by the latest applied version, so after an import every instance reloads it.
 */
export async function getTaxonomy(): Promise<Taxonomy> {
  const prisma = await db();
  const latest = await prisma.taxonomyVersion.findFirst({ orderBy: { id: "desc" }, select: { id: true, version: true } });
  const versionId = latest?.id ?? 0;
  if (globalCache.skillgapTaxonomy?.versionId === versionId) return globalCache.skillgapTaxonomy.taxonomy;
  const [scale, categories, skills, roles, paths] = await Promise.all([
    prisma.scaleLevel.findMany({ orderBy: { level: "asc" } }),
    prisma.category.findMany({ orderBy: { position: "asc" } }),
    prisma.skill.findMany({ where: { retired: false }, orderBy: { position: "asc" }, include: { prerequisites: { select: { prerequisiteId: true } } } }),
    prisma.role.findMany({ where: { retired: false }, orderBy: { position: "asc" }, include: { requirements: true } }),
    prisma.careerPath.findMany({ where: { from: { retired: false }, to: { retired: false } } }),
  ]);
  const skillOrder = new Map(skills.map((s, i) => [s.id, i]));
  const taxonomy: Taxonomy = {
    version: latest?.version ?? "none",
    scale: scale.map((s) => ({ level: s.level, name: s.name, description: s.description })),
    categories: categories.map((c) => ({ id: c.id, name: c.name, kind: c.kind as CategoryKind, description: c.description })),
    skills: skills.map((s) => ({
      id: s.id, name: s.name, category: s.categoryId, description: s.description, tools: s.tools, aliases: s.aliases,
      prerequisites: s.prerequisites.map((p) => p.prerequisiteId).sort(), sources: s.sources,
    })),
    roles: roles.map((r) => ({
      id: r.id, title: r.title, track: r.track as Track, kind: r.kind as RoleKind, seniority: r.seniority, summary: r.summary,
      focus: r.focus, environment: r.environment, output: r.output, collaborates: r.collaborates, reportsTo: r.reportsTo,
      salary: r.salaryMin != null && r.salaryMax != null ? { min: r.salaryMin, max: r.salaryMax, currency: r.salaryCurrency ?? "USD" } : null,
      requirements: r.requirements
        .filter((q) => skillOrder.has(q.skillId))
        .sort((a, b) => skillOrder.get(a.skillId)! - skillOrder.get(b.skillId)!)
        .map((q) => ({ skill: q.skillId, level: q.level, importance: q.importance as Importance })),
      sources: r.sources,
    })),
    paths: paths
      .map((p) => ({ from: p.fromId, to: p.toId, kind: p.kind as PathKind, sources: p.sources }))
      .sort((a, b) => (a.from + a.to).localeCompare(b.from + b.to)),
  };
  globalCache.skillgapTaxonomy = { versionId, taxonomy };
  return taxonomy;
}

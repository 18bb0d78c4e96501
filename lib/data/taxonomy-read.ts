import type { Tx } from "./open";
import type { LearningResource, Taxonomy } from "@/lib/domain/types";

/** The stored resources column (jsonb, validated on the way in); anything malformed is left out rather than shown. */
function toResources(value: unknown): LearningResource[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((r: unknown) => {
    if (typeof r !== "object" || r === null) return [];
    const { title, url, level } = r as Record<string, unknown>;
    return typeof title === "string" && typeof url === "string" && typeof level === "number"
      ? [{ title, url, level }]
      : [];
  });
}

/**
 * Reads the active taxonomy (retired skills and roles left out) from the database as plain domain data.
 * Takes the client or a transaction (the client is one too, as far as reads go).
 */
export async function readTaxonomy(prisma: Tx, version?: string): Promise<Taxonomy> {
  if (version === undefined) {
    version =
      (await prisma.taxonomyVersion.findFirst({ orderBy: { id: "desc" }, select: { version: true } }))?.version ??
      "none";
  }
  const [scale, categories, skills, roles, paths, certifications] = await Promise.all([
    prisma.scaleLevel.findMany({ orderBy: { level: "asc" } }),
    prisma.category.findMany({ orderBy: { position: "asc" } }),
    prisma.skill.findMany({
      where: { retired: false },
      orderBy: { position: "asc" },
      include: { prerequisites: { select: { prerequisiteId: true } } },
    }),
    prisma.role.findMany({ where: { retired: false }, orderBy: { position: "asc" }, include: { requirements: true } }),
    prisma.careerPath.findMany({ where: { from: { retired: false }, to: { retired: false } } }),
    prisma.certification.findMany({ where: { retired: false }, orderBy: { position: "asc" } }),
  ]);
  const skillOrder = new Map(skills.map((s, i) => [s.id, i]));
  return {
    version,
    scale: scale.map((s) => ({ level: s.level, name: s.name, description: s.description })),
    categories: categories.map((c) => ({ id: c.id, name: c.name, kind: c.kind, description: c.description })),
    skills: skills.map((s) => ({
      id: s.id,
      name: s.name,
      category: s.categoryId,
      description: s.description,
      tools: s.tools,
      aliases: s.aliases,
      prerequisites: s.prerequisites.map((p) => p.prerequisiteId).sort(),
      sources: s.sources,
      levels: s.levels ?? [],
      resources: toResources(s.resources),
    })),
    roles: roles.map((r) => ({
      id: r.id,
      title: r.title,
      track: r.track,
      kind: r.kind,
      seniority: r.seniority,
      summary: r.summary,
      focus: r.focus,
      environment: r.environment,
      output: r.output,
      collaborates: r.collaborates,
      reportsTo: r.reportsTo,
      salary:
        r.salaryMin != null && r.salaryMax != null
          ? { min: r.salaryMin, max: r.salaryMax, currency: r.salaryCurrency ?? "USD" }
          : null,
      requirements: r.requirements
        .filter((q) => skillOrder.has(q.skillId))
        .sort((a, b) => skillOrder.get(a.skillId)! - skillOrder.get(b.skillId)!)
        .map((q) => ({ skill: q.skillId, level: q.level, importance: q.importance })),
      sources: r.sources,
    })),
    paths: paths
      .map((p) => ({ from: p.fromId, to: p.toId, kind: p.kind, sources: p.sources }))
      .sort((a, b) => (a.from + a.to).localeCompare(b.from + b.to)),
    certifications: certifications.map((c) => ({
      id: c.id,
      name: c.name,
      short: c.short,
      issuer: c.issuer,
      validityMonths: c.validityMonths,
      skills: c.skills,
      url: c.url,
    })),
  };
}

import "server-only";
import { db } from "./db";
import { NotFoundError } from "./errors";
import { getTaxonomy } from "./taxonomy";
import type { Actor } from "@/lib/data/policy";
import { compareRoles, computeRoleFit } from "@/lib/domain";
import { levelsVsRole } from "@/lib/domain/taxonomy-views";

export const DEFAULT_PAIR = ["infrastructure-engineer", "platform-engineer"] as const;

/** Me against one role, or two roles side by side (default: Infrastructure Engineer vs Platform Engineer). */
export async function getComparison(actor: Actor, roleA?: string, roleB?: string) {
  const prisma = await db();
  const [taxonomy, ratings] = await Promise.all([
    getTaxonomy(),
    prisma.currentRating.findMany({
      where: { userId: actor.id, skill: { retired: false } },
      select: { skillId: true, level: true },
    }),
  ]);
  if (!ratings) throw new NotFoundError();
  const levels = Object.fromEntries(ratings.map((r) => [r.skillId, r.level]));
  const find = (id: string | undefined, fallback: string) =>
    taxonomy.roles.find((r) => r.id === id) ?? taxonomy.roles.find((r) => r.id === fallback) ?? taxonomy.roles[0];
  const a = find(roleA, DEFAULT_PAIR[0]);
  const single = roleB === "none";
  const b = single ? null : find(roleB, DEFAULT_PAIR[1]);
  const roles = taxonomy.roles.map((r) => ({ id: r.id, title: r.title }));
  if (!b || a.id === b.id) {
    return {
      roles,
      rated: ratings.length,
      a: { id: a.id, title: a.title },
      b: null,
      single: computeRoleFit(levels, a, { taxonomy }),
      radar: levelsVsRole(levels, a, taxonomy),
      comparison: null,
    };
  }
  return {
    roles,
    rated: ratings.length,
    a: { id: a.id, title: a.title },
    b: { id: b.id, title: b.title },
    single: null,
    radar: null,
    comparison: compareRoles(levels, a, b, { taxonomy }),
  };
}

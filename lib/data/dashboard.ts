import "server-only";
import { db } from "./db";
import { NotFoundError } from "./errors";
import { getTaxonomy } from "./taxonomy";
import { STALE_MONTHS } from "./ratings";
import type { Actor } from "@/lib/data/policy";
import { computeRoleFit, fitOverTime, isStale, planLearningPath, suggestNextRoles } from "@/lib/domain";
import { goalProgress, levelsVsRole } from "@/lib/domain/taxonomy-views";
import { careerView } from "@/lib/domain/career-route";
import { doorOpeningGaps } from "@/lib/domain/doors";

/**
 * Everything the dashboard shows, from a fixed number of queries whatever the history length:
 * one for the person (roles, current ratings, history, goals) and one for the taxonomy version (cached).
 */
export async function getDashboard(actor: Actor, now = new Date()) {
  const prisma = await db();
  const [taxonomy, me] = await Promise.all([
    getTaxonomy(),
    prisma.user.findUnique({
      where: { id: actor.id },
      select: {
        currentRoleId: true,
        targetRoleId: true,
        currentRatings: { select: { skillId: true, level: true, updatedAt: true } },
        ratings: {
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          select: { skillId: true, level: true, createdAt: true },
        },
        goals: {
          where: { status: "open" },
          orderBy: { createdAt: "asc" },
          select: { id: true, skillId: true, targetLevel: true, dueDate: true, note: true, reviewId: true },
        },
      },
    }),
  ]);
  if (!me) throw new NotFoundError();
  const known = new Set(taxonomy.skills.map((s) => s.id));
  const levels = Object.fromEntries(
    me.currentRatings.filter((r) => known.has(r.skillId)).map((r) => [r.skillId, r.level]),
  );
  const role = (id: string | null) => taxonomy.roles.find((r) => r.id === id) ?? null;
  const target = role(me.targetRoleId);
  const current = role(me.currentRoleId);
  const history = me.ratings
    .filter((r) => known.has(r.skillId))
    .map((r) => ({ skill: r.skillId, level: r.level, at: r.createdAt }));
  // Every candidate (a few dozen roles at most), so the doors below weigh all of them, not just the top five.
  const suggestions = suggestNextRoles(levels, current?.id ?? null, taxonomy, { limit: Infinity });
  const career = careerView(taxonomy, { currentId: current?.id ?? null, targetId: target?.id ?? null });
  const doors = doorOpeningGaps(levels, taxonomy, {
    currentRoleId: current?.id ?? null,
    targetRoleId: target?.id ?? null,
    candidateRoleIds: suggestions.suggestions.map((s) => s.roleId),
    routeRoleIds: (career.route ?? []).map((s) => s.id),
  });
  const fit = target ? computeRoleFit(levels, target, { taxonomy }) : null;
  return {
    taxonomy,
    ratedCount: me.currentRatings.length,
    staleCount: me.currentRatings.filter((r) => isStale(r.updatedAt, now, STALE_MONTHS)).length,
    currentRole: current ? { id: current.id, title: current.title, kind: current.kind } : null,
    targetRole: target ? { id: target.id, title: target.title, kind: target.kind } : null,
    fit,
    radar: target ? levelsVsRole(levels, target, taxonomy) : [],
    gaps: fit ? fit.skills.filter((s) => s.gap > 0).sort((a, b) => b.gap - a.gap || a.name.localeCompare(b.name)) : [],
    series: target ? fitOverTime(history, target) : [],
    suggestions: { top: suggestions.suggestions.slice(0, 3), doors: doors.slice(0, 3) },
    path: target ? planLearningPath(levels, target, taxonomy) : null,
    goals: goalProgress(me.goals, levels, taxonomy).map((g, i) => ({
      ...g,
      dueDate: me.goals[i].dueDate,
      note: me.goals[i].note,
      fromReview: Boolean(me.goals[i].reviewId),
    })),
    career,
  };
}
export type Dashboard = Awaited<ReturnType<typeof getDashboard>>;

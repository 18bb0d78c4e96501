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
import { discountedSkills, discountStale, monthsBetween } from "@/lib/domain/confidence";
import { countMyInvitations } from "./invitation-responses";
import { myCertificationAlerts } from "./certifications";
import { historyUpTo, levelsAsOf, utcDay } from "@/lib/domain/as-of";

export type DashboardOptions = {
  /**
   * The "confidence" view: fit, gaps, suggestions and the learning path count old ratings for less (see
   * lib/domain/confidence.ts). Goals and the fit-over-time line keep the levels as rated.
   */
  confidence?: boolean;
  /**
   * Time travel: levels as they stood at this moment (the latest history row per skill at or before it), and every
   * figure read from them. Roles, goals, invitations and certifications stay as they are today.
   */
  asOf?: Date;
};

/**
 * Everything the dashboard shows, from a fixed number of queries whatever the history length:
 * one for the person (roles, current ratings, history, goals) and one for the taxonomy version (cached).
 * The confidence view needs no extra query: the current ratings already carry their date. Nor does the "as of" view:
 * it replays the history loaded for the fit-over-time line.
 */
export async function getDashboard(actor: Actor, now = new Date(), options: DashboardOptions = {}) {
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
  const history = me.ratings
    .filter((r) => known.has(r.skillId))
    .map((r) => ({ skill: r.skillId, level: r.level, at: r.createdAt }));
  // As of a past moment, the history already loaded is replayed up to it; no extra query.
  const asOf = options.asOf ?? null;
  const past = asOf ? levelsAsOf(history, asOf) : null;
  const todays = me.currentRatings.filter((r) => known.has(r.skillId));
  const current = past
    ? Object.entries(past.levels).map(([skillId, level]) => ({ skillId, level, updatedAt: past.ratedAt[skillId]! }))
    : todays;
  // "Now" for staleness and the confidence discount: the moment shown.
  const at = asOf ?? now;
  const rated = Object.fromEntries(current.map((r) => [r.skillId, r.level]));
  const ratedAt = Object.fromEntries(current.map((r) => [r.skillId, r.updatedAt]));
  // Fit, gaps, suggestions and the path read these: the levels as rated, or discounted for age in the confidence view.
  const levels = options.confidence ? discountStale(rated, ratedAt, at) : rated;
  const skillName = new Map(taxonomy.skills.map((s) => [s.id, s.name]));
  const role = (id: string | null) => taxonomy.roles.find((r) => r.id === id) ?? null;
  const target = role(me.targetRoleId);
  const currentRole = role(me.currentRoleId);
  // Every candidate (a few dozen roles at most), so the doors below weigh all of them, not just the top five.
  const suggestions = suggestNextRoles(levels, currentRole?.id ?? null, taxonomy, { limit: Infinity });
  const career = careerView(taxonomy, { currentId: currentRole?.id ?? null, targetId: target?.id ?? null });
  const doors = doorOpeningGaps(levels, taxonomy, {
    currentRoleId: currentRole?.id ?? null,
    targetRoleId: target?.id ?? null,
    candidateRoleIds: suggestions.suggestions.map((s) => s.roleId),
    routeRoleIds: (career.route ?? []).map((s) => s.id),
  });
  const fit = target ? computeRoleFit(levels, target, { taxonomy }) : null;
  return {
    taxonomy,
    /** The day shown (YYYY-MM-DD, UTC) when looking back in time; null for today. */
    asOfDay: asOf ? utcDay(asOf) : null,
    ratedCount: past ? current.length : me.currentRatings.length,
    staleCount: (past ? current : me.currentRatings).filter((r) => isStale(r.updatedAt, at, STALE_MONTHS)).length,
    /** Rated skills older than six months (the same rule as the count), for the "older than 6 months" marks. */
    staleSkills: current.filter((r) => isStale(r.updatedAt, at, STALE_MONTHS)).map((r) => r.skillId),
    confidence: options.confidence
      ? {
          /** Fit to the target as rated, beside the discounted one. */
          fitAsRated: target ? computeRoleFit(rated, target, { taxonomy }).fit : null,
          /** The skills the discount changed, biggest change first: "Linux 4 → counted as 3 (rated 8 months ago)". */
          discounted: discountedSkills(rated, ratedAt, at)
            .map((d) => ({
              ...d,
              name: skillName.get(d.skillId) ?? d.skillId,
              months: monthsBetween(ratedAt[d.skillId]!, at),
            }))
            .sort((a, b) => b.level - b.counted - (a.level - a.counted) || a.name.localeCompare(b.name)),
        }
      : null,
    currentRole: currentRole ? { id: currentRole.id, title: currentRole.title, kind: currentRole.kind } : null,
    targetRole: target ? { id: target.id, title: target.title, kind: target.kind } : null,
    fit,
    radar: target ? levelsVsRole(levels, target, taxonomy) : [],
    gaps: fit ? fit.skills.filter((s) => s.gap > 0).sort((a, b) => b.gap - a.gap || a.name.localeCompare(b.name)) : [],
    series: target ? fitOverTime(asOf ? historyUpTo(history, asOf) : history, target) : [],
    suggestions: { top: suggestions.suggestions.slice(0, 3), doors: doors.slice(0, 3) },
    path: target ? planLearningPath(levels, target, taxonomy) : null,
    // Goals measure progress against the person's own ratings, so they never take the discount; they are today's
    // goals, so they measure today's levels even when the rest of the page looks back in time.
    goals: goalProgress(
      me.goals,
      past ? Object.fromEntries(todays.map((r) => [r.skillId, r.level])) : rated,
      taxonomy,
    ).map((g, i) => ({
      ...g,
      dueDate: me.goals[i].dueDate,
      note: me.goals[i].note,
      fromReview: Boolean(me.goals[i].reviewId),
    })),
    career,
  };
}
export type Dashboard = Awaited<ReturnType<typeof getDashboard>>;

/**
 * /dashboard: the dashboard, the invitations badge and the certification warnings (expired, or expiring within 90
 * days), in parallel: one query more than the dashboard and the badge, whatever the data.
 */
export async function getDashboardView(actor: Actor, options: DashboardOptions = {}, now = new Date()) {
  const [dashboard, invitationCount, certificationAlerts] = await Promise.all([
    getDashboard(actor, now, options),
    countMyInvitations(actor, now),
    myCertificationAlerts(actor, now),
  ]);
  return { dashboard, invitationCount, certificationAlerts };
}
export type DashboardView = Awaited<ReturnType<typeof getDashboardView>>;

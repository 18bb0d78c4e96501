import "server-only";
import { db } from "./db";
import { inOrganisation } from "./people";
import { DataError } from "./errors";
import { getTaxonomy } from "./taxonomy";
import { accessOf, accessSelect, FORMER_MANAGER } from "./reviews";
import { afterName, olderThan, page, type Key, type PageOptions } from "./api-v1-page";
import { visiblePeopleWhere, visibleReviewsWhere, visibleTeamsWhere, type Actor } from "@/lib/data/policy";
import { isOverdue } from "@/lib/domain/review";

/**
 * The /api/v1 reads no page needed in this form: paged by keyset (lib/api/cursor.ts), each with the permission check in
 * its query's `where` (lib/data/policy.ts), for the token's owner as a TokenActor (admin rights only with `admin`).
 */

export { getTokenInfo, listMyRatings, listRatingHistory } from "./api-v1-me";
export { listSkills, replaceTaxonomy } from "./api-v1-taxonomy";

export type PeopleOptions = PageOptions<Key<"people">> & {
  q: string | null;
  skill: string | null;
  minLevel: number | null;
};

/**
 * People the expert finder would show the actor (visiblePeopleWhere, the finder's rule), by name (unnamed last), then
 * id; optionally whose name contains `q`, and who hold `skill` at `minLevel` (default 1) or above.
 */
export async function listPeople(actor: Actor, { q, skill, minLevel, limit, cursor }: PeopleOptions) {
  if (skill && !(await getTaxonomy()).skills.some((s) => s.id === skill))
    throw new DataError(`Unknown skill "${skill}".`, { skill: ["Choose a skill id from GET /skills."] });
  const prisma = await db();
  const after = cursor
    ? cursor[0] === null
      ? { name: null, id: { gt: cursor[1] } }
      : { OR: [{ name: { gt: cursor[0] } }, { name: cursor[0], id: { gt: cursor[1] } }, { name: null }] }
    : {};
  const rows = await prisma.user.findMany({
    where: {
      AND: [
        visiblePeopleWhere(actor, await inOrganisation(actor)),
        q ? { name: { contains: q, mode: "insensitive" as const } } : {},
        skill ? { currentRatings: { some: { skillId: skill, level: { gte: minLevel ?? 1 } } } } : {},
        after,
      ],
    },
    orderBy: [{ name: { sort: "asc", nulls: "last" } }, { id: "asc" }],
    take: limit + 1,
    select: {
      id: true,
      name: true,
      email: true,
      currentRatings: { where: { skillId: skill ?? "" }, select: { level: true } },
    },
  });
  return page(
    "people",
    rows,
    limit,
    (p) => [p.name, p.id],
    (p) => ({
      id: p.id,
      // As the finder names people: their name, or the part of the address before the @.
      name: p.name ?? p.email.split("@")[0]!,
      level: skill ? (p.currentRatings[0]?.level ?? null) : null,
      isMe: p.id === actor.id,
    }),
  );
}

/** Teams the actor may see (visibleTeamsWhere), by name then id, with their role and head counts. Two queries. */
export async function listTeams(actor: Actor, { limit, cursor }: PageOptions<Key<"teams">>) {
  const prisma = await db();
  const rows = await prisma.team.findMany({
    where: { AND: [visibleTeamsWhere(actor), afterName(cursor)] },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: limit + 1,
    select: {
      id: true,
      name: true,
      description: true,
      memberships: { where: { userId: actor.id }, select: { role: true } },
    },
  });
  const counts = await prisma.teamMembership.groupBy({
    by: ["teamId", "role"],
    where: { teamId: { in: rows.slice(0, limit).map((t) => t.id) } },
    _count: { _all: true },
  });
  const countOf = (teamId: string, role: string) =>
    counts.find((c) => c.teamId === teamId && c.role === role)?._count._all ?? 0;
  return page(
    "teams",
    rows,
    limit,
    (t) => [t.name, t.id],
    (t) => ({
      id: t.id,
      name: t.name,
      description: t.description,
      myRole: t.memberships[0]?.role ?? (actor.isAdmin ? ("admin" as const) : null),
      members: countOf(t.id, "member"),
      managers: countOf(t.id, "manager"),
    }),
  );
}

/**
 * Reviews the actor may open, newest first: the coarse filter (visibleReviewsWhere) in the query, then reviewAccess on
 * each row, as the reviews page does. A row that fails it is left out of its page, which is then shorter.
 */
export async function listReviews(actor: Actor, { limit, cursor }: PageOptions<Key<"reviews">>, now = new Date()) {
  const prisma = await db();
  const access = accessSelect(actor);
  const rows = await prisma.review.findMany({
    where: { AND: [visibleReviewsWhere(actor), olderThan(cursor)] },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: {
      id: true,
      period: true,
      state: true,
      dueDate: true,
      createdAt: true,
      completedAt: true,
      subjectId: true,
      managerId: true,
      teamId: true,
      subject: { select: { name: true, email: true, memberships: access.subject.select.memberships } },
      manager: { select: { name: true, email: true } },
      team: { select: { name: true, memberships: access.team.select.memberships } },
    },
  });
  return page(
    "reviews",
    rows,
    limit,
    (r) => [r.createdAt, r.id],
    (r) => {
      const allowed = accessOf(actor, r);
      if (!allowed) return null;
      return {
        id: r.id,
        period: r.period,
        state: r.state,
        dueDate: r.dueDate,
        createdAt: r.createdAt,
        completedAt: r.completedAt,
        overdue: isOverdue(r.state, r.dueDate, now),
        side: allowed.side,
        team: { id: r.teamId, name: r.team.name },
        subject: { id: r.subjectId, name: r.subject.name ?? r.subject.email },
        managerName: r.manager ? (r.manager.name ?? r.manager.email) : FORMER_MANAGER,
      };
    },
  );
}

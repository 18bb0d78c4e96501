import "server-only";
import { db } from "./db";
import { inOrganisation } from "./people";
import { DataError, NotFoundError } from "./errors";
import { getTaxonomy } from "./taxonomy";
import { STALE_MONTHS } from "./ratings";
import { accessOf, accessSelect, FORMER_MANAGER } from "./reviews";
import { lockAsActiveAdmin } from "./admin-lock";
import { applyTaxonomyInTx, type ApplyResult } from "./taxonomy-sync";
import type { TokenActor } from "./api-tokens";
import { visiblePeopleWhere, visibleReviewsWhere, visibleTeamsWhere, type Actor } from "@/lib/data/policy";
import { isStale } from "@/lib/domain/history";
import { isOverdue } from "@/lib/domain/review";
import type { Taxonomy } from "@/lib/domain/types";
import { scopeName } from "@/lib/domain/api-scopes";
import { toPage, type CursorKey } from "@/lib/api/cursor";
import { LISTS } from "@/lib/api/v1-lists";

/**
 * The /api/v1 reads no page needed in this form: paged by keyset (lib/api/cursor.ts), each with the permission check in
 * its query's `where` (lib/data/policy.ts), for the token's owner as a TokenActor (admin rights only with `admin`).
 */

type PageOptions<K extends readonly unknown[]> = { limit: number; cursor: K | null };
type ListKinds<L extends keyof typeof LISTS> = (typeof LISTS)[L]["kinds"];
type Key<L extends keyof typeof LISTS> = CursorKey<ListKinds<L>>;

/** The token behind the request: its name, kind, scopes and expiry (the owner's own token only). */
export async function getTokenInfo(actor: TokenActor) {
  const prisma = await db();
  const token = await prisma.apiToken.findFirst({
    where: { id: actor.tokenId, userId: actor.id },
    select: { id: true, name: true, kind: true, scopes: true, expiresAt: true, createdAt: true },
  });
  if (!token) throw new NotFoundError();
  return { ...token, scopes: token.scopes.map(scopeName) };
}

/** The actor's current ratings of active skills, by skill id. */
export async function listMyRatings(actor: Actor, { limit, cursor }: PageOptions<Key<"myRatings">>, now = new Date()) {
  const prisma = await db();
  const rows = await prisma.currentRating.findMany({
    where: { userId: actor.id, skill: { retired: false }, ...(cursor ? { skillId: { gt: cursor[0] } } : {}) },
    orderBy: { skillId: "asc" },
    take: limit + 1,
    select: {
      skillId: true,
      level: true,
      note: true,
      evidenceUrl: true,
      certificationId: true,
      wantsToGrow: true,
      source: true,
      updatedAt: true,
    },
  });
  const { name, kinds } = LISTS.myRatings;
  return toPage(
    rows,
    limit,
    name,
    kinds,
    (r) => [r.skillId],
    (r) => ({ ...r, stale: isStale(r.updatedAt, now, STALE_MONTHS) }),
  );
}

/** The actor's rating history of one skill, newest first. An unknown skill is not found. */
export async function listRatingHistory(actor: Actor, skillId: string, { limit, cursor }: PageOptions<Key<"history">>) {
  const prisma = await db();
  const [skill, rows] = await Promise.all([
    prisma.skill.findUnique({ where: { id: skillId }, select: { id: true } }),
    prisma.rating.findMany({
      where: {
        userId: actor.id,
        skillId,
        ...(cursor ? { OR: [{ createdAt: { lt: cursor[0] } }, { createdAt: cursor[0], id: { lt: cursor[1] } }] } : {}),
      },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: limit + 1,
      select: {
        id: true,
        level: true,
        source: true,
        note: true,
        evidenceUrl: true,
        wantsToGrow: true,
        createdAt: true,
      },
    }),
  ]);
  if (!skill) throw new NotFoundError();
  const { name, kinds } = LISTS.history;
  return toPage(
    rows,
    limit,
    name,
    kinds,
    (r) => [r.createdAt, r.id],
    ({ id: _id, ...r }) => r,
  );
}

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
  const { name, kinds } = LISTS.people;
  return toPage(
    rows,
    limit,
    name,
    kinds,
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
    where: {
      AND: [
        visibleTeamsWhere(actor),
        cursor ? { OR: [{ name: { gt: cursor[0] } }, { name: cursor[0], id: { gt: cursor[1] } }] } : {},
      ],
    },
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
  const { name, kinds } = LISTS.teams;
  return toPage(
    rows,
    limit,
    name,
    kinds,
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
    where: {
      AND: [
        visibleReviewsWhere(actor),
        cursor ? { OR: [{ createdAt: { lt: cursor[0] } }, { createdAt: cursor[0], id: { lt: cursor[1] } }] } : {},
      ],
    },
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
  const { name, kinds } = LISTS.reviews;
  return toPage(
    rows,
    limit,
    name,
    kinds,
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

/** Skills of the active taxonomy (public), by id; optionally one category's. */
export async function listSkills({
  category,
  limit,
  cursor,
}: PageOptions<Key<"skills">> & { category: string | null }) {
  const taxonomy = await getTaxonomy();
  const rows = taxonomy.skills
    .filter((s) => (!category || s.category === category) && (!cursor || s.id > cursor[0]))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, limit + 1);
  const { name, kinds } = LISTS.skills;
  return toPage(
    rows,
    limit,
    name,
    kinds,
    (s) => [s.id],
    (s) => ({
      id: s.id,
      name: s.name,
      category: s.category,
      description: s.description,
      tools: [...s.tools],
      aliases: [...s.aliases],
      prerequisites: [...s.prerequisites],
    }),
  );
}

/**
 * Applies a validated taxonomy as the admin import does, in one transaction that first re-reads the owner under the
 * admin lock: an owner demoted or deactivated a moment ago gets "not found" and nothing changes.
 */
export async function replaceTaxonomy(actor: Actor, taxonomy: Taxonomy): Promise<ApplyResult> {
  const prisma = await db();
  try {
    return await prisma.$transaction(
      async (tx) => {
        await lockAsActiveAdmin(tx, actor);
        return applyTaxonomyInTx(tx, taxonomy, actor.id);
      },
      { timeout: 60_000, maxWait: 10_000 },
    );
  } catch (e) {
    // The import names the file; here the document's version is the field at fault.
    if (e instanceof DataError && e.fieldErrors.file) throw new DataError(e.message, { version: e.fieldErrors.file });
    throw e;
  }
}

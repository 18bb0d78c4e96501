import "server-only";
import { db } from "./db";
import { assertLookupId, DataError, NotFoundError } from "./errors";
import { getTaxonomy } from "./taxonomy";
import { STALE_MONTHS } from "./ratings";
import { teamsManagedByWhere, visiblePeopleWhere, visibleReviewsOfSubjectWhere, type Actor } from "@/lib/data/policy";
import { Findability } from "@/lib/generated/prisma/enums";
import { Prisma } from "@/lib/generated/prisma/client";
import { computeRoleFit, isStale } from "@/lib/domain";
import { certificationStatus, isCurrent } from "@/lib/domain/certifications";
import { rankCandidates, type FinderCandidate, type FinderCriterion } from "@/lib/domain/finder";
import { choice, id, level, list, optional, z } from "@/lib/validation";

export const FINDABILITY = ["nobody", "teams", "organisation"] as const;
export type FindabilityValue = (typeof FINDABILITY)[number];

export const findabilitySchema = z.object({
  findableBy: choice(FINDABILITY, "Choose who can find you: nobody, my teams, or everyone in the organisation."),
});

/** The finder's form: 1–5 skills with a minimum level each, and optionally a certification. */
export const finderQuerySchema = z.object({
  criteria: list(z.object({ skillId: id("Skill"), minLevel: level("Minimum level", 1) }), 5, "Skills")
    .min(1, "Choose at least one skill.")
    .refine((c) => new Set(c.map((q) => q.skillId)).size === c.length, "Each skill may be searched once."),
  certificationId: optional(id("Certification")),
});
export type FinderQuery = z.infer<typeof finderQuerySchema>;

/** Most results the finder returns (ranked first, then cut). */
export const FINDER_LIMIT = 50;

/**
 * Whether the actor belongs to the organisation as the "everyone in the organisation" setting means it: verified,
 * active, and an admin or a member of at least one team. One query.
 */
export async function inOrganisation(actor: Actor): Promise<boolean> {
  const prisma = await db();
  const me = await prisma.user.findFirst({
    where: {
      id: actor.id,
      deactivatedAt: null,
      emailVerified: { not: null },
      OR: [{ isAdmin: true }, { memberships: { some: {} } }],
    },
    select: { id: true },
  });
  return me !== null;
}

export async function setFindability(actor: Actor, value: FindabilityValue): Promise<void> {
  const prisma = await db();
  await prisma.user.update({ where: { id: actor.id }, data: { findableBy: Findability[value] } });
}

/**
 * The expert finder: people the actor may see (visiblePeopleWhere) whose current ratings meet every criterion, and
 * who hold the certification (current, not expired) when one is asked for. Ranked by lib/domain/finder.ts. Four
 * queries whatever the organisation's size: the taxonomy version (cached), then in parallel the actor's organisation
 * membership and the searched skills' ratings with their evidence, then the visible matches. People who chose otherwise are never loaded,
 * so neither the list nor the count can hint at them.
 */
export async function findExperts(actor: Actor, query: FinderQuery, now = new Date()) {
  const taxonomy = await getTaxonomy();
  const known = new Set(taxonomy.skills.map((s) => s.id));
  query.criteria.forEach((q, i) => {
    if (!known.has(q.skillId))
      throw new DataError(`Unknown skill "${q.skillId}".`, {
        [`criteria.${i}.skillId`]: ["Choose a skill from the list."],
      });
  });
  if (query.certificationId && !taxonomy.certifications.some((c) => c.id === query.certificationId))
    throw new DataError("Unknown certification.", { certificationId: ["Choose a certification from the list."] });
  const prisma = await db();
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const skillIds = query.criteria.map((q) => q.skillId);
  const lowest = Math.min(...query.criteria.map((q) => q.minLevel));
  // Only people who meet every criterion (and hold the certification): a narrow search reads few rows.
  const meetsAll = Prisma.join(
    [
      ...query.criteria.map(
        (q) => Prisma.sql`AND EXISTS (SELECT 1 FROM "CurrentRating" k WHERE k."userId" = c."userId"
          AND k."skillId" = ${q.skillId} AND k."level" >= ${q.minLevel})`,
      ),
      ...(query.certificationId
        ? [
            Prisma.sql`AND EXISTS (SELECT 1 FROM "PersonCertification" h WHERE h."userId" = c."userId"
              AND h."certificationId" = ${query.certificationId} AND (h."expiresOn" IS NULL OR h."expiresOn" >= ${today}))`,
          ]
        : []),
    ],
    " ",
  );
  // In parallel: the actor's organisation membership, and every current rating of the searched skills at the lowest
  // minimum or above with its evidence (a current certification, a manager's confirmation, visible endorsements of
  // that level). The ratings are only ever read for the people the visibility query below returns.
  const [org, ratingRows] = await Promise.all([
    inOrganisation(actor),
    prisma.$queryRaw<
      {
        userId: string;
        skillId: string;
        level: number;
        updatedAt: Date;
        confirmed: boolean;
        certified: boolean;
        endorsements: number;
      }[]
    >`
      SELECT c."userId", c."skillId", c."level", c."updatedAt", c."source" = 'manager' AS "confirmed",
        (pc."id" IS NOT NULL AND (pc."expiresOn" IS NULL OR pc."expiresOn" >= ${today})) AS "certified",
        (SELECT count(*)::int FROM "Endorsement" e WHERE e."userId" = c."userId" AND e."skillId" = c."skillId"
          AND e."level" = c."level" AND NOT e."hidden") AS "endorsements"
      FROM "CurrentRating" c LEFT JOIN "PersonCertification" pc ON pc."id" = c."certificationId"
      WHERE c."skillId" IN (${Prisma.join(skillIds)}) AND c."level" >= ${lowest} ${meetsAll}`,
  ]);
  // Who the actor may see among those who meet every criterion (and hold the certification, when asked).
  const people = await prisma.user.findMany({
    where: {
      AND: [
        visiblePeopleWhere(actor, org),
        ...query.criteria.map((q) => ({
          currentRatings: { some: { skillId: q.skillId, level: { gte: q.minLevel } } },
        })),
        ...(query.certificationId
          ? [
              {
                certifications: {
                  some: {
                    certificationId: query.certificationId,
                    OR: [{ expiresOn: null }, { expiresOn: { gte: today } }],
                  },
                },
              },
            ]
          : []),
      ],
    },
    select: { id: true, name: true, email: true },
  });
  const ratingsOf = new Map<string, FinderCandidate["ratings"]>();
  for (const r of ratingRows) {
    const list = ratingsOf.get(r.userId) ?? [];
    list.push({
      skillId: r.skillId,
      level: Number(r.level),
      updatedAt: new Date(r.updatedAt),
      certified: Boolean(r.certified),
      confirmed: Boolean(r.confirmed),
      endorsements: Number(r.endorsements),
    });
    ratingsOf.set(r.userId, list);
  }
  const candidates: FinderCandidate[] = people.map((p) => ({
    id: p.id,
    name: p.name ?? p.email.split("@")[0]!,
    ratings: ratingsOf.get(p.id) ?? [],
  }));
  const criteria: FinderCriterion[] = query.criteria;
  const ranked = rankCandidates(candidates, criteria);
  return {
    total: ranked.length,
    results: ranked.slice(0, FINDER_LIMIT).map((c) => ({
      ...c,
      isMe: c.id === actor.id,
      ratings: c.ratings.map((r) => ({ ...r, stale: isStale(r.updatedAt, now, STALE_MONTHS) })),
    })),
  };
}

/**
 * "People who can help" on a skill page: the finder for one skill at the practitioner level or above (3+), under the
 * same rules, first five.
 */
export async function peopleWhoCanHelp(actor: Actor, skillId: string, now = new Date()) {
  assertLookupId(skillId);
  const { results, total } = await findExperts(
    actor,
    { criteria: [{ skillId, minLevel: 3 }], certificationId: null },
    now,
  );
  const others = results.filter((r) => !r.isMe);
  return { total: total - (results.length - others.length), people: others.slice(0, 5) };
}

/** Which of these people the actor may open a profile of (for names that become links, e.g. in the heat map). */
export async function profileLinks(actor: Actor, userIds: string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const prisma = await db();
  const org = await inOrganisation(actor);
  const rows = await prisma.user.findMany({
    where: { AND: [{ id: { in: userIds } }, visiblePeopleWhere(actor, org)] },
    select: { id: true },
  });
  return new Set(rows.map((r) => r.id));
}

/**
 * A person's profile. Who sees what:
 *   - nobody outside visiblePeopleWhere: not found (the same answer as for an id that does not exist);
 *   - colleagues the setting admits: current ratings with descriptors, evidence, certifications and endorsements;
 *   - the person, their current managers and admins also: fit to the target role, open goals, the rating timeline
 *     per skill and review history (`full`).
 * A fixed number of queries whatever the history length.
 */
export async function getPersonProfile(actor: Actor, personId: string, now = new Date()) {
  assertLookupId(personId);
  const prisma = await db();
  const [taxonomy, org] = await Promise.all([getTaxonomy(), inOrganisation(actor)]);
  const person = await prisma.user.findFirst({
    where: { AND: [{ id: personId }, visiblePeopleWhere(actor, org)] },
    select: {
      id: true,
      name: true,
      email: true,
      findableBy: true,
      currentRoleId: true,
      targetRoleId: true,
      memberships: {
        select: {
          role: true,
          team: {
            select: {
              id: true,
              name: true,
              memberships: { where: { userId: actor.id }, select: { role: true } },
            },
          },
        },
      },
      currentRatings: {
        where: { skill: { retired: false } },
        select: {
          skillId: true,
          level: true,
          note: true,
          evidenceUrl: true,
          source: true,
          updatedAt: true,
          certification: {
            select: { id: true, name: true, expiresOn: true, certification: { select: { name: true, short: true } } },
          },
        },
      },
      certifications: {
        orderBy: [{ expiresOn: "asc" }, { issuedOn: "desc" }],
        select: {
          id: true,
          name: true,
          credentialId: true,
          credentialUrl: true,
          issuedOn: true,
          expiresOn: true,
          certification: { select: { id: true, name: true, short: true, issuer: true } },
        },
      },
      endorsementsReceived: {
        orderBy: { createdAt: "desc" },
        select: {
          id: true,
          skillId: true,
          level: true,
          comment: true,
          hidden: true,
          createdAt: true,
          endorserId: true,
          endorser: { select: { id: true, name: true } },
        },
      },
    },
  });
  if (!person) throw new NotFoundError();
  const isSelf = person.id === actor.id;
  const managesThem = person.memberships.some((m) => m.team.memberships.some((me) => me.role === "manager"));
  const full = isSelf || actor.isAdmin || managesThem;
  const sharedTeams = person.memberships.filter((m) => m.team.memberships.length > 0).map((m) => m.team.id);
  // Endorsing: a teammate (same team now), never oneself.
  const canEndorse = !isSelf && sharedTeams.length > 0;

  const known = new Map(taxonomy.skills.map((s) => [s.id, s]));
  const ratings = person.currentRatings
    .filter((r) => known.has(r.skillId))
    .map((r) => {
      const endorsements = person.endorsementsReceived.filter((e) => e.skillId === r.skillId && e.level === r.level);
      const shown = endorsements.filter((e) => !e.hidden);
      const cert = r.certification;
      return {
        skillId: r.skillId,
        level: r.level,
        note: full ? r.note : null,
        evidenceUrl: r.evidenceUrl,
        confirmed: r.source === "manager",
        updatedAt: r.updatedAt,
        stale: isStale(r.updatedAt, now, STALE_MONTHS),
        certification: cert
          ? {
              name: cert.certification?.short ?? cert.certification?.name ?? cert.name ?? "Certification",
              current: isCurrent(cert.expiresOn, now),
            }
          : null,
        endorsements: shown.map((e) => ({
          id: e.id,
          by: e.endorser.name ?? "A teammate",
          byId: e.endorserId,
          comment: e.comment,
          at: e.createdAt,
        })),
        // Only the person sees (and can unhide) hidden endorsements.
        hiddenEndorsements: isSelf
          ? endorsements
              .filter((e) => e.hidden)
              .map((e) => ({ id: e.id, by: e.endorser.name ?? "A teammate", comment: e.comment, at: e.createdAt }))
          : [],
        endorsedByMe: endorsements.some((e) => e.endorserId === actor.id),
      };
    });
  const certifications = person.certifications.map((c) => ({
    id: c.id,
    name: c.certification?.name ?? c.name ?? "Certification",
    short: c.certification?.short ?? null,
    issuer: c.certification?.issuer ?? null,
    credentialId: c.credentialId,
    credentialUrl: c.credentialUrl,
    issuedOn: c.issuedOn,
    expiresOn: c.expiresOn,
    ...certificationStatus(c.expiresOn, now),
  }));

  let private_: null | {
    fit: ReturnType<typeof computeRoleFit> | null;
    goals: { id: string; skillId: string; targetLevel: number; dueDate: Date | null; status: string }[];
    timeline: Record<string, { level: number; at: Date; source: string }[]>;
    reviews: { id: string; state: string; createdAt: Date; teamName: string }[];
  } = null;
  if (full) {
    const [history, goals, reviews] = await Promise.all([
      prisma.rating.findMany({
        where: { userId: person.id },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: { skillId: true, level: true, createdAt: true, source: true },
      }),
      prisma.goal.findMany({
        where: { userId: person.id, status: "open" },
        orderBy: { createdAt: "asc" },
        select: { id: true, skillId: true, targetLevel: true, dueDate: true, status: true },
      }),
      prisma.review.findMany({
        where: { AND: [{ subjectId: person.id }, visibleReviewsOfSubjectWhere(actor, person.id)] },
        orderBy: { createdAt: "desc" },
        select: { id: true, state: true, createdAt: true, team: { select: { name: true } } },
      }),
    ]);
    const timeline: Record<string, { level: number; at: Date; source: string }[]> = {};
    for (const h of history) {
      if (!known.has(h.skillId)) continue;
      (timeline[h.skillId] ??= []).push({ level: h.level, at: h.createdAt, source: h.source });
    }
    const levels = Object.fromEntries(ratings.map((r) => [r.skillId, r.level]));
    const target = taxonomy.roles.find((r) => r.id === person.targetRoleId) ?? null;
    private_ = {
      fit: target ? computeRoleFit(levels, target, { taxonomy }) : null,
      goals,
      timeline,
      reviews: reviews.map((r) => ({ id: r.id, state: r.state, createdAt: r.createdAt, teamName: r.team.name })),
    };
  }

  return {
    taxonomy,
    person: {
      id: person.id,
      name: person.name ?? person.email.split("@")[0]!,
      // The address only for those who manage the person (and the person): colleagues see a name.
      email: full ? person.email : null,
      findableBy: person.findableBy,
      currentRole: taxonomy.roles.find((r) => r.id === person.currentRoleId)?.title ?? null,
      targetRole: taxonomy.roles.find((r) => r.id === person.targetRoleId)?.title ?? null,
      // Only teams the viewer is in too (all of them for the person and admins): a profile does not reveal other teams.
      teams: person.memberships
        .filter((m) => isSelf || actor.isAdmin || m.team.memberships.length > 0)
        .map((m) => ({ id: m.team.id, name: m.team.name, role: m.role })),
    },
    viewer: { isSelf, full, canEndorse, managesThem },
    ratings,
    certifications,
    private: private_,
  };
}

/** The teams a manager currently manages, for "managers always see their teams" (used by the finder's hint). */
export async function managesAnyTeam(actor: Actor): Promise<boolean> {
  const prisma = await db();
  return (await prisma.team.count({ where: teamsManagedByWhere(actor) })) > 0;
}

/**
 * The permission policy: who may see and change what. Each function returns a Prisma `where` fragment, so the
 * data layer puts the check inside its query and a row the actor may not see is never loaded.
 *   - members see and edit only their own ratings (data functions write for `actor.id` only);
 *   - managers see their teams' members' ratings and reviews;
 *   - admins see everything.
 */
import { Findability, TeamRole } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/domain/types";

export type { Actor };

const MANAGER = TeamRole.manager;

/** Teams the actor belongs to, manages, or (admin) all teams. */
export function visibleTeamsWhere(actor: Actor) {
  if (actor.isAdmin) return {};
  return { memberships: { some: { userId: actor.id } } };
}

/** Teams whose individual cells, membership and targets the actor may see and change. */
export function managedTeamsWhere(actor: Actor) {
  if (actor.isAdmin) return {};
  return { memberships: { some: { userId: actor.id, role: MANAGER } } };
}

/** Teams the actor currently manages through a real manager membership; admin rights do not count here. */
export function teamsManagedByWhere(actor: Actor) {
  return { memberships: { some: { userId: actor.id, role: MANAGER } } };
}

/**
 * Coarse filter for reviews: the actor's own reviews, reviews in teams they currently manage, or all for admins.
 * Being the review's manager is not enough once they no longer manage the team. The exact decision (is the subject
 * still in the team? which side?) is lib/domain/review.ts reviewAccess, on the row this filter lets through.
 */
export function visibleReviewsWhere(actor: Actor) {
  if (actor.isAdmin) return {};
  return { OR: [{ subjectId: actor.id }, { team: teamsManagedByWhere(actor) }] };
}

/**
 * Reviews of one known subject the actor may see — reviewAccess's rule as a filter: the subject and admins see all of
 * them; anyone else only those in teams they currently manage and the subject currently belongs to.
 */
export function visibleReviewsOfSubjectWhere(actor: Actor, subjectId: string) {
  if (actor.isAdmin || actor.id === subjectId) return {};
  return { team: { AND: [teamsManagedByWhere(actor), { memberships: { some: { userId: subjectId } } }] } };
}

/**
 * People whose profile and finder entry the actor may see — the person's own "findable by" setting as a filter:
 *   - themself; admins see everyone;
 *   - managers see the members of teams they currently manage, whatever the setting;
 *   - "teams": people who share a team with the actor;
 *   - "organisation": anyone in the organisation, i.e. an actor who is verified, active, and an admin or a member of
 *     at least one team (`actorInOrganisation`); a stranger who merely signed up sees no one;
 *   - "nobody": only themself, their managers and admins.
 * Deactivated people are hidden from everyone but admins.
 */
export function visiblePeopleWhere(actor: Actor, actorInOrganisation: boolean) {
  if (actor.isAdmin) return {};
  const sharesTeam = { memberships: { some: { team: { memberships: { some: { userId: actor.id } } } } } };
  return {
    AND: [
      { deactivatedAt: null },
      {
        OR: [
          { id: actor.id },
          { memberships: { some: { team: teamsManagedByWhere(actor) } } },
          // Sharing a team implies being in the organisation, so "organisation" covers teammates too.
          { AND: [{ findableBy: { in: [Findability.teams, Findability.organisation] } }, sharesTeam] },
          ...(actorInOrganisation ? [{ findableBy: Findability.organisation }] : []),
        ],
      },
    ],
  };
}

/** Only admins manage the taxonomy and users. */
export function canAdminister(actor: Actor | null): boolean {
  return Boolean(actor?.isAdmin);
}

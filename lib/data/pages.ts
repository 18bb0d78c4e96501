import "server-only";
import { NotFoundError } from "./errors";
import { getTaxonomy } from "./taxonomy";
import { sourceTitles } from "@/lib/domain/taxonomy-views";
import { loadSourceCatalogue } from "@/lib/taxonomy/load";
import { getAccount } from "./users";
import { listMySessions } from "./sessions";
import { getReview } from "./reviews";
import type { Actor } from "./policy";

/**
 * One function per page: each page makes exactly one call into the data layer, and the function runs whatever the
 * page needs in parallel. Access is decided in here (NotFoundError), never by the page. Pages that need a single
 * query use that query directly under its page name.
 */
export { getAdminOverview as getAdminPage } from "./admin";
export { listOutbox as getOutboxPage } from "./accounts";
export { getComparison as getComparePage } from "./compare";
export {
  getMyInvitations as getInvitationsPage,
  getInvitationByToken as getInvitationTokenPage,
} from "./invitation-responses";
export { getMySkillsPage } from "./ratings";
export { getReviewDashboard as getReviewsPage } from "./reviews";
export { getMyTeams as getTeamsPage } from "./teams";
export { getTeamAudit as getTeamPage } from "./team-audit";

/** /dashboard: the person's dashboard and the invitations badge. */
// The dashboard (with the invitations badge and certification warnings) lives beside its data: lib/data/dashboard.ts.
export { getDashboardView as getDashboardPage } from "./dashboard";

/** /account: the profile and this person's signed-in browsers. */
export async function getAccountPage(actor: Actor & { sessionId?: string }) {
  const [account, sessions] = await Promise.all([getAccount(actor), listMySessions(actor)]);
  return { account, sessions };
}

/** /reviews/[id]: one review as the actor may see it, and the taxonomy for its skill names. */
export async function getReviewPage(actor: Actor, reviewId: string) {
  // One taxonomy load shared with getReview (outside a render React's cache would not merge two).
  const taxonomyLoad = getTaxonomy();
  const [review, taxonomy] = await Promise.all([getReview(actor, reviewId, taxonomyLoad), taxonomyLoad]);
  return { review, taxonomy };
}

/** /roles and /skills: the whole taxonomy (cached per process). */
export const getTaxonomyPage = getTaxonomy;

/** /roles/[id]: one role with the taxonomy around it and its sources' titles; NotFoundError for an unknown id. */
export async function getRolePage(roleId: string) {
  const taxonomy = await getTaxonomy();
  const role = taxonomy.roles.find((r) => r.id === roleId);
  if (!role) throw new NotFoundError();
  return { taxonomy, role, sources: sourceTitles(role.sources, loadSourceCatalogue()) };
}

/** /skills/[id]: one skill with the taxonomy around it and its sources' titles; NotFoundError for an unknown id. */
export async function getSkillPage(skillId: string) {
  const taxonomy = await getTaxonomy();
  const skill = taxonomy.skills.find((s) => s.id === skillId);
  if (!skill) throw new NotFoundError();
  return { taxonomy, skill, sources: sourceTitles(skill.sources, loadSourceCatalogue()) };
}

import { apiRoute } from "@/lib/actions/with-token";
import { getTeamAudit } from "@/lib/data/team-audit";
import { V1 } from "@/lib/api/v1-routes";

export const dynamic = "force-dynamic";

/**
 * The team page's data function (as the CSV export's): managers and admins get each member's cells; members get the
 * figures the page would show them, with small groups left out.
 */
export const GET = apiRoute(V1.teamMatrix, async ({ actor, params }) => {
  const t = await getTeamAudit(actor, params.id);
  return {
    team: { id: t.team.id, name: t.team.name },
    canSeeCells: t.canSeeCells,
    memberCount: t.memberCount,
    ratedCount: t.ratedCount,
    minAggregate: t.minAggregate,
    matrix: t.matrix,
    aggregates: t.aggregates,
    hidden: t.hidden,
  };
});

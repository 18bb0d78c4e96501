import { apiRoute } from "@/lib/actions/with-token";
import { getTeamAudit } from "@/lib/data/team-audit";
import { V1 } from "@/lib/api/v1-routes";

export const dynamic = "force-dynamic";

const ROLES = ["member", "manager", "admin"] as const;

/** The team page's own data function, so a token sees exactly what its owner sees there. */
export const GET = apiRoute(V1.team, async ({ actor, params }) => {
  const t = await getTeamAudit(actor, params.id);
  return {
    ...t.team,
    myRole: ROLES.find((r) => r === t.myRole) ?? null,
    canSeeCells: t.canSeeCells,
    memberCount: t.memberCount,
    managerCount: t.managerCount,
    targetRoles: t.targetRoles,
    targetSkills: t.targetSkills,
    people: t.people,
  };
});

"use server";
import { revalidatePages } from "@/lib/actions/revalidate";
import { createAction } from "@/lib/actions/safe-action";
import { linkScimGroup, unlinkScimGroup } from "@/lib/data/scim-links";
import { id, z } from "@/lib/validation";

/** Link a SCIM group to a team ("new": a team named after the group); its members join the team at once. */
export const linkScimGroupAction = createAction(
  z.object({ groupId: id("Group", 50), teamId: id("Team", 50) }),
  async ({ groupId, teamId }, actor) => {
    const { team, joined } = await linkScimGroup(actor, { groupId, teamId });
    revalidatePages("/admin/scim", "/teams", `/teams/${team.id}`);
    return { teamName: team.name, joined };
  },
);

/** Stop a SCIM group feeding its team; the team keeps its people. */
export const unlinkScimGroupAction = createAction(
  z.object({ groupId: id("Group", 50) }),
  async ({ groupId }, actor) => {
    await unlinkScimGroup(actor, groupId);
    revalidatePages("/admin/scim", "/teams");
    return {};
  },
);

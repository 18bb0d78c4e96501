"use server";
import { createAction } from "@/lib/actions/safe-action";
import { revalidatePages } from "@/lib/actions/revalidate";
import { acceptInvitation, declineInvitation } from "@/lib/data/invitation-responses";
import { id, z } from "@/lib/validation";

const invitation = z.object({ invitationId: id("Invitation", 50) });

export const acceptInvitationAction = createAction(invitation, async ({ invitationId }, actor) => {
  const { teamId } = await acceptInvitation(actor, invitationId);
  revalidatePages("/invitations", "/dashboard", "/teams", `/teams/${teamId}`);
  return { teamId };
});

export const declineInvitationAction = createAction(invitation, async ({ invitationId }, actor) => {
  await declineInvitation(actor, invitationId);
  revalidatePages("/invitations", "/dashboard");
  return null;
});

"use server";
import { z } from "zod";
import { createAction } from "@/lib/actions/safe-action";
import { revalidatePages } from "@/lib/actions/revalidate";
import { acceptInvitation, declineInvitation } from "@/lib/data/invitation-responses";

const invitation = z.object({
  invitationId: z.string({ message: "Invitation is missing." }).trim().min(1, "Invitation is missing.").max(50, "Invitation is too long."),
});

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

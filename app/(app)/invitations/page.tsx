import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { getInvitationsPage } from "@/lib/data/pages";
import { InvitationResponse } from "@/components/invitation-response";
import { invitationDay, InvitationTerms } from "@/components/invitation-terms";
import { acceptInvitationAction, declineInvitationAction } from "./actions";

export const metadata: Metadata = { title: "Invitations" };

export default async function InvitationsPage() {
  const actor = await requireActor("/invitations");
  const invitations = await getInvitationsPage(actor);
  return (
    <section className="max-w-3xl space-y-6" aria-labelledby="invitations-h">
      <div>
        <h1 id="invitations-h" className="text-3xl font-bold">
          Invitations
        </h1>
        <p className="mt-1 text-slate-700">Teams you were invited to join. You join a team only if you accept.</p>
      </div>
      {!actor.verified ? (
        <p className="rounded border border-amber-300 bg-amber-50 p-4 text-amber-900">
          Confirm your email address first: team invitations are for whoever owns the address. Open the link we sent to{" "}
          <strong>{actor.email}</strong>, or get a new one on{" "}
          <Link className="underline" href="/account">
            your account page
          </Link>
          .
        </p>
      ) : invitations.length === 0 ? (
        <p className="text-slate-700">
          No open invitations. When a manager invites {actor.email}, the invitation appears here and in your mail.
        </p>
      ) : (
        <ul className="space-y-4">
          {invitations.map((i) => (
            <li key={i.id} className="rounded-lg border border-slate-200 bg-white p-4">
              <h2 className="text-lg font-semibold break-words">{i.teamName}</h2>
              <p className="mt-1">
                {i.inviterName ?? "A manager"} invited you to join as{" "}
                <strong>{i.role === "manager" ? "a manager" : "a member"}</strong>. Open until{" "}
                <time dateTime={i.expiresAt.toISOString()}>{invitationDay(i.expiresAt)}</time>.
              </p>
              <div className="mt-1">
                <InvitationTerms role={i.role} />
              </div>
              <InvitationResponse
                invitationId={i.id}
                teamName={i.teamName}
                accept={acceptInvitationAction}
                decline={declineInvitationAction}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

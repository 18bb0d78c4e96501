import type { Metadata } from "next";
import Link from "next/link";
import { getActor } from "@/lib/auth/session";
import { getInvitationTokenPage } from "@/lib/data/pages";
import { orNotFound } from "@/lib/page";
import { InvitationResponse } from "@/components/invitation-response";
import { invitationDay, InvitationTerms } from "@/components/invitation-terms";
import { acceptInvitationAction, declineInvitationAction } from "@/app/(app)/invitations/actions";

export const metadata: Metadata = { title: "Team invitation", referrer: "no-referrer" };

type Props = { params: Promise<{ token: string }> };

/** The page behind the emailed link. Works signed out: it says how to sign in with the invited address. */
export default async function InvitationPage({ params }: Props) {
  const { token } = await params;
  const actor = await getActor();
  const inv = await orNotFound(getInvitationTokenPage(actor, token));
  const back = encodeURIComponent(`/invitations/${token}`);
  const as = inv.role === "manager" ? "a manager" : "a member";
  const box = "rounded border p-4";
  return (
    <section className="max-w-2xl space-y-4" aria-labelledby="invitation-h">
      <h1 id="invitation-h" className="text-3xl font-bold break-words">
        Invitation to join {inv.teamName}
      </h1>
      <p>
        You are invited to join the team <strong className="break-words">{inv.teamName}</strong> as{" "}
        <strong>{as}</strong>.
      </p>

      {inv.state === "accepted" ? (
        <p className={`${box} border-slate-300 bg-white`}>
          This invitation has already been accepted.{" "}
          {inv.mine && (
            <Link className="text-brand-700 underline" href="/teams">
              See your teams
            </Link>
          )}
        </p>
      ) : inv.state === "declined" ? (
        <p className={`${box} border-slate-300 bg-white`}>
          This invitation was declined. If that was a mistake, ask the team&apos;s manager to invite you again.
        </p>
      ) : inv.state === "expired" ? (
        <p className={`${box} border-amber-300 bg-amber-50 text-amber-900`}>
          This invitation has expired. Ask the team&apos;s manager to invite you again.
        </p>
      ) : !actor ? (
        <div className={`${box} space-y-3 border-slate-200 bg-white`}>
          <InvitationTerms role={inv.role} />
          <p>
            To answer it, sign in with <strong className="break-all">{inv.email}</strong>, the address this invitation
            was sent to, or create an account with it (you will confirm the address first).
          </p>
          <p className="flex flex-wrap gap-3">
            <Link
              className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900"
              href={`/signin?callbackUrl=${back}`}
            >
              Sign in
            </Link>
            <Link
              className="rounded border border-slate-400 px-4 py-2 font-medium text-slate-800 hover:bg-slate-100"
              href={`/signup?callbackUrl=${back}`}
            >
              Create an account
            </Link>
          </p>
        </div>
      ) : inv.needsVerification ? (
        <p className={`${box} border-amber-300 bg-amber-50 text-amber-900`}>
          Confirm your email address first: open the link we sent to <strong className="break-all">{inv.email}</strong>,
          or get a new one on{" "}
          <Link className="underline" href="/account">
            your account page
          </Link>
          . Then come back to this page to answer the invitation.
        </p>
      ) : !inv.mine ? (
        <p className={`${box} border-amber-300 bg-amber-50 text-amber-900`}>
          This invitation was sent to a different email address. Sign in with that address.
        </p>
      ) : (
        <div className={`${box} border-slate-200 bg-white`}>
          <InvitationTerms role={inv.role} />
          {inv.expiresAt && (
            <p className="mt-2 text-sm text-slate-700">
              Open until <time dateTime={inv.expiresAt.toISOString()}>{invitationDay(inv.expiresAt)}</time>.
            </p>
          )}
          <InvitationResponse
            invitationId={inv.id}
            teamName={inv.teamName}
            accept={acceptInvitationAction}
            decline={declineInvitationAction}
          />
        </div>
      )}
    </section>
  );
}

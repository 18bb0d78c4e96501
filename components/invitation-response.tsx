"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/safe-action";

type Props = {
  invitationId: string;
  teamName: string;
  /** The server actions, passed in by the page (components do not import from app/). */
  accept: (input: { invitationId: string }) => Promise<ActionResult<{ teamId: string }>>;
  decline: (input: { invitationId: string }) => Promise<ActionResult<null>>;
};

/** Accept / Decline for one invitation. Accepting opens the team; declining says so in place of the buttons. */
export function InvitationResponse({ invitationId, teamName, accept, decline }: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const failed = (r: { status?: number; message: string }) =>
    setOutcome({ ok: false, text: r.status === 404 ? "This invitation can no longer be answered: it was withdrawn, has expired, or was already answered." : r.message });

  const onAccept = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    startTransition(async () => {
      const r = await accept({ invitationId });
      if (r.ok) {
        setOutcome({ ok: true, text: `You joined ${teamName}.` });
        router.push(`/teams/${r.data.teamId}`);
      } else failed(r);
    });
  };
  const onDecline = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    startTransition(async () => {
      const r = await decline({ invitationId });
      if (r.ok) setOutcome({ ok: true, text: `You declined the invitation to ${teamName}.` });
      else failed(r);
    });
  };

  if (outcome?.ok) return <p role="status" className="mt-3 text-green-800">{outcome.text}</p>;
  return (
    <div className="mt-3">
      <div className="flex flex-wrap gap-3">
        <form onSubmit={onAccept}>
          <button disabled={pending} className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900 disabled:opacity-60">
            Accept<span className="sr-only"> the invitation to {teamName}</span>
          </button>
        </form>
        <form onSubmit={onDecline}>
          <button disabled={pending} className="rounded border border-slate-400 px-4 py-2 font-medium text-slate-800 hover:bg-slate-100 disabled:opacity-60">
            Decline<span className="sr-only"> the invitation to {teamName}</span>
          </button>
        </form>
      </div>
      {outcome && <p role="alert" className="mt-2 text-red-800">{outcome.text}</p>}
    </div>
  );
}

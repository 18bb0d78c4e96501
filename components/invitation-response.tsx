"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ActionResult } from "@/lib/actions/safe-action";
import { useActionForm } from "@/components/use-action-form";

type Props = {
  invitationId: string;
  teamName: string;
  /** The server actions, passed in by the page (components do not import from app/). */
  accept: (input: { invitationId: string }) => Promise<ActionResult<{ teamId: string }>>;
  decline: (input: { invitationId: string }) => Promise<ActionResult<null>>;
};

const GONE = "This invitation can no longer be answered: it was withdrawn, has expired, or was already answered.";
const refusal = (r: ActionResult<unknown> | undefined) => (r && !r.ok ? (r.status === 404 ? GONE : r.message) : null);

/** Accept / Decline for one invitation. Accepting opens the team; declining says so in place of the buttons. */
export function InvitationResponse({ invitationId, teamName, accept, decline }: Props) {
  const router = useRouter();
  const accepting = useActionForm(accept, {
    successMessage: `You joined ${teamName}.`,
    onSuccess: (r) => router.push(`/teams/${r.teamId}`),
    toInput: () => ({ invitationId }),
  });
  const declining = useActionForm(decline, {
    successMessage: `You declined the invitation to ${teamName}.`,
    toInput: () => ({ invitationId }),
  });
  const pending = accepting.pending || declining.pending;
  // Whichever button was pressed last speaks.
  const [pressed, setPressed] = useState<"accept" | "decline" | null>(null);
  const last = pressed === "accept" ? accepting : pressed === "decline" ? declining : null;
  const outcome = last
    ? { ok: Boolean(last.state?.result.ok), text: last.success ?? refusal(last.state?.result) ?? "" }
    : null;

  if (outcome?.ok)
    return (
      <p role="status" className="mt-3 text-green-800">
        {outcome.text}
      </p>
    );
  return (
    <div className="mt-3">
      <div className="flex flex-wrap gap-3">
        <form
          method="post"
          onSubmit={(e) => {
            setPressed("accept");
            accepting.onSubmit(e);
          }}
        >
          <button
            disabled={pending}
            className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900 disabled:opacity-60"
          >
            Accept<span className="sr-only"> the invitation to {teamName}</span>
          </button>
        </form>
        <form
          method="post"
          onSubmit={(e) => {
            setPressed("decline");
            declining.onSubmit(e);
          }}
        >
          <button
            disabled={pending}
            className="rounded border border-slate-400 px-4 py-2 font-medium text-slate-800 hover:bg-slate-100 disabled:opacity-60"
          >
            Decline<span className="sr-only"> the invitation to {teamName}</span>
          </button>
        </form>
      </div>
      {outcome && (
        <p role="alert" className="mt-2 text-red-800">
          {outcome.text}
        </p>
      )}
    </div>
  );
}

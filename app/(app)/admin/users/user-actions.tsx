"use client";
import { useRef, useState } from "react";
import { useActionForm } from "@/components/use-action-form";
import type { ActionResult } from "@/lib/actions/safe-action";
import { UserActiveButton } from "../user-active-button";
import { deleteUserAction, resendVerificationForAction, setAdminAction } from "./actions";

type Row = { id: string; label: string; isAdmin: boolean; active: boolean; verified: boolean };

const button =
  "min-h-11 rounded border border-slate-400 px-3 py-1 text-sm hover:bg-slate-50 disabled:opacity-60 whitespace-nowrap";

/** One person's actions: admin rights, deactivate/reactivate, resend the confirmation link, delete (two presses). */
export function UserActions({ user, self }: { user: Row; self: boolean }) {
  if (self) return <p className="text-sm text-slate-700">You (manage your own account on the account page)</p>;
  return (
    <div className="flex flex-wrap items-start gap-2">
      <AdminButton user={user} />
      <UserActiveButton userId={user.id} label={user.label} active={user.active} />
      {!user.verified && user.active && <ResendButton user={user} />}
      <DeleteButton user={user} />
    </div>
  );
}

function ErrorLine({ text }: { text: string | null }) {
  return text ? (
    <span role="alert" className="basis-full text-sm text-red-800">
      {text}
    </span>
  ) : null;
}

/** Field messages from the data layer (isAdmin, userId) are this button's only visible message. */
const said = (r: ActionResult<unknown> | undefined) =>
  r && !r.ok ? (Object.values(r.errors)[0]?.[0] ?? r.message) : null;

function AdminButton({ user }: { user: Row }) {
  const form = useActionForm(setAdminAction);
  return (
    <>
      <button
        type="button"
        className={button}
        disabled={form.pending}
        onClick={() => void form.submit({ userId: user.id, isAdmin: String(!user.isAdmin) })}
      >
        {user.isAdmin ? "Remove admin" : "Make admin"}
        <span className="sr-only"> {user.label}</span>
      </button>
      <ErrorLine text={said(form.state?.result)} />
    </>
  );
}

function ResendButton({ user }: { user: Row }) {
  const form = useActionForm(resendVerificationForAction, { successMessage: "Link sent." });
  return (
    <>
      <button
        type="button"
        className={button}
        disabled={form.pending}
        onClick={() => void form.submit({ userId: user.id })}
      >
        Resend verification<span className="sr-only"> to {user.label}</span>
      </button>
      <ErrorLine text={said(form.state?.result)} />
      {form.success && (
        <span role="status" className="text-sm text-green-800">
          {form.success}
        </span>
      )}
    </>
  );
}

function DeleteButton({ user }: { user: Row }) {
  const form = useActionForm(deleteUserAction);
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  return (
    <>
      <button
        type="button"
        className={button}
        aria-expanded={confirming}
        onClick={() => {
          setConfirming((c) => !c);
          // Focus moves to the second step, so a keyboard user confirms with the next Enter, not by searching for it.
          setTimeout(() => confirmRef.current?.focus(), 0);
        }}
      >
        {confirming ? "Cancel delete" : "Delete"}
        <span className="sr-only"> {user.label}</span>
      </button>
      {confirming && (
        <button
          ref={confirmRef}
          type="button"
          disabled={form.pending}
          className="min-h-11 rounded bg-red-700 px-3 py-1 text-sm break-words text-white hover:bg-red-800 disabled:opacity-60"
          onClick={() => void form.submit({ userId: user.id })}
        >
          Delete {user.label} permanently
        </button>
      )}
      <ErrorLine text={said(form.state?.result)} />
    </>
  );
}

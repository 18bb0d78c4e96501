"use client";
import { signOut } from "next-auth/react";
import { useState } from "react";
import { resendVerificationAction } from "@/app/(auth)/actions";
import { endSessionAction, signOutEverywhereAction } from "./actions";

type SessionRow = { id: string; createdAt: string; userAgent: string; current: boolean };
const button = "rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900 disabled:opacity-60";
const secondary = "rounded border border-slate-400 px-3 py-1.5 text-sm hover:bg-slate-50 disabled:opacity-60";

export function VerificationPanel({ email, verified }: { email: string; verified: boolean }) {
  const [status, setStatus] = useState<{ ok: boolean; message: string } | null>(null);
  const [pending, setPending] = useState(false);
  if (verified) return <p className="text-green-800">Your email address {email} is confirmed.</p>;
  async function resend() {
    setPending(true);
    const res = await resendVerificationAction({});
    setPending(false);
    setStatus(res.ok ? { ok: true, message: `A new confirmation link is on its way to ${res.data.email}.` } : { ok: false, message: res.message });
  }
  return (
    <div className="space-y-2 rounded border border-amber-300 bg-amber-50 p-4 text-amber-950">
      <p>
        Your email address <strong>{email}</strong> is not confirmed yet. Until it is, you can rate your own skills but cannot
        join a team or take part in reviews.
      </p>
      <button type="button" className={secondary} disabled={pending} onClick={resend}>
        {pending ? "Sending…" : "Send a new confirmation link"}
      </button>
      {status && (
        <p role={status.ok ? "status" : "alert"} className={status.ok ? "text-green-800" : "text-red-800"}>
          {status.message}
        </p>
      )}
    </div>
  );
}

export function SessionsPanel({ sessions }: { sessions: SessionRow[] }) {
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  async function everywhere() {
    setPending(true);
    const res = await signOutEverywhereAction({});
    if (!res.ok) {
      setPending(false);
      setMessage(res.message);
      return;
    }
    await signOut({ callbackUrl: "/signin" });
  }
  async function end(id: string) {
    setPending(true);
    const res = await endSessionAction({ sessionId: id });
    setPending(false);
    setMessage(res.ok ? "That browser is signed out." : res.message);
  }
  return (
    <section aria-labelledby="sessions-h" className="space-y-3 rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="sessions-h" className="text-lg font-semibold">
        Where you are signed in
      </h2>
      <ul className="divide-y divide-slate-100">
        {sessions.map((s) => (
          <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
            <span>
              {s.userAgent} · signed in {s.createdAt.slice(0, 16).replace("T", " ")} UTC
              {s.current && <strong> (this browser)</strong>}
            </span>
            {!s.current && (
              <button type="button" className={secondary} disabled={pending} onClick={() => end(s.id)}>
                Sign out this browser<span className="sr-only"> ({s.userAgent}, signed in {s.createdAt.slice(0, 16).replace("T", " ")})</span>
              </button>
            )}
          </li>
        ))}
      </ul>
      {message && <p role="status">{message}</p>}
      <p className="text-sm text-slate-700">Lost a device, or signed in somewhere you should not have? End every session at once.</p>
      <button type="button" className={button} disabled={pending} onClick={everywhere}>
        Sign out everywhere
      </button>
    </section>
  );
}

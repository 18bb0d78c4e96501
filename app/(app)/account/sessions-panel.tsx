"use client";
import { signOut } from "next-auth/react";
import { FormMessage, useActionForm } from "@/components/use-action-form";
import { resendVerificationAction } from "@/app/(auth)/actions";
import { endSessionAction, signOutEverywhereAction } from "./actions";

type SessionRow = { id: string; createdAt: string; userAgent: string; current: boolean };
const button = "rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900 disabled:opacity-60";
const secondary = "rounded border border-slate-400 px-3 py-1.5 text-sm hover:bg-slate-50 disabled:opacity-60";

export function VerificationPanel({ email, verified }: { email: string; verified: boolean }) {
  const form = useActionForm(resendVerificationAction, {
    successMessage: (d) => `A new confirmation link is on its way to ${d.email}.`,
  });
  if (verified) return <p className="text-green-800">Your email address {email} is confirmed.</p>;
  return (
    <div className="space-y-2 rounded border border-amber-300 bg-amber-50 p-4 text-amber-950">
      <p>
        Your email address <strong>{email}</strong> is not confirmed yet. Until it is, you can rate your own skills but
        cannot join a team or take part in reviews.
      </p>
      <button type="button" className={secondary} disabled={form.pending} onClick={() => void form.submit({})}>
        {form.pending ? "Sending…" : "Send a new confirmation link"}
      </button>
      <FormMessage error={form.formError} success={form.success} />
    </div>
  );
}

export function SessionsPanel({ sessions }: { sessions: SessionRow[] }) {
  // This browser's session ended too, so the next page is the sign-in page.
  const everywhere = useActionForm(signOutEverywhereAction, {
    onSuccess: () => void signOut({ callbackUrl: "/signin" }),
  });
  const end = useActionForm(endSessionAction, { successMessage: "That browser is signed out." });
  const pending = everywhere.pending || end.pending || Boolean(everywhere.state?.result.ok);
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
              <button
                type="button"
                className={secondary}
                disabled={pending}
                onClick={() => void end.submit({ sessionId: s.id })}
              >
                Sign out this browser
                <span className="sr-only">
                  {" "}
                  ({s.userAgent}, signed in {s.createdAt.slice(0, 16).replace("T", " ")})
                </span>
              </button>
            )}
          </li>
        ))}
      </ul>
      <FormMessage error={end.formError} success={end.success} />
      <p className="text-sm text-slate-700">
        Lost a device, or signed in somewhere you should not have? End every session at once.
      </p>
      <button type="button" className={button} disabled={pending} onClick={() => void everywhere.submit({})}>
        Sign out everywhere
      </button>
      <FormMessage error={everywhere.formError} />
    </section>
  );
}

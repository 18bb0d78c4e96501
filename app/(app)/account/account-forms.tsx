"use client";
import { signOut } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FieldError } from "@/components/field-error";
import type { ActionResult } from "@/lib/actions/safe-action";
import { changePasswordAction, deleteAccountAction, updateNameAction } from "./actions";

type Status = { ok: boolean; message: string; errors: Record<string, string[]> } | null;

function useForm(action: (input: unknown) => Promise<ActionResult<unknown>>, onOk?: () => void, okMessage = "Saved.") {
  const [status, setStatus] = useState<Status>(null);
  const [pending, setPending] = useState(false);
  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    setPending(true);
    const res = await action(Object.fromEntries(new FormData(form)));
    setPending(false);
    if (res.ok) {
      setStatus({ ok: true, message: okMessage, errors: {} });
      form.reset();
      onOk?.();
    } else setStatus({ ok: false, message: res.message, errors: res.errors });
  }
  return { status, pending, onSubmit };
}

function Status({ status }: { status: Status }) {
  if (!status) return null;
  return (
    <p role={status.ok ? "status" : "alert"} className={status.ok ? "text-green-800" : "text-red-800"}>
      {status.message}
    </p>
  );
}

const input = "mt-1 w-full rounded border border-slate-400 px-3 py-2";
const button = "rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900 disabled:opacity-60";

export function AccountForms({ name, email, hasPassword }: { name: string; email: string; hasPassword: boolean }) {
  const router = useRouter();
  const nameForm = useForm(updateNameAction, () => router.refresh());
  const pwForm = useForm(changePasswordAction, undefined, "Password changed.");
  const delForm = useForm(deleteAccountAction, () => signOut({ callbackUrl: "/" }), "Account deleted.");
  return (
    <>
      <form onSubmit={nameForm.onSubmit} className="space-y-3 rounded-lg border border-slate-200 bg-white p-5">
        <h2 className="text-lg font-semibold">Display name</h2>
        <label htmlFor="name" className="block font-medium">
          Name
        </label>
        <input id="name" name="name" defaultValue={name} className={input} aria-describedby="name-error" />
        <FieldError id="name-error" messages={nameForm.status?.errors.name} />
        <Status status={nameForm.status} />
        <button className={button} disabled={nameForm.pending}>
          Save name
        </button>
      </form>

      <form onSubmit={pwForm.onSubmit} className="space-y-3 rounded-lg border border-slate-200 bg-white p-5">
        <h2 className="text-lg font-semibold">{hasPassword ? "Change password" : "Set a password"}</h2>
        {hasPassword && (
          <>
            <label htmlFor="currentPassword" className="block font-medium">
              Current password
            </label>
            <input id="currentPassword" name="currentPassword" type="password" autoComplete="current-password" className={input} aria-describedby="currentPassword-error" />
            <FieldError id="currentPassword-error" messages={pwForm.status?.errors.currentPassword} />
          </>
        )}
        <label htmlFor="newPassword" className="block font-medium">
          New password
        </label>
        <input id="newPassword" name="newPassword" type="password" autoComplete="new-password" className={input} aria-describedby="newPassword-error" />
        <FieldError id="newPassword-error" messages={pwForm.status?.errors.newPassword} />
        <Status status={pwForm.status} />
        <button className={button} disabled={pwForm.pending}>
          Change password
        </button>
      </form>

      <form onSubmit={delForm.onSubmit} className="space-y-3 rounded-lg border border-red-300 bg-white p-5">
        <h2 className="text-lg font-semibold text-red-900">Delete account</h2>
        <p className="text-slate-700">
          This removes your account and all your personal data — ratings, history, goals, team memberships and reviews — at
          once. It cannot be undone. Export your data first if you want to keep it.
        </p>
        <label htmlFor="confirmEmail" className="block font-medium">
          Type your email ({email}) to confirm
        </label>
        <input id="confirmEmail" name="confirmEmail" className={input} aria-describedby="confirmEmail-error" />
        <FieldError id="confirmEmail-error" messages={delForm.status?.errors.confirmEmail} />
        <Status status={delForm.status} />
        <button className="rounded bg-red-800 px-4 py-2 font-medium text-white hover:bg-red-900 disabled:opacity-60" disabled={delForm.pending}>
          Delete my account and data
        </button>
      </form>
    </>
  );
}

"use client";
import Link from "next/link";
import { FieldError } from "@/components/field-error";
import { FormMessage, useActionForm } from "@/components/use-action-form";
import { forgotPasswordAction, resetPasswordAction, verifyEmailAction } from "./actions";

const input = "mt-1 w-full rounded border border-slate-400 px-3 py-2";
const button = "w-full rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900 disabled:opacity-60";
// The banner only speaks for problems no visible field shows (an expired link, a throttle).
const banner = "rounded border border-red-300 bg-red-50 p-3";

export function ForgotPasswordForm() {
  const form = useActionForm(forgotPasswordAction, { fields: ["email"], resetOnSuccess: false });
  const sentTo = form.state?.result.ok ? form.state.result.data.email : null;
  if (sentTo) {
    return (
      <p role="status" className="mt-6 rounded-lg border border-green-300 bg-green-50 p-6 text-green-900">
        If <strong>{sentTo}</strong> has an account, a link to choose a new password is on its way. It works once, for
        30 minutes.
      </p>
    );
  }
  return (
    <form
      method="post"
      onSubmit={form.onSubmit}
      className="mt-6 space-y-4 rounded-lg border border-slate-200 bg-white p-6"
      noValidate
    >
      <FormMessage error={form.formError} className={banner} />
      <div>
        <label htmlFor="email" className="block font-medium">
          Email
        </label>
        <input {...form.field("email")} type="email" autoComplete="email" required className={input} />
        <FieldError id="email-error" messages={form.fieldErrors.email} />
      </div>
      <button type="submit" disabled={form.pending} className={button}>
        {form.pending ? "Sending…" : "Send me a reset link"}
      </button>
    </form>
  );
}

export function ResetPasswordForm({ token }: { token: string }) {
  const form = useActionForm(resetPasswordAction, {
    fields: ["password"],
    toInput: (fd) => ({ token, password: fd.get("password") }),
    resetOnSuccess: false,
  });
  const done = Boolean(form.state?.result.ok);
  if (done) {
    return (
      <div role="status" className="mt-6 space-y-2 rounded-lg border border-green-300 bg-green-50 p-6 text-green-900">
        <p>Your password is changed, and every earlier sign-in has ended.</p>
        <p>
          <Link className="text-brand-700 underline" href="/signin">
            Sign in with the new password
          </Link>
        </p>
      </div>
    );
  }
  return (
    <form
      method="post"
      onSubmit={form.onSubmit}
      className="mt-6 space-y-4 rounded-lg border border-slate-200 bg-white p-6"
      noValidate
    >
      <FormMessage error={form.formError} className={banner} />
      <div>
        <label htmlFor="password" className="block font-medium">
          New password
        </label>
        <input
          {...form.field("password", "password", "password-hint")}
          type="password"
          autoComplete="new-password"
          required
          minLength={10}
          className={input}
        />
        <p id="password-hint" className="mt-1 text-sm text-slate-600">
          At least 10 characters; very common passwords are refused.
        </p>
        <FieldError id="password-error" messages={form.fieldErrors.password} />
      </div>
      <button type="submit" disabled={form.pending} className={button}>
        {form.pending ? "Saving…" : "Set new password"}
      </button>
    </form>
  );
}

export function VerifyEmailForm({ token }: { token: string }) {
  const form = useActionForm(verifyEmailAction, { toInput: () => ({ token }), resetOnSuccess: false });
  const verified = form.state?.result.ok ? form.state.result.data.email : null;
  if (verified) {
    return (
      <div role="status" className="mt-6 space-y-2 rounded-lg border border-green-300 bg-green-50 p-6 text-green-900">
        <p>
          <strong>{verified}</strong> is confirmed. You can now accept team invitations.
        </p>
        <p>
          <Link className="text-brand-700 underline" href="/dashboard">
            Continue to your dashboard
          </Link>
        </p>
      </div>
    );
  }
  // A button, not an automatic confirmation on page load: mail scanners that open links must not use them up.
  return (
    <form
      method="post"
      onSubmit={form.onSubmit}
      className="mt-6 space-y-4 rounded-lg border border-slate-200 bg-white p-6"
    >
      <FormMessage error={form.formError} className={banner} />
      <button type="submit" disabled={form.pending} className={button}>
        {form.pending ? "Confirming…" : "Confirm my email address"}
      </button>
    </form>
  );
}

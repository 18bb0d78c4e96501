"use client";
import Link from "next/link";
import { useState } from "react";
import { FieldError } from "@/components/field-error";
import { forgotPasswordAction, resetPasswordAction, verifyEmailAction } from "./actions";

const input = "mt-1 w-full rounded border border-slate-400 px-3 py-2";
const button = "w-full rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900 disabled:opacity-60";
type Errors = Record<string, string[]>;

function Banner({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-800">
      {message}
    </p>
  );
}

/** The banner only speaks for problems no visible field shows (an expired link, a throttle). */
const bannerFor = (errors: Errors, message: string, fields: string[]) => (Object.keys(errors).some((k) => fields.includes(k)) ? null : message);

export function ForgotPasswordForm() {
  const [errors, setErrors] = useState<Errors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setPending(true);
    const res = await forgotPasswordAction({ email: new FormData(e.currentTarget).get("email") });
    setPending(false);
    if (!res.ok) {
      setErrors(res.errors);
      setMessage(bannerFor(res.errors, res.message, ["email"]));
      return;
    }
    setSentTo(res.data.email);
  }
  if (sentTo) {
    return (
      <p role="status" className="mt-6 rounded-lg border border-green-300 bg-green-50 p-6 text-green-900">
        If <strong>{sentTo}</strong> has an account, a link to choose a new password is on its way. It works once, for 30
        minutes.
      </p>
    );
  }
  return (
    <form onSubmit={onSubmit} className="mt-6 space-y-4 rounded-lg border border-slate-200 bg-white p-6" noValidate>
      <Banner message={message} />
      <div>
        <label htmlFor="email" className="block font-medium">
          Email
        </label>
        <input id="email" name="email" type="email" autoComplete="email" required aria-invalid={Boolean(errors.email)} aria-describedby="email-error" className={input} />
        <FieldError id="email-error" messages={errors.email} />
      </div>
      <button type="submit" disabled={pending} className={button}>
        {pending ? "Sending…" : "Send me a reset link"}
      </button>
    </form>
  );
}

export function ResetPasswordForm({ token }: { token: string }) {
  const [errors, setErrors] = useState<Errors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [pending, setPending] = useState(false);
  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setPending(true);
    const res = await resetPasswordAction({ token, password: new FormData(e.currentTarget).get("password") });
    setPending(false);
    if (!res.ok) {
      setErrors(res.errors);
      setMessage(bannerFor(res.errors, res.message, ["password"]));
      return;
    }
    setDone(true);
  }
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
    <form onSubmit={onSubmit} className="mt-6 space-y-4 rounded-lg border border-slate-200 bg-white p-6" noValidate>
      <Banner message={message} />
      <div>
        <label htmlFor="password" className="block font-medium">
          New password
        </label>
        <input id="password" name="password" type="password" autoComplete="new-password" required minLength={10} aria-invalid={Boolean(errors.password)} aria-describedby="password-hint password-error" className={input} />
        <p id="password-hint" className="mt-1 text-sm text-slate-600">
          At least 10 characters; very common passwords are refused.
        </p>
        <FieldError id="password-error" messages={errors.password} />
      </div>
      <button type="submit" disabled={pending} className={button}>
        {pending ? "Saving…" : "Set new password"}
      </button>
    </form>
  );
}

export function VerifyEmailForm({ token }: { token: string }) {
  const [message, setMessage] = useState<string | null>(null);
  const [verified, setVerified] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setPending(true);
    const res = await verifyEmailAction({ token });
    setPending(false);
    if (!res.ok) setMessage(res.message);
    else setVerified(res.data.email);
  }
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
    <form onSubmit={onSubmit} className="mt-6 space-y-4 rounded-lg border border-slate-200 bg-white p-6">
      <Banner message={message} />
      <button type="submit" disabled={pending} className={button}>
        {pending ? "Confirming…" : "Confirm my email address"}
      </button>
    </form>
  );
}

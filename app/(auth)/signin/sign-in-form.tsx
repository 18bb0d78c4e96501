"use client";
import { signIn } from "next-auth/react";
import Link from "next/link";
import { useState } from "react";
import { signInErrorMessage } from "@/lib/auth/sign-in-errors";
import { FormMessage } from "@/components/use-action-form";

/**
 * Signs in through next-auth's signIn() (not a server action, so not useActionForm), but shows pending and errors the
 * same way: one banner, the button disabled while waiting.
 */
export function SignInForm({
  callbackUrl,
  sso,
  initialError,
}: {
  callbackUrl: string;
  sso: string | null;
  initialError: string | null;
}) {
  const [error, setError] = useState<string | null>(initialError);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    setPending(true);
    setError(null);
    const res = await signIn("credentials", {
      email: fd.get("email"),
      password: fd.get("password"),
      redirect: false,
      callbackUrl,
    });
    setPending(false);
    if (!res || res.error) {
      setError(signInErrorMessage(res?.error ?? "CredentialsSignin"));
      return;
    }
    window.location.assign(callbackUrl);
  }

  return (
    <div className="mt-6 space-y-6">
      <form
        method="post"
        onSubmit={onSubmit}
        className="space-y-4 rounded-lg border border-slate-200 bg-white p-6"
        noValidate
      >
        <FormMessage error={error} className="rounded border border-red-300 bg-red-50 p-3" />
        <div>
          <label htmlFor="email" className="block font-medium">
            Email
          </label>
          <input
            id="email"
            name="email"
            type="email"
            autoComplete="email"
            required
            className="mt-1 w-full rounded border border-slate-400 px-3 py-2"
          />
        </div>
        <div>
          <label htmlFor="password" className="block font-medium">
            Password
          </label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            className="mt-1 w-full rounded border border-slate-400 px-3 py-2"
          />
        </div>
        <p className="text-sm">
          <Link className="text-brand-700 underline" href="/forgot-password">
            Forgot your password?
          </Link>
        </p>
        <button
          type="submit"
          disabled={pending}
          className="w-full rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900 disabled:opacity-60"
        >
          {pending ? "Signing in…" : "Sign in"}
        </button>
      </form>
      {sso && (
        <button
          type="button"
          onClick={() => signIn("oidc", { callbackUrl })}
          className="w-full rounded border border-brand-700 px-4 py-2 font-medium text-brand-700 hover:bg-brand-50"
        >
          Sign in with {sso}
        </button>
      )}
      <p className="text-slate-700">
        New here?{" "}
        <Link className="text-brand-700 underline" href={`/signup?callbackUrl=${encodeURIComponent(callbackUrl)}`}>
          Create an account
        </Link>
      </p>
    </div>
  );
}

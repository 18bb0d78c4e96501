"use client";
import Link from "next/link";
import { signUp } from "../actions";
import { FieldError } from "@/components/field-error";
import { FormMessage, useActionForm } from "@/components/use-action-form";

export function SignUpForm() {
  // The fields say what is wrong; the banner only speaks when no field does.
  const form = useActionForm(signUp, { fields: ["name", "email", "password"], resetOnSuccess: false });
  const sentTo = form.state?.result.ok ? form.state.result.data.email : null;
  const errors = form.fieldErrors;

  if (sentTo) {
    return (
      <div role="status" className="mt-6 space-y-3 rounded-lg border border-green-300 bg-green-50 p-6 text-green-900">
        <h2 className="text-lg font-semibold">Check your inbox</h2>
        <p>
          We sent a message to <strong>{sentTo}</strong>. Open the link in it to confirm your address, then sign in.
          Until you confirm, you can rate your own skills but cannot join a team.
        </p>
        <p>
          <Link className="text-brand-700 underline" href="/signin">
            Go to sign in
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
      <FormMessage error={form.formError} className="rounded border border-red-300 bg-red-50 p-3" />
      <div>
        <label htmlFor="name" className="block font-medium">
          Name
        </label>
        <input
          {...form.field("name")}
          autoComplete="name"
          required
          className="mt-1 w-full rounded border border-slate-400 px-3 py-2"
        />
        <FieldError id="name-error" messages={errors.name} />
      </div>
      <div>
        <label htmlFor="email" className="block font-medium">
          Email
        </label>
        <input
          {...form.field("email")}
          type="email"
          autoComplete="email"
          required
          className="mt-1 w-full rounded border border-slate-400 px-3 py-2"
        />
        <FieldError id="email-error" messages={errors.email} />
      </div>
      <div>
        <label htmlFor="password" className="block font-medium">
          Password
        </label>
        <input
          {...form.field("password", "password", "password-hint")}
          type="password"
          autoComplete="new-password"
          required
          minLength={10}
          className="mt-1 w-full rounded border border-slate-400 px-3 py-2"
        />
        <p id="password-hint" className="mt-1 text-sm text-slate-600">
          At least 10 characters; very common passwords are refused.
        </p>
        <FieldError id="password-error" messages={errors.password} />
      </div>
      <button
        type="submit"
        disabled={form.pending}
        className="w-full rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900 disabled:opacity-60"
      >
        {form.pending ? "Creating your account…" : "Create account"}
      </button>
      <p className="text-slate-700">
        Already have an account?{" "}
        <Link className="text-brand-700 underline" href="/signin">
          Sign in
        </Link>
      </p>
    </form>
  );
}

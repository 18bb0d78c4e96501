import type { Metadata } from "next";
import Link from "next/link";
import { ForgotPasswordForm } from "../account-flow-forms";

export const metadata: Metadata = { title: "Forgot password" };

export default function ForgotPasswordPage() {
  return (
    <section className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold">Forgot your password?</h1>
      <p className="mt-2 text-slate-700">
        Enter the address you sign in with. We will email you a link to choose a new password.
      </p>
      <ForgotPasswordForm />
      <p className="mt-4 text-slate-700">
        <Link className="text-brand-700 underline" href="/signin">
          Back to sign in
        </Link>
      </p>
    </section>
  );
}

import type { Metadata } from "next";
import { SignUpForm } from "./sign-up-form";

export const metadata: Metadata = { title: "Create an account" };

export default function SignUpPage() {
  return (
    <section className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold">Create an account</h1>
      <p className="mt-2 text-slate-700">Your ratings are private to you, your team managers and the administrators.</p>
      <SignUpForm />
    </section>
  );
}

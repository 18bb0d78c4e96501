import type { Metadata } from "next";
import Link from "next/link";
import { isTokenShape } from "@/lib/data/tokens";
import { firstParam, type SearchParams } from "@/lib/search-params";
import { ResetPasswordForm } from "../account-flow-forms";

export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const token = firstParam((await searchParams).token);
  return (
    <section className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold">Choose a new password</h1>
      {isTokenShape(token) ? (
        <ResetPasswordForm token={token} />
      ) : (
        <p role="alert" className="mt-6 rounded border border-red-300 bg-red-50 p-3 text-red-800">
          This link is incomplete. Open the link from the email again, or{" "}
          <Link className="underline" href="/forgot-password">
            ask for a new one
          </Link>
          .
        </p>
      )}
    </section>
  );
}

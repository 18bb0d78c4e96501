import type { Metadata } from "next";
import Link from "next/link";
import { isTokenShape } from "@/lib/data/tokens";
import { firstParam, type SearchParams } from "@/lib/search-params";
import { VerifyEmailForm } from "../account-flow-forms";

export const metadata: Metadata = { title: "Confirm your email", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const token = firstParam((await searchParams).token);
  return (
    <section className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold">Confirm your email address</h1>
      {isTokenShape(token) ? (
        <VerifyEmailForm token={token} />
      ) : (
        <p role="alert" className="mt-6 rounded border border-red-300 bg-red-50 p-3 text-red-800">
          This link is incomplete. Open the link from the email again, or send a new one from{" "}
          <Link className="underline" href="/account">
            your account page
          </Link>
          .
        </p>
      )}
    </section>
  );
}

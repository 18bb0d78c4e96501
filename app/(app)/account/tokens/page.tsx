import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { getTokenPage } from "@/lib/data/api-token-pages";
import { ApiTokensPanel } from "@/components/api-tokens-panel";
import { createApiTokenAction, revokeApiTokenAction } from "./actions";

export const metadata: Metadata = { title: "API tokens" };

export default async function AccountTokensPage() {
  const actor = await requireActor("/account/tokens");
  const page = await getTokenPage(actor, "personal");
  return (
    <section className="max-w-2xl space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">API tokens</h1>
        <p className="text-slate-700">
          A token lets a script use the <Link href="/api-reference">skillgap API</Link> as you. It can never see more
          than you can, only what its scopes allow, and it stops working when it expires or you revoke it.
        </p>
        <p>
          <Link href="/account">Back to your account</Link>
        </p>
      </div>
      <ApiTokensPanel
        kind="personal"
        tokens={page.tokens}
        scopes={page.scopes}
        now={new Date().toISOString()}
        actions={{ create: createApiTokenAction, revoke: revokeApiTokenAction }}
      />
    </section>
  );
}

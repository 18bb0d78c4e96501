import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { getTokenPage } from "@/lib/data/api-token-pages";
import { orNotFound } from "@/lib/page";
import { ApiTokensPanel } from "@/components/api-tokens-panel";
import { createApiTokenAction, revokeApiTokenAction } from "../../account/tokens/actions";

export const metadata: Metadata = { title: "Service tokens" };

export default async function AdminTokensPage() {
  const actor = await requireActor("/admin/tokens");
  const page = await orNotFound(getTokenPage(actor, "service"));
  return (
    <section className="max-w-2xl space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">Service tokens</h1>
        <p className="text-slate-700">
          Service tokens are for integrations: scripts that use the <Link href="/api-reference">API</Link> and your
          identity provider&apos;s SCIM provisioning (give it the <code>admin</code> scope). A service token acts with
          the rights of the administrator who made it, and loses its administrator scopes if they stop being one.
        </p>
        <p>
          <Link href="/admin">Back to administration</Link>
        </p>
      </div>
      <ApiTokensPanel
        kind="service"
        tokens={page.tokens}
        scopes={page.scopes}
        now={new Date().toISOString()}
        actions={{ create: createApiTokenAction, revoke: revokeApiTokenAction }}
      />
    </section>
  );
}

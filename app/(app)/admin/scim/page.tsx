import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { getScimAdminPage } from "@/lib/data/scim-links";
import { publicUrl } from "@/lib/env";
import { orNotFound } from "@/lib/page";
import { ScimGroupActions } from "./group-actions";

export const metadata: Metadata = { title: "SCIM provisioning" };

const link = "inline-flex min-h-11 items-center text-brand-700 underline";

export default async function ScimAdminPage() {
  const actor = await requireActor("/admin/scim");
  const { groups, freeTeams } = await orNotFound(getScimAdminPage(actor));
  return (
    <div className="min-w-0 space-y-8">
      <p>
        <Link className={link} href="/admin">
          Administration
        </Link>
      </p>
      <h1 className="text-3xl font-bold">SCIM provisioning</h1>
      <section aria-labelledby="howto-h" className="max-w-3xl space-y-2">
        <h2 id="howto-h" className="text-xl font-semibold">
          Connect your identity provider
        </h2>
        <ol className="list-decimal space-y-2 pl-6 text-slate-800">
          <li>
            <Link className="text-brand-700 underline" href="/admin/tokens">
              Make a service token
            </Link>{" "}
            with the <code>admin</code> scope.
          </li>
          <li>
            In Okta or Entra ID, add SCIM 2.0 provisioning with the base URL{" "}
            <code className="break-all rounded bg-slate-100 px-1">{publicUrl()}/scim/v2</code> and the token as a bearer
            token (HTTP header authentication).
          </li>
          <li>
            Map the user name to the work email address. People arrive with a confirmed address and no password: they
            sign in with single sign-on, or set a password with &ldquo;Forgot password&rdquo;.
          </li>
        </ol>
        <p className="text-slate-700">
          Deactivating someone in the identity provider signs them out at once; deleting them there deactivates them
          here and keeps their history. Groups feed a team only when you link them below.
        </p>
      </section>
      <section aria-labelledby="groups-h" className="space-y-3">
        <h2 id="groups-h" className="text-xl font-semibold">
          Groups from your identity provider
        </h2>
        {groups.length === 0 ? (
          <p className="text-slate-700">No groups yet: push a group from your identity provider and it appears here.</p>
        ) : (
          <ul className="space-y-3">
            {groups.map((g) => (
              <li key={g.id} className="min-w-0 space-y-2 rounded-lg border border-slate-200 bg-white p-4">
                <h3 className="font-semibold break-words">{g.name}</h3>
                <p className="text-sm text-slate-700">
                  {g.members} {g.members === 1 ? "member" : "members"} ·{" "}
                  {g.team ? (
                    <>
                      feeds{" "}
                      <Link className="text-brand-700 underline break-words" href={`/teams/${g.team.id}`}>
                        {g.team.name}
                      </Link>
                    </>
                  ) : (
                    "not linked"
                  )}
                </p>
                <ScimGroupActions group={{ id: g.id, name: g.name, linked: g.team !== null }} teams={freeTeams} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { getAccountPage } from "@/lib/data/pages";
import { getNotificationPreferences } from "@/lib/data/notifications";
import { NotificationPreferences } from "./notification-preferences";
import { describeUserAgent } from "@/lib/domain/user-agent";
import { AccountForms } from "./account-forms";
import { FindabilityForm } from "./findability-form";
import { SessionsPanel, VerificationPanel } from "./sessions-panel";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const actor = await requireActor("/account");
  const [{ account, sessions }, notificationPreferences] = await Promise.all([
    getAccountPage(actor),
    getNotificationPreferences(actor),
  ]);
  return (
    <section className="max-w-2xl space-y-8">
      <div>
        <h1 className="text-2xl font-semibold">Your account</h1>
        <p className="mt-1 text-slate-700">
          Signed in as <strong>{account.email}</strong>
          {account.isAdmin ? " (administrator)" : ""}. Member since {account.createdAt.toISOString().slice(0, 10)}.
        </p>
      </div>
      <VerificationPanel email={account.email} verified={actor.verified} />
      <SessionsPanel
        sessions={sessions.map((s) => ({
          id: s.id,
          createdAt: s.createdAt.toISOString(),
          userAgent: describeUserAgent(s.userAgent),
          current: s.current,
        }))}
      />
      <section aria-labelledby="api-h" className="space-y-1">
        <h2 id="api-h" className="text-xl font-semibold">
          API tokens
        </h2>
        <p className="text-slate-700">
          Let a script read or write your ratings through the API.{" "}
          <Link className="inline-flex min-h-11 items-center text-brand-700 underline" href="/account/tokens">
            Manage API tokens
          </Link>
        </p>
      </section>
      <FindabilityForm value={account.findableBy} />
      <NotificationPreferences value={notificationPreferences} />
      <AccountForms name={account.name ?? ""} email={account.email} hasPassword={account.hasPassword} />
    </section>
  );
}

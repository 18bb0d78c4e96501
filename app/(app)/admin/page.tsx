import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { getAdminPage } from "@/lib/data/pages";
import { orNotFound } from "@/lib/page";
import { ImportForm } from "./import-form";
import { SettingsForm } from "./settings-form";
import { getAppSettings } from "@/lib/data/settings";
import { UserActiveButton } from "./user-active-button";
import { mailConfigured } from "@/lib/mail";

export const metadata: Metadata = { title: "Administration" };

export default async function AdminPage() {
  const actor = await requireActor("/admin");
  const [{ users, versions, teams, outbox }, settings] = await Promise.all([
    orNotFound(getAdminPage(actor)),
    orNotFound(getAppSettings(actor)),
  ]);
  return (
    <div className="space-y-10">
      <h1 className="text-3xl font-bold">Administration</h1>
      <p className="text-slate-700">
        <Link className="inline-flex min-h-11 items-center text-brand-700 underline" href="/reports">
          Organisation report
        </Link>{" "}
        — coverage, trends, readiness and single points of failure across every team.
      </p>
      <nav aria-labelledby="admin-tools-h" className="space-y-2">
        <h2 id="admin-tools-h" className="text-xl font-semibold">
          Tools
        </h2>
        <ul className="grid gap-2 sm:grid-cols-2">
          {[
            { href: "/admin/users", label: "Users", what: "search, administrators, deactivate, delete" },
            { href: "/admin/taxonomy", label: "Taxonomy editor", what: "edit skills, roles and paths in a draft" },
            { href: "/admin/merge", label: "Merge skills", what: "fold a duplicate skill into another" },
            { href: "/admin/tokens", label: "Service tokens", what: "for scripts and SCIM provisioning" },
            { href: "/admin/scim", label: "SCIM provisioning", what: "groups from your identity provider" },
            { href: "/api-reference", label: "API reference", what: "the REST API and its scopes" },
          ].map((t) => (
            <li key={t.href}>
              <Link className="inline-flex min-h-11 items-center font-medium text-brand-700 underline" href={t.href}>
                {t.label}
              </Link>
              <span className="text-sm text-slate-700"> — {t.what}</span>
            </li>
          ))}
        </ul>
      </nav>
      <SettingsForm managersCreateTeams={settings.managersCreateTeams} />
      <section aria-labelledby="tax-h" className="space-y-3">
        <h2 id="tax-h" className="text-xl font-semibold">
          Taxonomy
        </h2>
        <p className="max-w-3xl text-slate-700">
          Download the active taxonomy, add your organisation&apos;s roles and skills, and upload it again. The file is
          checked as a whole: every problem is listed and nothing changes until it is clean. Ids are stable, so existing
          ratings are kept; skills or roles you leave out are retired, not deleted.
        </p>
        <p>
          <a className="text-brand-700 underline" href="/api/v1/taxonomy" download="skillgap-taxonomy.json">
            Download the taxonomy (JSON)
          </a>
        </p>
        <ImportForm />
        <div
          role="region"
          aria-label="Recent taxonomy versions"
          tabIndex={0}
          className="relative max-w-2xl overflow-x-auto"
        >
          <table className="w-full rounded border border-slate-200 bg-white text-left text-sm">
            <caption className="p-2 text-left font-medium">Recent versions</caption>
            <thead>
              <tr className="border-b">
                <th scope="col" className="p-2">
                  Version
                </th>
                <th scope="col" className="p-2">
                  Applied (UTC)
                </th>
                <th scope="col" className="p-2">
                  By
                </th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.id} className="border-b border-slate-100">
                  <td className="p-2 break-words">{v.version}</td>
                  <td className="p-2 whitespace-nowrap">{v.appliedAt.toISOString().slice(0, 16).replace("T", " ")}</td>
                  <td className="p-2 break-words">{v.appliedBy}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="teams-h">
        <h2 id="teams-h" className="text-xl font-semibold">
          Teams
        </h2>
        <p>
          {teams} team{teams === 1 ? "" : "s"}.{" "}
          <Link className="text-brand-700 underline" href="/teams">
            Manage teams
          </Link>
        </p>
      </section>
      <section aria-labelledby="mail-h" className="space-y-2">
        <h2 id="mail-h" className="text-xl font-semibold">
          Mail
        </h2>
        <p className="max-w-3xl text-slate-700">
          {mailConfigured()
            ? "Mail is sent over SMTP (SMTP_URL)."
            : "No SMTP server is configured (SMTP_URL), so messages such as confirmation and reset links wait in the outbox. Forward them by hand, or configure SMTP."}{" "}
          {outbox.pending ?? 0} waiting, {outbox.sent ?? 0} sent, {outbox.failed ?? 0} failed.{" "}
          <Link className="text-brand-700 underline" href="/admin/outbox">
            Open the outbox
          </Link>
        </p>
      </section>
      <section aria-labelledby="users-h">
        <h2 id="users-h" className="text-xl font-semibold">
          Users
        </h2>
        <p>
          <Link className="inline-flex min-h-11 items-center text-brand-700 underline" href="/admin/users">
            Manage users
          </Link>
          : search, administrator rights, deactivation, confirmation links, deletion.
        </p>
        <p className="text-sm text-slate-700">
          The first administrator comes from the command line:{" "}
          <code className="break-all">npm run user:create -- --email you@example.com --admin</code>
        </p>
        {/* Below sm each person is a card; the table needs more width than a phone has. */}
        <ul className="mt-2 space-y-3 sm:hidden" aria-label="Users">
          {users.map((u) => (
            <li key={u.id} className="min-w-0 rounded border border-slate-200 bg-white p-3 text-sm">
              <p className="font-medium break-words">{u.name ?? "—"}</p>
              <p className="break-all text-slate-700">{u.email}</p>
              <p className="text-slate-700">
                {u.isAdmin ? "admin" : "member"} · joined {u.createdAt.toISOString().slice(0, 10)} · {userStatus(u)}
              </p>
              {u.id !== actor.id && (
                <div className="mt-2">
                  <UserActiveButton userId={u.id} label={u.name ?? u.email} active={!u.deactivatedAt} />
                </div>
              )}
            </li>
          ))}
        </ul>
        <div role="region" aria-label="Users" tabIndex={0} className="relative mt-2 hidden overflow-x-auto sm:block">
          <table className="w-full rounded border border-slate-200 bg-white text-left text-sm">
            <thead>
              <tr className="border-b">
                <th scope="col" className="p-2">
                  Name
                </th>
                <th scope="col" className="p-2">
                  Email
                </th>
                <th scope="col" className="p-2">
                  Role
                </th>
                <th scope="col" className="p-2">
                  Joined
                </th>
                <th scope="col" className="p-2">
                  Status
                </th>
                <th scope="col" className="p-2">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id} className="border-b border-slate-100">
                  <td className="p-2">{u.name ?? "—"}</td>
                  <td className="p-2 break-all">{u.email}</td>
                  <td className="p-2">{u.isAdmin ? "admin" : "member"}</td>
                  <td className="p-2">{u.createdAt.toISOString().slice(0, 10)}</td>
                  <td className="p-2">{userStatus(u)}</td>
                  <td className="p-2">
                    {u.id !== actor.id && (
                      <UserActiveButton userId={u.id} label={u.name ?? u.email} active={!u.deactivatedAt} />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}

function userStatus(u: { deactivatedAt: Date | null; emailVerified: Date | null }): string {
  return u.deactivatedAt ? "deactivated" : u.emailVerified ? "active" : "email not confirmed";
}

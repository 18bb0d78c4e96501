import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { DataError } from "@/lib/data/errors";
import { searchUsers, USER_FILTERS, USER_QUERY_MAX, type UserFilter } from "@/lib/data/user-admin";
import { orNotFound } from "@/lib/page";
import { firstParam, type SearchParams } from "@/lib/search-params";
import { UserActions } from "./user-actions";

export const metadata: Metadata = { title: "Users" };

type Props = { searchParams: Promise<SearchParams> };

const FILTER_LABELS: Record<UserFilter, string> = {
  all: "Everyone",
  admins: "Administrators",
  deactivated: "Deactivated",
  unverified: "Email not confirmed",
  managers: "Team managers",
};

const input = "min-h-11 w-full rounded border border-slate-400 px-3 py-2 aria-[invalid=true]:border-red-700";

export default async function UsersPage({ searchParams }: Props) {
  const actor = await requireActor("/admin/users");
  const sp = await searchParams;
  const raw = { q: firstParam(sp.q) ?? "", filter: firstParam(sp.filter) ?? "all", page: firstParam(sp.page) };
  let errors: Record<string, string[]> = {};
  let result: Awaited<ReturnType<typeof searchUsers>> | null = null;
  try {
    result = await orNotFound(searchUsers(actor, raw));
  } catch (e) {
    if (!(e instanceof DataError)) throw e;
    // searchUsers checks the actor before the query, so only an admin gets here with a bad query string.
    errors = e.fieldErrors;
  }
  const link = (page: number) => {
    const p = new URLSearchParams();
    if (result?.q) p.set("q", result.q);
    if (result && result.filter !== "all") p.set("filter", result.filter);
    if (page > 1) p.set("page", String(page));
    const s = p.toString();
    return s ? `/admin/users?${s}` : "/admin/users";
  };
  const qError = errors.q?.[0];
  const filterError = errors.filter?.[0];
  return (
    <div className="min-w-0 space-y-6">
      <p>
        <Link className="inline-flex min-h-11 items-center text-brand-700 underline" href="/admin">
          Administration
        </Link>
      </p>
      <h1 className="text-3xl font-bold">Users</h1>
      <form method="get" action="/admin/users" className="flex flex-wrap items-end gap-3" role="search">
        <div className="w-full min-w-0 sm:w-72">
          <label htmlFor="q" className="block font-medium">
            Name or email
          </label>
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={raw.q.slice(0, USER_QUERY_MAX * 2)}
            className={input}
            aria-invalid={Boolean(qError)}
            aria-describedby="q-error"
            autoFocus={Boolean(qError)}
          />
          <p id="q-error" className="text-sm text-red-800">
            {qError}
          </p>
        </div>
        <div className="w-full min-w-0 sm:w-56">
          <label htmlFor="filter" className="block font-medium">
            Show
          </label>
          <select
            id="filter"
            name="filter"
            defaultValue={filterError ? "all" : raw.filter}
            className={input}
            aria-invalid={Boolean(filterError)}
            aria-describedby="filter-error"
          >
            {USER_FILTERS.map((f) => (
              <option key={f} value={f}>
                {FILTER_LABELS[f]}
              </option>
            ))}
          </select>
          <p id="filter-error" className="text-sm text-red-800">
            {filterError}
          </p>
        </div>
        <button
          type="submit"
          className="mb-5 min-h-11 rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900"
        >
          Search
        </button>
      </form>
      {result && (
        <section aria-labelledby="results-h" className="space-y-3">
          <h2 id="results-h" className="text-xl font-semibold">
            {result.total} {result.total === 1 ? "person" : "people"}
            {result.pages > 1 && ` · page ${result.page} of ${result.pages}`}
          </h2>
          {result.users.length > 0 && (
            <div
              role="region"
              aria-label="Users (scrolls sideways)"
              tabIndex={0}
              className="relative max-w-full overflow-x-auto rounded border border-slate-200"
            >
              <table className="w-full min-w-[44rem] bg-white text-left text-sm">
                <thead>
                  <tr className="border-b">
                    <th scope="col" className="p-2">
                      Name
                    </th>
                    <th scope="col" className="p-2">
                      Email
                    </th>
                    <th scope="col" className="p-2">
                      Status
                    </th>
                    <th scope="col" className="p-2">
                      Teams
                    </th>
                    <th scope="col" className="p-2">
                      Actions
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {result.users.map((u) => (
                    <tr key={u.id} className="border-b border-slate-100 align-top">
                      <td className="p-2 break-words">{u.name ?? "—"}</td>
                      <td className="p-2 break-all">{u.email}</td>
                      <td className="p-2">
                        <ul className="flex flex-wrap gap-1" aria-label="Status">
                          {u.isAdmin && <Badge>Admin</Badge>}
                          {!u.active && <Badge>Deactivated</Badge>}
                          {!u.verified && <Badge>Unverified</Badge>}
                        </ul>
                      </td>
                      <td className="p-2">{u.teams}</td>
                      <td className="p-2">
                        <UserActions
                          self={u.id === actor.id}
                          user={{
                            id: u.id,
                            label: u.name ?? u.email,
                            isAdmin: u.isAdmin,
                            active: u.active,
                            verified: u.verified,
                          }}
                        />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {result.pages > 1 && (
            <nav aria-label="Pages" className="flex flex-wrap gap-3">
              {result.page > 1 && (
                <Link
                  className="inline-flex min-h-11 items-center text-brand-700 underline"
                  href={link(result.page - 1)}
                >
                  Previous page
                </Link>
              )}
              {result.page < result.pages && (
                <Link
                  className="inline-flex min-h-11 items-center text-brand-700 underline"
                  href={link(result.page + 1)}
                >
                  Next page
                </Link>
              )}
            </nav>
          )}
        </section>
      )}
    </div>
  );
}

function Badge({ children }: { children: string }) {
  return <li className="rounded bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-800">{children}</li>;
}

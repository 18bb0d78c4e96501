import Link from "next/link";
import { getActor } from "@/lib/auth/session";
import { SignOutButton } from "./sign-out-button";

const publicLinks = [
  { href: "/roles", label: "Roles" },
  { href: "/skills", label: "Skills" },
];
const privateLinks = [
  { href: "/dashboard", label: "Dashboard" },
  { href: "/me/skills", label: "My skills" },
  { href: "/compare", label: "Compare" },
  { href: "/teams", label: "Teams" },
  { href: "/invitations", label: "Invitations" },
  { href: "/reviews", label: "Reviews" },
];

export async function SiteNav() {
  const actor = await getActor();
  const links = actor
    ? [...privateLinks, ...publicLinks, ...(actor.isAdmin ? [{ href: "/admin", label: "Admin" }] : [])]
    : publicLinks;
  return (
    <header className="no-print border-b border-slate-200 bg-white">
      <nav aria-label="Main" className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link href="/" className="text-lg font-bold text-brand-900">
          skillgap
        </Link>
        <ul className="flex flex-1 flex-wrap gap-x-5 gap-y-1">
          {links.map((l) => (
            <li key={l.href}>
              <Link className="text-slate-800 hover:text-brand-700 hover:underline" href={l.href}>
                {l.label}
              </Link>
            </li>
          ))}
        </ul>
        {actor ? (
          <div className="flex items-center gap-4">
            <Link className="text-slate-800 hover:underline" href="/account">
              {actor.name ?? actor.email}
            </Link>
            <SignOutButton />
          </div>
        ) : (
          <Link className="rounded bg-brand-700 px-3 py-1.5 font-medium text-white hover:bg-brand-900" href="/signin">
            Sign in
          </Link>
        )}
      </nav>
    </header>
  );
}

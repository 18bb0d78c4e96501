import { getActor } from "@/lib/auth/session";
import { SiteNavMenu, type NavLink } from "./site-nav-menu";
import { NotificationBell } from "./notification-bell";

const publicLinks: NavLink[] = [
  { href: "/roles", label: "Roles" },
  { href: "/skills", label: "Skills" },
];
const privateLinks: NavLink[] = [
  { href: "/dashboard", label: "Dashboard" },
  { href: "/me/skills", label: "My skills" },
  { href: "/compare", label: "Compare" },
  { href: "/teams", label: "Teams" },
  { href: "/people", label: "People" },
  { href: "/invitations", label: "Invitations" },
  { href: "/reviews", label: "Reviews" },
];

/** The site header: which links a visitor gets is decided here, on the server; the menu behaviour is client-side. */
export async function SiteNav() {
  const actor = await getActor();
  const links = actor
    ? [...privateLinks, ...publicLinks, ...(actor.isAdmin ? [{ href: "/admin", label: "Admin" }] : [])]
    : publicLinks;
  return (
    <header className="no-print border-b border-slate-200 bg-white">
      <SiteNavMenu
        links={links}
        accountName={actor ? (actor.name ?? actor.email) : null}
        bell={actor ? <NotificationBell actor={actor} /> : null}
      />
    </header>
  );
}

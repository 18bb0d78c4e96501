"use client";
import type { ReactNode } from "react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { LogoMark } from "./logo";
import { SignOutButton } from "./sign-out-button";

export type NavLink = { href: string; label: string };

const MENU_ID = "site-menu";

/** Whether `pathname` is the link's page or a page under it (/teams/abc is under Teams). */
function isCurrent(href: string, pathname: string): boolean {
  return pathname === href || pathname.startsWith(`${href}/`);
}

/**
 * Breakpoint classes (written out in full so Tailwind sees them). A visitor's two links fit one row from `md` (768 px);
 * a signed-in person's links (ten for an admin), name and Sign out need `xl` (1280 px) and the nav's wider `max-w-7xl`
 * there, below which they would wrap.
 */
const WIDE = {
  md: {
    button: "md:hidden",
    menu: "md:flex md:w-auto md:flex-1 md:flex-row md:items-center md:gap-4 md:p-0",
    list: "md:flex-1 md:flex-row md:gap-x-1",
    account: "md:flex-nowrap md:border-0 md:pt-0",
  },
  xl: {
    button: "xl:hidden",
    menu: "xl:flex xl:w-auto xl:flex-1 xl:flex-row xl:items-center xl:gap-4 xl:p-0",
    list: "xl:flex-1 xl:flex-row xl:gap-x-1",
    account: "xl:flex-nowrap xl:border-0 xl:pt-0",
  },
} as const;

/**
 * The main navigation. On narrow screens the links fold into a "Menu" disclosure: a vertical list of 44 px targets
 * that closes on Escape (focus back on the button) and on navigation. On wide ones they sit inline in one row (see
 * WIDE). The closed state is what the server renders, so hydrating moves nothing.
 */
export function SiteNavMenu({
  links,
  accountName,
  bell = null,
}: {
  links: NavLink[];
  accountName: string | null;
  /** The notifications link with its unread count (a server component), for signed-in people. */
  bell?: ReactNode;
}) {
  const pathname = usePathname();
  // The menu is open on the page it was opened on; navigating (a new pathname) closes it without an effect.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setOpenOn(null);
      button.current?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);

  const close = () => setOpenOn(null);
  const wide = WIDE[links.length > 4 ? "xl" : "md"];
  const item = "flex min-h-11 items-center rounded px-2 hover:bg-slate-100 hover:text-brand-700";

  return (
    <nav aria-label="Main" className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 px-4 py-2 xl:max-w-7xl">
      <Link href="/" onClick={close} className="flex min-h-11 items-center gap-2 text-lg font-bold text-brand-900">
        <LogoMark />
        skillgap
      </Link>
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={MENU_ID}
        onClick={() => setOpenOn(open ? null : pathname)}
        className={`ml-auto inline-flex min-h-11 items-center gap-2 rounded border border-slate-400 px-3 font-medium text-slate-800 hover:bg-slate-100 ${wide.button}`}
      >
        <svg viewBox="0 0 20 20" className="h-5 w-5" aria-hidden="true" focusable="false">
          <path
            d={open ? "M5 5l10 10M15 5L5 15" : "M3 5h14M3 10h14M3 15h14"}
            stroke="currentColor"
            strokeWidth="2"
            strokeLinecap="round"
          />
        </svg>
        Menu
      </button>
      <div id={MENU_ID} className={`${open ? "flex" : "hidden"} w-full flex-col gap-2 pt-2 pb-3 ${wide.menu}`}>
        <ul className={`flex flex-col ${wide.list}`}>
          {links.map((l) => {
            const current = isCurrent(l.href, pathname);
            return (
              <li key={l.href}>
                <Link
                  href={l.href}
                  onClick={close}
                  aria-current={current ? "page" : undefined}
                  className={`${item} ${current ? "text-brand-900 underline decoration-2 underline-offset-4" : "text-slate-800"}`}
                >
                  {l.label}
                </Link>
              </li>
            );
          })}
        </ul>
        <div className={`flex flex-wrap items-center gap-2 border-t border-slate-200 pt-2 ${wide.account}`}>
          {accountName ? (
            <>
              {/* Its own line in the folded menu (a vertical list); beside the name in the wide one-row nav. */}
              {bell ? <div className="basis-full xl:basis-auto">{bell}</div> : null}
              <Link
                href="/account"
                onClick={close}
                title={accountName}
                aria-current={isCurrent("/account", pathname) ? "page" : undefined}
                className={`${item} max-w-[12rem] text-slate-800`}
              >
                <span className="min-w-0 truncate">{accountName}</span>
              </Link>
              <SignOutButton />
            </>
          ) : (
            <Link
              href="/signin"
              onClick={close}
              className="flex min-h-11 items-center rounded bg-brand-700 px-3 font-medium text-white hover:bg-brand-900"
            >
              Sign in
            </Link>
          )}
        </div>
      </div>
    </nav>
  );
}

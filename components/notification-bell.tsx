import Link from "next/link";
import { unreadCount } from "@/lib/data/notifications";
import type { SessionActor } from "@/lib/auth/session";

/**
 * The navigation's link to /notifications, with the unread count as a badge (none at 0). Signed-in people only. On a
 * wide screen, where the admin's links share one row, the word is left to screen readers and the tooltip.
 */
export async function NotificationBell({ actor }: { actor: SessionActor }) {
  const count = await unreadCount(actor);
  const shown = count > 99 ? "99+" : String(count);
  return (
    <Link
      href="/notifications"
      title="Notifications"
      className="flex min-h-11 items-center gap-1.5 rounded px-2 text-slate-800 hover:bg-slate-100 hover:text-brand-700"
    >
      <svg viewBox="0 0 20 20" className="h-5 w-5" aria-hidden="true" focusable="false">
        <path
          d="M10 2.5a5 5 0 0 0-5 5v3.2L3.5 13.5h13L15 10.7V7.5a5 5 0 0 0-5-5ZM8 15.5a2 2 0 0 0 4 0"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.6"
          strokeLinejoin="round"
        />
      </svg>
      {count > 0 ? (
        <>
          <span aria-hidden="true" className="xl:hidden">
            Notifications
          </span>
          <span
            aria-hidden="true"
            className="rounded-full bg-brand-700 px-1.5 text-xs leading-5 font-semibold text-white"
          >
            {shown}
          </span>
          <span className="sr-only">Notifications, {count} unread</span>
        </>
      ) : (
        <span className="xl:sr-only">Notifications</span>
      )}
    </Link>
  );
}

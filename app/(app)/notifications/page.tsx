import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { listNotifications, unreadCount } from "@/lib/data/notifications";
import { firstParam, type SearchParams } from "@/lib/search-params";
import { isStorableText } from "@/lib/validation";
import { absoluteTime, relativeTime } from "./relative-time";
import { MarkAllReadButton, NotificationControls } from "./notification-controls";

export const metadata: Metadata = { title: "Notifications" };
export const dynamic = "force-dynamic";

const link = "inline-flex min-h-11 items-center text-brand-700 underline hover:text-brand-900";

/** A `?before=` cursor worth looking up: short, storable text (anything else reads as the first page). */
const cursor = (v: string | undefined) => (v && v.length <= 100 && isStorableText(v) ? v : null);

export default async function NotificationsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const sp = await searchParams;
  const unreadOnly = firstParam(sp.unread) === "1";
  const before = cursor(firstParam(sp.before));
  const self = `/notifications${unreadOnly ? "?unread=1" : ""}`;
  const actor = await requireActor(
    before ? `${self}${unreadOnly ? "&" : "?"}before=${encodeURIComponent(before)}` : self,
  );
  const [{ items, next }, unread] = await Promise.all([
    listNotifications(actor, { before, unreadOnly }),
    unreadCount(actor),
  ]);
  const now = new Date();
  const older =
    next && `/notifications?${new URLSearchParams({ ...(unreadOnly ? { unread: "1" } : {}), before: next })}`;

  return (
    <section className="max-w-3xl space-y-6" aria-labelledby="notifications-h">
      <div className="space-y-2">
        <h1 id="notifications-h" className="text-2xl font-semibold">
          Notifications
        </h1>
        <p className="text-slate-700">
          {unread === 0 ? "You have no unread notifications." : `You have ${unread} unread.`} Choose what you hear
          about, and how, on{" "}
          <Link className="text-brand-700 underline hover:text-brand-900" href="/account#notifications">
            your account page
          </Link>
          .
        </p>
      </div>

      <div className="flex flex-wrap items-start justify-between gap-3">
        <p>
          {unreadOnly ? (
            <Link className={link} href="/notifications">
              Show all notifications
            </Link>
          ) : (
            <Link className={link} href="/notifications?unread=1">
              Show only unread
            </Link>
          )}
        </p>
        <MarkAllReadButton />
      </div>

      {items.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-5 text-slate-700">
          {before
            ? "No older notifications."
            : unreadOnly
              ? "No unread notifications."
              : "Nothing yet. You will see review steps, reminders and invitations here."}
        </p>
      ) : (
        <ul className="space-y-3" aria-label={unreadOnly ? "Unread notifications, newest first" : "Newest first"}>
          {items.map((n) => {
            const isUnread = n.readAt === null;
            return (
              <li
                key={n.id}
                id={`notification-${n.id}`}
                tabIndex={-1}
                className={`rounded-lg border bg-white p-4 break-words ${isUnread ? "border-l-4 border-brand-700" : "border-slate-200"}`}
              >
                <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
                  <h2 className={isUnread ? "font-semibold" : "font-medium text-slate-800"}>
                    {isUnread && (
                      <span className="mr-2 rounded bg-brand-100 px-1.5 py-0.5 text-xs font-semibold text-brand-900">
                        Unread
                      </span>
                    )}
                    {n.title}
                  </h2>
                  <time
                    dateTime={n.createdAt.toISOString()}
                    title={absoluteTime(n.createdAt)}
                    className="text-sm text-slate-700"
                  >
                    {relativeTime(n.createdAt, now)}
                  </time>
                </div>
                <p className="mt-1 text-slate-700">{n.body}</p>
                <NotificationControls id={n.id} title={n.title} unread={isUnread} />
              </li>
            );
          })}
        </ul>
      )}

      {(older || before) && (
        <nav aria-label="Pages" className="flex flex-wrap gap-4">
          {before && (
            <Link className={link} href={self}>
              Newest notifications
            </Link>
          )}
          {older && (
            <Link className={link} href={older}>
              Older notifications
            </Link>
          )}
        </nav>
      )}
    </section>
  );
}

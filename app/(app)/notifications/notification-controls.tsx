"use client";
import { useRouter } from "next/navigation";
import { FormMessage, useActionForm } from "@/components/use-action-form";
import { markAllReadAction, markNotificationReadAction, openNotificationAction } from "./actions";

const primary =
  "inline-flex min-h-11 items-center rounded bg-brand-700 px-4 font-medium text-white hover:bg-brand-900 disabled:opacity-60";
const secondary =
  "inline-flex min-h-11 items-center rounded border border-slate-400 px-3 text-slate-800 hover:bg-slate-100 disabled:opacity-60";

/** One notification's controls: "Open" marks it read and goes to its page; "Mark as read" stays here. */
export function NotificationControls({ id, title, unread }: { id: string; title: string; unread: boolean }) {
  const router = useRouter();
  const open = useActionForm(openNotificationAction, { onSuccess: ({ link }) => router.push(link) });
  const mark = useActionForm(markNotificationReadAction, {
    successMessage: "Marked as read.",
    // The button goes away with the unread state; focus moves to the notification instead of the page's start.
    onSuccess: () => document.getElementById(`notification-${id}`)?.focus(),
  });
  const pending = open.pending || mark.pending || Boolean(open.state?.result.ok);
  return (
    <div className="mt-3 space-y-2">
      <div className="flex flex-wrap gap-2">
        <button type="button" className={primary} disabled={pending} onClick={() => void open.submit({ id })}>
          {open.pending || open.state?.result.ok ? "Opening…" : "Open"}
          <span className="sr-only">: {title}</span>
        </button>
        {unread && (
          <button type="button" className={secondary} disabled={pending} onClick={() => void mark.submit({ id })}>
            Mark as read
            <span className="sr-only">: {title}</span>
          </button>
        )}
      </div>
      <FormMessage error={open.formError ?? mark.formError} success={mark.success} className="text-sm" />
    </div>
  );
}

export function MarkAllReadButton() {
  const form = useActionForm(markAllReadAction, {
    successMessage: ({ changed }) =>
      changed === 0
        ? "Everything was already read."
        : `${changed === 1 ? "1 notification" : `${changed} notifications`} marked as read.`,
  });
  return (
    <div className="space-y-1">
      <button type="button" className={secondary} disabled={form.pending} onClick={() => void form.submit({})}>
        Mark all as read
      </button>
      <FormMessage error={form.formError} success={form.success} className="text-sm" />
    </div>
  );
}

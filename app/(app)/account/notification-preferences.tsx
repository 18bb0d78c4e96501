"use client";
import { FormMessage, useActionForm } from "@/components/use-action-form";
import { KIND_INFO, NOTIFICATION_KINDS, type Channels, type NotificationKind } from "@/lib/domain/notifications";
import { setNotificationPreferencesAction } from "./notification-actions";

type Preferences = { kinds: Record<NotificationKind, Channels>; digest: boolean };

const CHANNELS = [
  { key: "inApp", heading: "In the app", label: (kind: string) => `In the app for ${kind}` },
  { key: "email", heading: "By email", label: (kind: string) => `Email for ${kind}` },
] as const;

/** The checkboxes → the action's input: every kind with both channels, so an unticked box is saved as off. */
function toInput(fd: FormData): Preferences {
  const kinds = Object.fromEntries(
    NOTIFICATION_KINDS.map((k) => [k, { inApp: fd.has(`${k}.inApp`), email: fd.has(`${k}.email`) }]),
  ) as Record<NotificationKind, Channels>;
  return { kinds, digest: fd.has("digest") };
}

/**
 * What each kind of notification does: shown in the app, sent by email, both or neither, plus the weekly digest.
 * The boxes are uncontrolled and the form is not reset, so a refused save keeps every tick as the person left it.
 */
export function NotificationPreferences({ value }: { value: Preferences }) {
  const form = useActionForm(setNotificationPreferencesAction, {
    toInput,
    resetOnSuccess: false,
    successMessage: "Saved your notification settings.",
  });
  const box = "h-5 w-5 shrink-0";
  const cell = "flex min-h-11 min-w-11 cursor-pointer items-center justify-center";
  return (
    <section aria-labelledby="notifications" className="space-y-4 rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="notifications" className="scroll-mt-4 text-lg font-semibold">
        Notifications
      </h2>
      <form method="post" onSubmit={form.onSubmit} className="space-y-4">
        <p className="text-slate-700">
          Choose which notifications appear on your notifications page and which are also sent to you by email.
        </p>
        <table className="w-full table-fixed border-collapse text-left">
          <caption className="sr-only">Notification kinds and where you get them</caption>
          <thead>
            <tr className="border-b border-slate-200 text-sm">
              <th scope="col" className="py-2 pr-2 font-semibold">
                Kind
              </th>
              {CHANNELS.map((c) => (
                <th key={c.key} scope="col" className="w-16 py-2 text-center font-semibold">
                  {c.heading}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {NOTIFICATION_KINDS.map((k) => {
              const info = KIND_INFO[k];
              return (
                <tr key={k} className="border-b border-slate-100 align-top">
                  <th scope="row" className="py-2 pr-2 font-normal break-words">
                    <span className="block font-medium">{info.label}</span>
                    <span id={`kind-${k}-help`} className="block text-sm text-slate-700">
                      {info.description}
                    </span>
                  </th>
                  {CHANNELS.map((c) => (
                    <td key={c.key} className="py-1">
                      <label className={cell}>
                        <input
                          type="checkbox"
                          name={`${k}.${c.key}`}
                          defaultChecked={value.kinds[k][c.key]}
                          aria-describedby={`kind-${k}-help`}
                          className={box}
                        />
                        <span className="sr-only">{c.label(info.label)}</span>
                      </label>
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
        <label className="flex min-h-11 cursor-pointer items-start gap-3">
          <input
            type="checkbox"
            name="digest"
            defaultChecked={value.digest}
            aria-describedby="digest-help"
            className={`${box} mt-0.5`}
          />
          <span>
            <span className="block font-medium">Weekly digest by email</span>
            <span id="digest-help" className="block text-sm text-slate-700">
              Once a week, one email summing up your notifications.
            </span>
          </span>
        </label>
        <FormMessage error={form.formError} success={form.success} />
        <button
          className="min-h-11 rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900 disabled:opacity-60"
          disabled={form.pending}
        >
          {form.pending ? "Saving…" : "Save notification settings"}
        </button>
      </form>
    </section>
  );
}

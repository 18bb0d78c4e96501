"use server";
import { createAction } from "@/lib/actions/safe-action";
import { revalidatePages } from "@/lib/actions/revalidate";
import { setNotificationPreferences } from "@/lib/data/notifications";
import { NOTIFICATION_KINDS } from "@/lib/domain/notifications";
import { z } from "@/lib/validation";

const onOff = (what: string) => z.boolean({ message: `${what} must be on or off.` });
const channels = z.object({ inApp: onOff("In the app"), email: onOff("By email") });

const preferences = z.object({
  kinds: z.partialRecord(z.enum(NOTIFICATION_KINDS, { message: "Unknown kind of notification." }), channels, {
    message: "Notification kinds must be a list of choices.",
  }),
  digest: onOff("Weekly digest by email"),
});

/** The account page's notification choices: each kind's channels and the weekly digest, saved together. */
export const setNotificationPreferencesAction = createAction(preferences, async (input, actor) => {
  await setNotificationPreferences(actor, input);
  revalidatePages("/account", "/notifications");
  return null;
});

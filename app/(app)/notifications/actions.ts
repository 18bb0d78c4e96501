"use server";
import { createAction } from "@/lib/actions/safe-action";
import { revalidatePages } from "@/lib/actions/revalidate";
import { markAllRead, markRead } from "@/lib/data/notifications";
import { id, noInput, z } from "@/lib/validation";

const notificationId = z.object({ id: id("Notification", 100) });

/** A path inside the app, or the list itself: the client navigates to it, so it never leaves the site. */
function insidePath(link: string): string {
  return link.startsWith("/") && !link.startsWith("//") && !link.startsWith("/\\") ? link : "/notifications";
}

/** Marks one of the actor's notifications read and answers where it points; anyone else's id is "not found". */
export const openNotificationAction = createAction(notificationId, async ({ id }, actor) => {
  const { link } = await markRead(actor, id);
  revalidatePages("/notifications");
  return { link: insidePath(link) };
});

export const markNotificationReadAction = createAction(notificationId, async ({ id }, actor) => {
  await markRead(actor, id);
  revalidatePages("/notifications");
  return null;
});

export const markAllReadAction = createAction(noInput(), async (_input, actor) => {
  const changed = await markAllRead(actor);
  revalidatePages("/notifications");
  return { changed };
});

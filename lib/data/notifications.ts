import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { db } from "./db";
import type { Tx } from "./open";
import { DataError, NotFoundError } from "./errors";
import { type Actor } from "./policy";
import { env } from "@/lib/env";
import { appLink, deliverMail, queueMail } from "@/lib/mail";
import { notificationMail } from "@/lib/mail/templates";
import {
  effectivePreferences,
  KIND_INFO,
  NOTIFICATION_KINDS,
  type Channels,
  type NotificationDraft,
  type NotificationKind,
} from "@/lib/domain/notifications";

// ---------- creating ----------

/**
 * Creates notifications inside the caller's transaction, each (person, key) at most once: a draft whose key the
 * person already has is skipped (ON CONFLICT DO NOTHING), so a job run twice — on two replicas, or again after a
 * crash — notifies and mails once. Honours each person's preferences: in-app off → the row is kept but not shown
 * (it still records that the event happened); email on → a message is queued in the same transaction, with a
 * one-click unsubscribe link. Deactivated people and unverified addresses get no email. Returns the queued mail ids:
 * call deliverMail(ids) after the transaction commits.
 */
export async function notifyInTx(tx: Tx, drafts: readonly NotificationDraft[]): Promise<string[]> {
  return (await createNotifications(tx, drafts)).mail;
}

/** notifyInTx, also saying how many notifications were new (the reminder job reports it). */
export async function createNotifications(
  tx: Tx,
  drafts: readonly NotificationDraft[],
): Promise<{ mail: string[]; created: number }> {
  if (drafts.length === 0) return { mail: [], created: 0 };
  const userIds = [...new Set(drafts.map((d) => d.userId))];
  const [users, stored] = await Promise.all([
    tx.user.findMany({
      where: { id: { in: userIds } },
      select: { id: true, email: true, emailVerified: true, deactivatedAt: true },
    }),
    tx.notificationPreference.findMany({ where: { userId: { in: userIds } } }),
  ]);
  const userById = new Map(users.map((u) => [u.id, u]));
  const prefsOf = new Map<string, Record<NotificationKind, Channels>>();
  for (const id of userIds) prefsOf.set(id, effectivePreferences(stored.filter((s) => s.userId === id)));
  const live = drafts.filter((d) => userById.get(d.userId) && !userById.get(d.userId)!.deactivatedAt);
  if (live.length === 0) return { mail: [], created: 0 };
  const inserted = await tx.$queryRaw<{ userId: string; key: string }[]>`
    INSERT INTO "Notification" ("id", "userId", "kind", "key", "title", "body", "link", "shown")
    SELECT gen_random_uuid()::text, d."userId", d."kind"::"NotificationKind", d."key", d."title", d."body", d."link", d."shown"
    FROM jsonb_to_recordset(${JSON.stringify(
      live.map((d) => ({ ...d, shown: prefsOf.get(d.userId)![d.kind].inApp })),
    )}::jsonb) AS d("userId" text, "kind" text, "key" text, "title" text, "body" text, "link" text, "shown" boolean)
    ON CONFLICT ("userId", "key") DO NOTHING
    RETURNING "userId", "key"`;
  const fresh = new Set(inserted.map((r) => `${r.userId}\u0000${r.key}`));
  const mailIds: string[] = [];
  for (const d of live) {
    if (!fresh.has(`${d.userId}\u0000${d.key}`) || !prefsOf.get(d.userId)![d.kind].email) continue;
    const u = userById.get(d.userId)!;
    if (!u.emailVerified) continue;
    mailIds.push(
      await queueMail(
        tx,
        notificationMail({
          to: u.email,
          title: d.title,
          body: d.body,
          url: appLink(d.link),
          kindLabel: KIND_INFO[d.kind].label,
          // The API address: a GET shows the confirmation page, a one-click POST (RFC 8058) unsubscribes.
          unsubscribeUrl: appLink(`/api/unsubscribe?${unsubscribeQuery(d.userId, d.kind)}`),
          preferencesUrl: appLink("/account#notifications"),
        }),
      ),
    );
  }
  return { mail: mailIds, created: inserted.length };
}

/** notifyInTx in its own transaction, then delivery. Returns how many notifications were new. */
export async function notify(drafts: readonly NotificationDraft[]): Promise<void> {
  if (drafts.length === 0) return;
  const prisma = await db();
  const ids = await prisma.$transaction((tx) => notifyInTx(tx, drafts));
  await deliverMail(ids);
}

// ---------- reading (the person's own only) ----------

export const NOTIFICATION_PAGE = 30;

/** The actor's unread count (shown notifications only), for the bell. */
export async function unreadCount(actor: Actor): Promise<number> {
  const prisma = await db();
  return prisma.notification.count({ where: { userId: actor.id, shown: true, readAt: null } });
}

/** The actor's notifications, newest first, a page at a time (`before`: the last createdAt/id seen). */
export async function listNotifications(actor: Actor, opts: { before?: string | null; unreadOnly?: boolean } = {}) {
  const prisma = await db();
  let cursor: { createdAt: Date; id: string } | null = null;
  if (opts.before) {
    cursor = await prisma.notification.findFirst({
      where: { id: opts.before, userId: actor.id },
      select: { createdAt: true, id: true },
    });
  }
  const rows = await prisma.notification.findMany({
    where: {
      userId: actor.id,
      shown: true,
      ...(opts.unreadOnly ? { readAt: null } : {}),
      ...(cursor
        ? { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] }
        : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: NOTIFICATION_PAGE + 1,
    select: { id: true, kind: true, title: true, body: true, link: true, readAt: true, createdAt: true },
  });
  return {
    items: rows.slice(0, NOTIFICATION_PAGE),
    next: rows.length > NOTIFICATION_PAGE ? rows[NOTIFICATION_PAGE - 1]!.id : null,
  };
}

/** Marks one of the actor's notifications read; anyone else's id is "not found". Returns its link. */
export async function markRead(actor: Actor, id: string): Promise<{ link: string }> {
  const prisma = await db();
  const n = await prisma.notification.findFirst({ where: { id, userId: actor.id }, select: { id: true, link: true } });
  if (!n) throw new NotFoundError();
  await prisma.notification.updateMany({ where: { id, userId: actor.id, readAt: null }, data: { readAt: new Date() } });
  return { link: n.link };
}

/** Marks every notification of the actor read. Returns how many changed. */
export async function markAllRead(actor: Actor): Promise<number> {
  const prisma = await db();
  const r = await prisma.notification.updateMany({
    where: { userId: actor.id, readAt: null },
    data: { readAt: new Date() },
  });
  return r.count;
}

// ---------- preferences ----------

export async function getNotificationPreferences(actor: Actor) {
  const prisma = await db();
  const [stored, user] = await Promise.all([
    prisma.notificationPreference.findMany({ where: { userId: actor.id } }),
    prisma.user.findUnique({ where: { id: actor.id }, select: { digestOptIn: true } }),
  ]);
  if (!user) throw new NotFoundError(); // a session whose account is gone
  return { kinds: effectivePreferences(stored), digest: user.digestOptIn };
}

export type PreferenceInput = { kinds: Partial<Record<NotificationKind, Channels>>; digest: boolean };

/** Saves the actor's choices: every kind given is stored (defaults included, so a later default change keeps it). */
export async function setNotificationPreferences(actor: Actor, input: PreferenceInput): Promise<void> {
  const unknown = Object.keys(input.kinds).filter((k) => !(NOTIFICATION_KINDS as readonly string[]).includes(k));
  if (unknown.length)
    throw new DataError("Some notification kinds are unknown; nothing was saved.", {
      kinds: [`Unknown kind: ${unknown.join(", ")}.`],
    });
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({ where: { id: actor.id }, data: { digestOptIn: input.digest } });
    if (count === 0) throw new NotFoundError(); // a session whose account is gone
    for (const [kind, c] of Object.entries(input.kinds) as [NotificationKind, Channels][])
      await tx.notificationPreference.upsert({
        where: { userId_kind: { userId: actor.id, kind } },
        create: { userId: actor.id, kind, inApp: c.inApp, email: c.email },
        update: { inApp: c.inApp, email: c.email },
      });
  });
}

// ---------- unsubscribe (signed link, works without signing in) ----------

function secret(): string {
  const s = env().NEXTAUTH_SECRET;
  if (!s) throw new Error("NEXTAUTH_SECRET is not set");
  return s;
}
const sign = (userId: string, kind: string) =>
  createHmac("sha256", secret()).update(`unsubscribe\u0000${userId}\u0000${kind}`).digest("base64url");

/** The query string of a person's unsubscribe link for one kind ("u=…&k=…&t=…"). */
export function unsubscribeQuery(userId: string, kind: NotificationKind | "digest"): string {
  return new URLSearchParams({ u: userId, k: kind, t: sign(userId, kind) }).toString();
}

/** Which person and kind a link names, or null when the signature does not match (a forged or altered link). */
export function readUnsubscribeLink(q: { u?: string; k?: string; t?: string }) {
  const { u, k, t } = q;
  if (!u || !k || !t || u.length > 100 || t.length > 100) return null;
  if (k !== "digest" && !(NOTIFICATION_KINDS as readonly string[]).includes(k)) return null;
  const want = Buffer.from(sign(u, k));
  const got = Buffer.from(t);
  if (want.length !== got.length || !timingSafeEqual(want, got)) return null;
  return { userId: u, kind: k as NotificationKind | "digest" };
}

/** Turns off email for the link's kind (or the digest). A bad link is "not found"; repeating it is harmless. */
export async function unsubscribe(q: { u?: string; k?: string; t?: string }): Promise<{ label: string }> {
  const link = readUnsubscribeLink(q);
  if (!link) throw new NotFoundError();
  const prisma = await db();
  const user = await prisma.user.findUnique({ where: { id: link.userId }, select: { id: true } });
  if (!user) throw new NotFoundError();
  if (link.kind === "digest") {
    await prisma.user.update({ where: { id: user.id }, data: { digestOptIn: false } });
    return { label: "Weekly digest" };
  }
  const kind = link.kind;
  const inApp = effectivePreferences(
    await prisma.notificationPreference.findMany({ where: { userId: user.id, kind } }),
  )[kind].inApp;
  await prisma.notificationPreference.upsert({
    where: { userId_kind: { userId: user.id, kind } },
    create: { userId: user.id, kind, inApp, email: false },
    update: { email: false },
  });
  return { label: KIND_INFO[kind].label };
}

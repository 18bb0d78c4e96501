/**
 * The notification centre's writes from outside the data layer: the unsubscribe route (signed links from emails,
 * the confirmation form and RFC 8058 one-click posts; forged links and garbage never change anything and never
 * answer 500) and the server actions behind the notifications page and the account page's preferences.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { session, sessionModule } from "../support/session-mock";
import { createWorld, type World } from "../support/world";
import { FUZZ_SEED, hostileString, LEAK, tableChecksums } from "../support/fuzz";
import { resetEnvCache } from "@/lib/env";
import {
  getNotificationPreferences,
  notify,
  setNotificationPreferences,
  unreadCount,
  unsubscribeQuery,
} from "@/lib/data/notifications";
import { KIND_INFO, NOTIFICATION_KINDS, type NotificationKind } from "@/lib/domain/notifications";
import type { SessionActor } from "@/lib/auth/session";

vi.mock("@/lib/auth/session", () => sessionModule);
const route = await import("@/app/api/unsubscribe/route");
const { openNotificationAction, markNotificationReadAction, markAllReadAction } =
  await import("@/app/(app)/notifications/actions");
const { setNotificationPreferencesAction } = await import("@/app/(app)/account/notification-actions");

let w: World;
beforeAll(async () => {
  process.env.NEXTAUTH_SECRET ??= "notifications-ui-secret-notifications-ui";
  resetEnvCache();
  w = await createWorld();
});
afterAll(() => w.db.close());

let seq = 0;
/** A fresh confirmed person, so each test starts from the defaults. */
async function person(): Promise<SessionActor> {
  const u = await w.db.prisma.user.create({
    data: { email: `n${++seq}-${w.tag}@test.local`, name: `Person ${seq}`, emailVerified: new Date() },
  });
  return { id: u.id, isAdmin: false, name: u.name, email: u.email, verified: true, sessionId: `s-${u.id}` };
}

const draft = (userId: string, kind: NotificationKind = "review_waiting", link = "/reviews/r1") => ({
  userId,
  kind,
  key: `test:${++seq}`,
  title: `Notification ${seq}`,
  body: "Something happened.",
  link,
});

const defaults = () =>
  Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, { ...KIND_INFO[k].defaults }])) as Record<
    NotificationKind,
    { inApp: boolean; email: boolean }
  >;

const post = (query: string, body?: BodyInit, headers: Record<string, string> = {}) =>
  route.POST(new Request(`http://app.test/api/unsubscribe?${query}`, { method: "POST", body, headers }));
const formPost = (fields: Record<string, string>) =>
  route.POST(
    new Request("http://app.test/api/unsubscribe", {
      method: "POST",
      body: new URLSearchParams(fields),
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "text/html,*/*" },
    }),
  );
const oneClick = (query: string) =>
  post(query, "List-Unsubscribe=One-Click", { "content-type": "application/x-www-form-urlencoded" });
const fieldsOf = (query: string) => Object.fromEntries(new URLSearchParams(query)) as Record<string, string>;

describe("the unsubscribe route", () => {
  it("the link in a notification email turns email off for that kind only, from the confirmation form", async () => {
    const p = await person();
    await notify([draft(p.id, "review_waiting")]);
    const mail = await w.db.prisma.outboxMessage.findFirstOrThrow({ where: { to: p.email } });
    expect(mail.unsubscribeUrl).toContain("/unsubscribe?");
    const query = new URL(mail.unsubscribeUrl!).search.slice(1);

    const res = await formPost(fieldsOf(query));
    expect(res.status).toBe(303);
    const to = new URL(res.headers.get("location")!, "http://app.test");
    expect(to.pathname).toBe("/unsubscribe");
    expect(Object.fromEntries(to.searchParams)).toEqual({ done: "1", label: "Your turn in a review" });

    const want = defaults();
    want.review_waiting = { inApp: true, email: false };
    expect(await getNotificationPreferences(p)).toEqual({ kinds: want, digest: false });
    // Repeating the link is harmless.
    expect((await formPost(fieldsOf(query))).status).toBe(303);
    expect(await getNotificationPreferences(p)).toEqual({ kinds: want, digest: false });
  });

  it("keeps the in-app choice the person made, and the digest link turns only the digest off", async () => {
    const p = await person();
    const chosen = { ...defaults(), goal_due: { inApp: false, email: true } };
    await setNotificationPreferences(p, { kinds: chosen, digest: true });
    expect((await formPost(fieldsOf(unsubscribeQuery(p.id, "goal_due")))).status).toBe(303);
    expect(await getNotificationPreferences(p)).toEqual({
      kinds: { ...chosen, goal_due: { inApp: false, email: false } },
      digest: true,
    });

    const res = await formPost(fieldsOf(unsubscribeQuery(p.id, "digest")));
    expect(new URL(res.headers.get("location")!, "http://app.test").searchParams.get("label")).toBe("Weekly digest");
    expect(await getNotificationPreferences(p)).toEqual({
      kinds: { ...chosen, goal_due: { inApp: false, email: false } },
      digest: false,
    });
  });

  it("answers an RFC 8058 one-click post (u, k, t in the query) with 200", async () => {
    const p = await person();
    await setNotificationPreferences(p, { kinds: {}, digest: true });
    const res = await oneClick(unsubscribeQuery(p.id, "certification_expiring"));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ unsubscribed: "Certifications expiring" });
    const prefs = await getNotificationPreferences(p);
    expect(prefs.kinds.certification_expiring).toEqual({ inApp: true, email: false });
    expect(prefs.kinds.review_waiting).toEqual({ inApp: true, email: true });
    expect(prefs.digest).toBe(true);

    // The same as multipart/form-data, as RFC 8058 allows.
    const fd = new FormData();
    fd.set("List-Unsubscribe", "One-Click");
    expect((await post(unsubscribeQuery(p.id, "digest"), fd)).status).toBe(200);
    expect((await getNotificationPreferences(p)).digest).toBe(false);
  });

  it("a forged or altered link answers 404 and changes nothing", async () => {
    const [p, other] = [await person(), await person()];
    await setNotificationPreferences(p, { kinds: {}, digest: true });
    const good = fieldsOf(unsubscribeQuery(p.id, "review_waiting"));
    const flip = (s: string) => (s[0] === "A" ? "B" : "A") + s.slice(1);
    const forged: Record<string, string>[] = [
      { ...good, t: flip(good.t) },
      { ...good, t: good.t.slice(0, -1) },
      { ...good, k: "goal_due" },
      { ...good, k: "digest" },
      { ...good, k: "not_a_kind" },
      { ...good, u: other.id },
      { ...good, u: `${p.id} ` },
      { u: good.u, k: good.k },
      fieldsOf(unsubscribeQuery("no-such-person", "review_waiting")),
      {},
    ];
    const before = await tableChecksums(w.db);
    for (const fields of forged) {
      const form = await formPost(fields);
      expect(form.status, JSON.stringify(fields)).toBe(404);
      expect(await form.json()).toEqual({ error: "Not found." });
      const click = await oneClick(new URLSearchParams(fields).toString());
      expect(click.status, JSON.stringify(fields)).toBe(404);
    }
    expect(await tableChecksums(w.db)).toEqual(before);
  });

  it("a GET never changes anything: it sends the visitor to the confirmation page", async () => {
    const p = await person();
    const query = unsubscribeQuery(p.id, "review_waiting");
    const before = await tableChecksums(w.db);
    const res = await route.GET(new Request(`http://app.test/api/unsubscribe?${query}&extra=1`));
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/unsubscribe?${query}`);
    expect(await tableChecksums(w.db)).toEqual(before);
  });

  it("answers garbage in the query string or the body without a 500 and without a change", async () => {
    const p = await person();
    const good = fieldsOf(unsubscribeQuery(p.id, "review_waiting"));
    const before = await tableChecksums(w.db);
    const value = fc.oneof(hostileString, fc.constantFrom(good.u, good.k, good.t, "digest", ""));
    const query = fc
      .array(fc.tuple(fc.constantFrom("u", "k", "t", "List-Unsubscribe", "done", "x"), value), { maxLength: 5 })
      .map((pairs) => {
        const q = new URLSearchParams();
        for (const [k, v] of pairs) q.append(k, v);
        return q.toString();
      });
    const raw = fc.oneof(
      fc.constantFrom("%", "%ZZ", "%E0%A4%A", "u=%00&k=%ED%A0%80&t=x", "List-Unsubscribe=One-Click&u=&k=&t=", "{}"),
      fc.constantFrom("x".repeat(20_000), `t=${"a".repeat(20_000)}`),
      query,
      hostileString,
    );
    const type = fc.constantFrom(
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=zz",
      "multipart/form-data",
      "application/json",
      "text/plain",
      "",
    );
    await fc.assert(
      fc.asyncProperty(query, raw, type, fc.boolean(), async (q, body, contentType, html) => {
        const headers: Record<string, string> = contentType ? { "content-type": contentType } : {};
        if (html) headers.accept = "text/html";
        const res = await post(q, body, headers);
        expect(res.status).toBeLessThan(500);
        expect(await res.text()).not.toMatch(LEAK);
        const get = await route.GET(new Request(`http://app.test/api/unsubscribe?${q}`));
        expect(get.status).toBe(303);
      }),
      { numRuns: 150, seed: FUZZ_SEED },
    );
    expect(await tableChecksums(w.db)).toEqual(before);
  });
});

describe("the notification actions", () => {
  it("open marks one's own notification read and answers its link; another person's id is not found", async () => {
    const [p, other] = [await person(), await person()];
    await notify([draft(p.id, "review_waiting", "/reviews/abc"), draft(other.id)]);
    const [mine, theirs] = await Promise.all(
      [p, other].map((u) => w.db.prisma.notification.findFirstOrThrow({ where: { userId: u.id } })),
    );
    session.actor = p;
    expect(await openNotificationAction({ id: theirs!.id })).toMatchObject({ ok: false, status: 404 });
    expect(await markNotificationReadAction({ id: theirs!.id })).toMatchObject({ ok: false, status: 404 });
    expect(await unreadCount(other)).toBe(1);

    expect(await openNotificationAction({ id: mine!.id })).toEqual({ ok: true, data: { link: "/reviews/abc" } });
    expect(await unreadCount(p)).toBe(0);
    expect(await openNotificationAction({ id: "" })).toMatchObject({ ok: false });
  });

  it("open never answers a link that leaves the site", async () => {
    const p = await person();
    await notify([draft(p.id, "goal_due", "//evil.example/x")]);
    const n = await w.db.prisma.notification.findFirstOrThrow({ where: { userId: p.id } });
    session.actor = p;
    expect(await openNotificationAction({ id: n.id })).toEqual({ ok: true, data: { link: "/notifications" } });
  });

  it("mark all as read touches only the actor's notifications", async () => {
    const [p, other] = [await person(), await person()];
    await notify([draft(p.id), draft(p.id, "goal_due"), draft(other.id), draft(other.id, "goal_due")]);
    session.actor = p;
    expect(await markAllReadAction({})).toEqual({ ok: true, data: { changed: 2 } });
    expect(await unreadCount(p)).toBe(0);
    expect(await unreadCount(other)).toBe(2);
    expect(await w.db.prisma.notification.count({ where: { userId: other.id, readAt: { not: null } } })).toBe(0);
    session.actor = null;
    expect(await markAllReadAction({})).toMatchObject({ ok: false, status: 401 });
    expect(await unreadCount(other)).toBe(2);
  });

  it("saves preferences, and refuses an unknown kind or a non-boolean without saving anything", async () => {
    const p = await person();
    session.actor = p;
    const kinds = { ...defaults(), team_invited: { inApp: false, email: true } };
    const bad = [
      { kinds: { ...kinds, chief_wizard: { inApp: true, email: true } }, digest: true },
      { kinds: { ...kinds, goal_due: { inApp: "yes", email: true } }, digest: true },
      { kinds, digest: "on" },
      { kinds: "all", digest: true },
    ];
    for (const input of bad) expect(await setNotificationPreferencesAction(input)).toMatchObject({ ok: false });
    expect(await getNotificationPreferences(p)).toEqual({ kinds: defaults(), digest: false });

    expect(await setNotificationPreferencesAction({ kinds, digest: true })).toEqual({ ok: true, data: null });
    expect(await getNotificationPreferences(p)).toEqual({ kinds, digest: true });
  });
});

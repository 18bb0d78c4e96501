/**
 * User management for admins: search and filters; anyone else gets not found; the organisation never loses its last
 * active administrator, even when two admins act at the same moment; deleting someone removes exactly their data.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, type World } from "../support/world";
import type { SessionActor } from "@/lib/auth/session";
import { DataError, NotFoundError } from "@/lib/data/errors";
import { setUserActive } from "@/lib/data/accounts";
import { findSessionActor } from "@/lib/data/sessions";
import { deleteUser, resendVerificationFor, searchUsers, setAdmin } from "@/lib/data/user-admin";
import { loadTaxonomy } from "@/lib/taxonomy/load";

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w.db.close());

let n = 0;
/** A new person (with a session), uniquely named within this file. */
async function person(opts: { admin?: boolean; verified?: boolean; name?: string } = {}): Promise<SessionActor> {
  n += 1;
  const u = await w.db.prisma.user.create({
    data: {
      email: `p${n}-${w.tag}@test.local`,
      name: opts.name ?? `Person ${n} ${w.tag}`,
      isAdmin: opts.admin ?? false,
      emailVerified: opts.verified === false ? null : new Date(),
    },
  });
  const s = await w.db.prisma.session.create({
    data: { userId: u.id, sessionToken: `t-${u.id}`, expires: new Date(Date.now() + 86_400_000) },
  });
  return { id: u.id, isAdmin: u.isAdmin, name: u.name, email: u.email, verified: true, sessionId: s.id };
}

/** Leaves exactly the given users as active admins (the world's admin included only if listed). */
async function onlyAdmins(...ids: string[]) {
  await w.db.prisma.user.updateMany({ where: { id: { notIn: ids } }, data: { isAdmin: false } });
  await w.db.prisma.user.updateMany({ where: { id: { in: ids } }, data: { isAdmin: true, deactivatedAt: null } });
}
const activeAdminCount = () => w.db.prisma.user.count({ where: { isAdmin: true, deactivatedAt: null } });
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e,
  );
const audit = (action: string, subjectId: string) =>
  w.db.prisma.auditLog.findMany({ where: { action, subjectId }, select: { actorId: true, data: true } });

describe("searchUsers", () => {
  it("matches name or email case-insensitively, trims, filters, orders by name then email, and pages by 25", async () => {
    const tag = `zq${w.tag}`;
    const alice = await person({ name: `Alice ${tag}` });
    const bob = await person({ name: `Bob ${tag}`, verified: false });
    const carol = await person({ name: `Carol ${tag}`, admin: true });
    await w.db.prisma.user.update({ where: { id: alice.id }, data: { deactivatedAt: new Date() } });
    await w.db.prisma.teamMembership.create({ data: { teamId: w.teamId, userId: carol.id, role: "manager" } });

    const all = await searchUsers(w.actors.admin, { q: `  ${tag.toUpperCase()}  ` });
    expect(all.users.map((u) => u.id)).toEqual([alice.id, bob.id, carol.id]);
    expect(all).toMatchObject({ q: tag.toUpperCase(), page: 1, pages: 1, total: 3 });
    expect(all.users[0]).toMatchObject({ active: false, verified: true, isAdmin: false, teams: 0 });
    expect(all.users[2]).toMatchObject({ active: true, isAdmin: true, teams: 1 });
    expect(all.users[2].lastSignIn).toBeInstanceOf(Date);

    const byEmail = await searchUsers(w.actors.admin, { q: bob.email.toUpperCase() });
    expect(byEmail.users.map((u) => u.id)).toEqual([bob.id]);

    const ids = async (filter: string) =>
      (await searchUsers(w.actors.admin, { q: tag, filter })).users.map((u) => u.id);
    expect(await ids("admins")).toEqual([carol.id]);
    expect(await ids("deactivated")).toEqual([alice.id]);
    expect(await ids("unverified")).toEqual([bob.id]);
    expect(await ids("managers")).toEqual([carol.id]);
    expect((await searchUsers(w.actors.admin, { filter: "managers" })).users.map((u) => u.id)).toEqual(
      expect.arrayContaining([w.actors.manager.id, w.actors.otherManager.id, carol.id]),
    );
  });

  it("pages 25 at a time and clamps the page", async () => {
    const tag = `pg${w.tag}`;
    for (let i = 0; i < 27; i++) await person({ name: `${tag} ${String(i).padStart(2, "0")}` });
    const first = await searchUsers(w.actors.admin, { q: tag });
    expect(first).toMatchObject({ page: 1, pages: 2, total: 27 });
    expect(first.users).toHaveLength(25);
    expect(first.users[0].name).toBe(`${tag} 00`);
    const last = await searchUsers(w.actors.admin, { q: tag, page: "99" });
    expect(last.page).toBe(2);
    expect(last.users.map((u) => u.name)).toEqual([`${tag} 25`, `${tag} 26`]);
    expect((await searchUsers(w.actors.admin, { q: tag, page: "abc" })).page).toBe(1);
    expect((await searchUsers(w.actors.admin, { q: tag, page: 0 })).page).toBe(1);
    const none = await searchUsers(w.actors.admin, { q: `nobody-${tag}`, page: "3" });
    expect(none).toMatchObject({ page: 1, pages: 1, total: 0, users: [] });
  });

  it("answers a bad query with a field error", async () => {
    const long = await refusal(searchUsers(w.actors.admin, { q: "x".repeat(101) }));
    expect((long as DataError).fieldErrors.q).toHaveLength(1);
    const nul = await refusal(searchUsers(w.actors.admin, { q: "a\u0000b" }));
    expect((nul as DataError).fieldErrors.q).toHaveLength(1);
    const filter = await refusal(searchUsers(w.actors.admin, { filter: "everyone" }));
    expect((filter as DataError).fieldErrors).toEqual({ filter: ["Choose one of the listed filters."] });
    expect((await searchUsers(w.actors.admin, { q: "x".repeat(100) })).total).toBe(0);
  });
});

describe("only admins", () => {
  it("everyone else gets not found from every function, and nothing changes", async () => {
    const target = await person({ verified: false });
    for (const as of [w.actors.member, w.actors.manager, w.actors.otherManager]) {
      expect(await refusal(searchUsers(as, {}))).toBeInstanceOf(NotFoundError);
      expect(await refusal(setAdmin(as, target.id, true))).toBeInstanceOf(NotFoundError);
      expect(await refusal(setAdmin(as, as.id, true))).toBeInstanceOf(NotFoundError);
      expect(await refusal(resendVerificationFor(as, target.id))).toBeInstanceOf(NotFoundError);
      expect(await refusal(deleteUser(as, target.id))).toBeInstanceOf(NotFoundError);
    }
    const after = await w.db.prisma.user.findUniqueOrThrow({ where: { id: target.id } });
    expect(after.isAdmin).toBe(false);
    expect(await w.db.prisma.emailToken.count({ where: { userId: target.id } })).toBe(0);
  });

  it("an admin demoted a moment ago cannot act with their old session object", async () => {
    const stale = await person({ admin: true });
    const target = await person();
    await w.db.prisma.user.update({ where: { id: stale.id }, data: { isAdmin: false } });
    expect(await refusal(setAdmin(stale, target.id, true))).toBeInstanceOf(NotFoundError);
    expect(await refusal(deleteUser(stale, target.id))).toBeInstanceOf(NotFoundError);
    expect(await w.db.prisma.user.count({ where: { id: target.id, isAdmin: false } })).toBe(1);
  });

  it("an unknown id is not found", async () => {
    expect(await refusal(setAdmin(w.actors.admin, "nobody", true))).toBeInstanceOf(NotFoundError);
    expect(await refusal(deleteUser(w.actors.admin, "nobody"))).toBeInstanceOf(NotFoundError);
    expect(await refusal(resendVerificationFor(w.actors.admin, "nobody"))).toBeInstanceOf(NotFoundError);
  });
});

describe("setAdmin", () => {
  it("promotes and demotes with an audit row; never the last active admin; oneself if another remains", async () => {
    const a = await person({ admin: true });
    const b = await person();
    await onlyAdmins(a.id);
    await setAdmin(a, b.id, true);
    expect(await audit("user.admin.granted", b.id)).toEqual([{ actorId: a.id, data: null }]);
    await setAdmin(a, a.id, false); // b remains
    expect(await audit("user.admin.revoked", a.id)).toEqual([{ actorId: a.id, data: null }]);
    const last = await refusal(setAdmin({ ...b, isAdmin: true }, b.id, false));
    expect(last).toBeInstanceOf(DataError);
    expect(Object.keys((last as DataError).fieldErrors)).toEqual(["isAdmin"]);
    expect(await activeAdminCount()).toBe(1);
    // A deactivated admin does not count: demoting them is fine, and they cannot keep the last active one in place.
    const c = await person({ admin: true });
    await w.db.prisma.user.update({ where: { id: c.id }, data: { deactivatedAt: new Date() } });
    expect(await refusal(setAdmin({ ...b, isAdmin: true }, b.id, false))).toBeInstanceOf(DataError);
    await setAdmin({ ...b, isAdmin: true }, c.id, false);
    expect(await activeAdminCount()).toBe(1);
  });

  it("two admins demoting themselves at the same moment leave one", async () => {
    const a = await person({ admin: true });
    const b = await person({ admin: true });
    await onlyAdmins(a.id, b.id);
    const results = await Promise.allSettled([setAdmin(a, a.id, false), setAdmin(b, b.id, false)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected");
    expect((refused as PromiseRejectedResult).reason).toBeInstanceOf(DataError);
    expect(await activeAdminCount()).toBe(1);
  });

  it("two admins demoting each other at the same moment leave one", async () => {
    const a = await person({ admin: true });
    const b = await person({ admin: true });
    await onlyAdmins(a.id, b.id);
    const results = await Promise.allSettled([setAdmin(a, b.id, false), setAdmin(b, a.id, false)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await activeAdminCount()).toBe(1);
  });

  it("two admins deleting each other at the same moment leave one", async () => {
    const a = await person({ admin: true });
    const b = await person({ admin: true });
    await onlyAdmins(a.id, b.id);
    const results = await Promise.allSettled([deleteUser(a, b.id), deleteUser(b, a.id)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await activeAdminCount()).toBe(1);
  });
});

describe("deactivation (setUserActive)", () => {
  it("deletes the person's sessions, and their session no longer resolves to an actor", async () => {
    await onlyAdmins(w.actors.admin.id);
    const p = await person();
    expect(await findSessionActor(p.id, p.sessionId)).not.toBeNull();
    await setUserActive(w.actors.admin, p.id, false);
    expect(await w.db.prisma.session.count({ where: { userId: p.id } })).toBe(0);
    expect(await findSessionActor(p.id, p.sessionId)).toBeNull();
    expect((await searchUsers(w.actors.admin, { q: p.email })).users[0].active).toBe(false);
  });
});

describe("resendVerificationFor", () => {
  it("replaces the person's link, queues the mail and writes an audit row", async () => {
    await onlyAdmins(w.actors.admin.id);
    const p = await person({ verified: false });
    await resendVerificationFor(w.actors.admin, p.id);
    await resendVerificationFor(w.actors.admin, p.id);
    expect(await w.db.prisma.emailToken.count({ where: { userId: p.id, kind: "verify_email", usedAt: null } })).toBe(1);
    expect(await w.db.prisma.outboxMessage.count({ where: { to: p.email } })).toBe(2);
    expect(await audit("user.verification.resent", p.id)).toHaveLength(2);
  });

  it("refuses a verified or deactivated person with a field message", async () => {
    const verified = await person();
    const e = await refusal(resendVerificationFor(w.actors.admin, verified.id));
    expect((e as DataError).fieldErrors.userId).toEqual(["Already confirmed."]);
    const gone = await person({ verified: false });
    await w.db.prisma.user.update({ where: { id: gone.id }, data: { deactivatedAt: new Date() } });
    expect(await refusal(resendVerificationFor(w.actors.admin, gone.id))).toBeInstanceOf(DataError);
    expect(await w.db.prisma.emailToken.count({ where: { userId: { in: [verified.id, gone.id] } } })).toBe(0);
  });
});

describe("deleteUser", () => {
  it("removes the person and their ratings, keeps everyone else's, pseudonymises the audit trail", async () => {
    await onlyAdmins(w.actors.admin.id);
    const p = await person();
    const other = await person();
    const skillId = loadTaxonomy().skills[0].id;
    const history = await w.db.prisma.rating.createManyAndReturn({
      data: [p.id, other.id].map((userId) => ({ userId, skillId, level: 3 })),
    });
    await w.db.prisma.currentRating.createMany({
      data: history.map((r) => ({ userId: r.userId, skillId, level: 3, ratingId: r.id, updatedAt: new Date() })),
    });
    await w.db.prisma.auditLog.create({
      data: { actorId: other.id, action: "test.mention", data: { email: p.email } },
    });
    await deleteUser(w.actors.admin, p.id);
    expect(await w.db.prisma.user.count({ where: { id: p.id } })).toBe(0);
    expect(await w.db.prisma.rating.count({ where: { userId: p.id } })).toBe(0);
    expect(await w.db.prisma.currentRating.count({ where: { userId: p.id } })).toBe(0);
    expect(await w.db.prisma.rating.count({ where: { userId: other.id } })).toBe(1);
    expect(await w.db.prisma.currentRating.count({ where: { userId: other.id } })).toBe(1);
    const mention = await w.db.prisma.auditLog.findFirstOrThrow({
      where: { action: "test.mention", actorId: other.id },
    });
    expect(JSON.stringify(mention.data)).not.toContain(p.email);
    const rows = await audit("user.deleted", p.id);
    expect(rows).toEqual([{ actorId: w.actors.admin.id, data: null }]);
  });

  it("refuses oneself (use the account page); the last-admin race is the parallel test above", async () => {
    await onlyAdmins(w.actors.admin.id);
    const self = await refusal(deleteUser(w.actors.admin, w.actors.admin.id));
    expect((self as DataError).fieldErrors.userId).toEqual(["To delete your own account, use the account page."]);
    expect(await w.db.prisma.user.count({ where: { id: w.actors.admin.id } })).toBe(1);
  });
});

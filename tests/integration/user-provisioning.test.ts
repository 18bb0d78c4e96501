import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../support/test-db";
import { provisionUser } from "@/lib/data/user-provisioning";
import { verifyPassword } from "@/lib/auth/password";
import { DataError } from "@/lib/data/errors";

// npm run user:create goes through provisionUser: same rules as sign-up, verified accounts, invitations untouched.
let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.close());
const tag = () => randomBytes(4).toString("hex");

describe("provisionUser (npm run user:create)", () => {
  it("creates a verified account with a normalised email, generating a password when none is given", async () => {
    const email = `  Ops-${tag()}@Example.COM `;
    const made = await provisionUser(t.prisma, { email, name: " Ops ", isAdmin: true });
    expect(made.created).toBe(true);
    expect(made.email).toBe(email.trim().toLowerCase());
    const row = await t.prisma.user.findUniqueOrThrow({ where: { id: made.id } });
    expect(row).toMatchObject({ email: made.email, name: "Ops", isAdmin: true });
    expect(row.emailVerified).not.toBeNull();
    expect(await verifyPassword(row.passwordHash!, made.generatedPassword!)).toBe(true);
  });

  it("updates an existing account: verified, promoted, new password only when given, never demoted", async () => {
    const email = `member-${tag()}@example.com`;
    const u = await t.prisma.user.create({ data: { email, passwordHash: "old", isAdmin: true } });
    const again = await provisionUser(t.prisma, { email: email.toUpperCase() });
    expect(again).toMatchObject({ id: u.id, created: false, generatedPassword: null });
    const row = await t.prisma.user.findUniqueOrThrow({ where: { id: u.id } });
    expect(row).toMatchObject({ isAdmin: true, passwordHash: "old" });
    expect(row.emailVerified).not.toBeNull();
    await provisionUser(t.prisma, { email, password: "a long and unusual passphrase 42" });
    const changed = await t.prisma.user.findUniqueOrThrow({ where: { id: u.id } });
    expect(await verifyPassword(changed.passwordHash!, "a long and unusual passphrase 42")).toBe(true);
  });

  it("leaves pending team invitations pending", async () => {
    const email = `invited-${tag()}@example.com`;
    const inviter = await t.prisma.user.create({ data: { email: `inviter-${tag()}@example.com` } });
    const team = await t.prisma.team.create({ data: { name: `Team ${tag()}` } });
    await t.prisma.teamInvitation.create({
      data: {
        teamId: team.id,
        email,
        role: "member",
        invitedById: inviter.id,
        expiresAt: new Date(Date.now() + 86_400_000),
      },
    });
    const made = await provisionUser(t.prisma, { email });
    expect(await t.prisma.teamMembership.count({ where: { userId: made.id } })).toBe(0);
    expect(await t.prisma.teamInvitation.count({ where: { email, acceptedAt: null } })).toBe(1);
  });

  it("refuses a bad email or a weak password with the field named", async () => {
    await expect(provisionUser(t.prisma, { email: "not-an-email" })).rejects.toMatchObject({
      fieldErrors: { email: expect.any(Array) },
    });
    const err = await provisionUser(t.prisma, { email: `weak-${tag()}@example.com`, password: "password" }).catch(
      (e) => e,
    );
    expect(err).toBeInstanceOf(DataError);
    expect(err.fieldErrors.password).toHaveLength(1);
  });
});

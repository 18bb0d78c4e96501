import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, type World } from "../support/world";
import { startSmtpListener, tokenFrom } from "../support/smtp-listener";
import { resetEnvCache } from "@/lib/env";
import {
  registerAccount,
  requestPasswordReset,
  resendVerification,
  resetPassword,
  setUserActive,
  verifyEmail,
} from "@/lib/data/accounts";
import { deleteAccount } from "@/lib/data/users";
import { DataError, NotFoundError } from "@/lib/data/errors";
import { hashToken } from "@/lib/data/tokens";

let w: World;
let smtp: Awaited<ReturnType<typeof startSmtpListener>>;
beforeAll(async () => {
  w = await createWorld();
  smtp = await startSmtpListener();
  process.env.SMTP_URL = smtp.url;
  process.env.NEXTAUTH_URL = "https://skills.example.test";
  resetEnvCache();
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  resetEnvCache();
  await smtp.close();
  await w.db.close();
});

const email = (k: string) => `${k}-${w.tag}-${Math.random().toString(36).slice(2, 7)}@mail.test`;
const PW = "a long enough passphrase 9";

describe("sign-up and email verification, through a real SMTP listener", () => {
  it("creates an unverified account and mails a single-use link built from the public URL; only its hash is stored", async () => {
    const to = email("new");
    expect(await registerAccount({ name: "New Person", email: to, password: PW }, "10.0.0.1")).toEqual({ email: to });
    const user = await w.db.prisma.user.findUniqueOrThrow({ where: { email: to } });
    expect(user.emailVerified).toBeNull();
    const [mail] = smtp.to(to);
    expect(mail!.subject).toMatch(/Confirm your email address · skillgap/);
    expect(mail!.text).toContain("https://skills.example.test/verify-email?token=");
    expect(mail!.html).toContain("skillgap");
    const token = tokenFrom(mail!, "/verify-email");
    const stored = await w.db.prisma.emailToken.findFirstOrThrow({ where: { userId: user.id } });
    expect(stored.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    // Delivered mail keeps no body in the outbox (the body held the link).
    const out = await w.db.prisma.outboxMessage.findFirstOrThrow({ where: { to } });
    expect(out).toMatchObject({ status: "sent", text: "", html: "" });

    await verifyEmail(token);
    expect((await w.db.prisma.user.findUniqueOrThrow({ where: { email: to } })).emailVerified).not.toBeNull();
    await expect(verifyEmail(token)).rejects.toBeInstanceOf(DataError); // single use
  });

  it("answers a registered address exactly like a new one, and mails the owner instead of creating anything", async () => {
    const to = email("dup");
    await registerAccount({ name: "Owner", email: to, password: PW }, "10.0.0.2");
    const again = await registerAccount(
      { name: "Someone Else", email: to.toUpperCase(), password: "another passphrase 12" },
      "10.0.0.3",
    );
    expect(again).toEqual({ email: to });
    expect(await w.db.prisma.user.count({ where: { email: to } })).toBe(1);
    expect(smtp.to(to).map((m) => m.subject)).toEqual([
      expect.stringMatching(/Confirm/),
      expect.stringMatching(/You already have an account/),
    ]);
  });

  it("refuses an expired link", async () => {
    const to = email("exp");
    await registerAccount({ name: "Late", email: to, password: PW }, "10.0.0.4");
    const token = tokenFrom(smtp.to(to)[0]!, "/verify-email");
    await w.db.prisma.emailToken.updateMany({
      where: { tokenHash: hashToken(token) },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    await expect(verifyEmail(token)).rejects.toThrow(/invalid, expired or already used/);
  });

  it("resending replaces the old link and is throttled (3 an hour)", async () => {
    const to = email("resend");
    await registerAccount({ name: "Resender", email: to, password: PW }, "10.0.0.5");
    const u = await w.db.prisma.user.findUniqueOrThrow({ where: { email: to } });
    const actor = { id: u.id, isAdmin: false };
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => resendVerification(actor)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
    expect(
      results
        .filter((r) => r.status === "rejected")
        .every((r) => (r as PromiseRejectedResult).reason instanceof DataError),
    ).toBe(true);
    // Four links went out (sign-up + 3 resends); only the newest one works.
    const tokens = smtp.to(to).map((m) => tokenFrom(m, "/verify-email"));
    expect(tokens).toHaveLength(4);
    const outcomes = [];
    for (const t of tokens)
      outcomes.push(
        await verifyEmail(t).then(
          () => "ok",
          () => "refused",
        ),
      );
    expect(outcomes.filter((o) => o === "ok")).toHaveLength(1);
  });

  it("throttles sign-up per client address", async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 25 }, (_, i) =>
        registerAccount({ name: "Bulk", email: email(`bulk${i}`), password: PW }, "10.9.9.9"),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(20);
  });
});

describe("forgot password", () => {
  it("answers the same for unknown and known addresses; only a real account gets mail", async () => {
    const ghost = email("ghost");
    await expect(requestPasswordReset(ghost, "10.1.0.1")).resolves.toBeUndefined();
    expect(smtp.to(ghost)).toHaveLength(0);
    const to = email("forgot");
    await registerAccount({ name: "Forgetful", email: to, password: PW }, "10.1.0.2");
    await expect(requestPasswordReset(to, "10.1.0.3")).resolves.toBeUndefined();
    expect(smtp.to(to).at(-1)!.subject).toMatch(/Choose a new password/);
  });

  it("a reset link works once (40 parallel uses: one wins), ends every session and verifies the address", async () => {
    const to = email("reset");
    await registerAccount({ name: "Resetter", email: to, password: PW }, "10.1.0.4");
    const u = await w.db.prisma.user.findUniqueOrThrow({ where: { email: to } });
    await w.db.prisma.session.createMany({
      data: [1, 2].map((i) => ({
        userId: u.id,
        sessionToken: `${u.id}-${i}`,
        expires: new Date(Date.now() + 86_400_000),
      })),
    });
    await requestPasswordReset(to, "10.1.0.5");
    const token = tokenFrom(smtp.to(to).at(-1)!, "/reset-password");
    // A weak password is refused and the link still works afterwards.
    await expect(resetPassword(token, "password123")).rejects.toBeInstanceOf(DataError);
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) => resetPassword(token, `brand new passphrase ${i}`)),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const after = await w.db.prisma.user.findUniqueOrThrow({
      where: { id: u.id },
      select: { emailVerified: true, _count: { select: { sessions: true } } },
    });
    expect(after._count.sessions).toBe(0);
    expect(after.emailVerified).not.toBeNull();
  });

  it("is throttled per target address (5 an hour), without revealing whether it exists", async () => {
    const ghost = email("ghost-many");
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => requestPasswordReset(ghost, `10.2.0.${i}`)),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(5);
  });
});

describe("deactivation and deletion", () => {
  it("only an admin deactivates, not themself; deactivation ends every session", async () => {
    const u = await w.db.prisma.user.create({ data: { email: email("deact"), emailVerified: new Date() } });
    await w.db.prisma.session.create({
      data: { userId: u.id, sessionToken: `d-${u.id}`, expires: new Date(Date.now() + 86_400_000) },
    });
    await expect(setUserActive(w.actors.manager, u.id, false)).rejects.toBeInstanceOf(NotFoundError);
    await expect(setUserActive(w.actors.admin, w.actors.admin.id, false)).rejects.toBeInstanceOf(DataError);
    await setUserActive(w.actors.admin, u.id, false);
    expect(await w.db.prisma.session.count({ where: { userId: u.id } })).toBe(0);
    expect((await w.db.prisma.user.findUniqueOrThrow({ where: { id: u.id } })).deactivatedAt).not.toBeNull();
  });

  it("deletion replaces the address in audit payloads with a pseudonym", async () => {
    const addr = email("gone");
    const u = await w.db.prisma.user.create({ data: { email: addr, emailVerified: new Date() } });
    await w.db.prisma.auditLog.create({
      data: {
        actorId: w.actors.manager.id,
        action: "team.invitation.created",
        teamId: w.teamId,
        data: { email: addr, role: "member" },
      },
    });
    await deleteAccount({ id: u.id, isAdmin: false }, addr);
    const rows = await w.db.prisma.auditLog.findMany({
      where: { teamId: w.teamId, action: "team.invitation.created" },
    });
    expect(JSON.stringify(rows.map((r) => r.data))).not.toContain(addr);
    expect(JSON.stringify(rows.map((r) => r.data))).toMatch(/deleted-user-[0-9a-f]{16}/);
  });
});

describe("without SMTP", () => {
  it("keeps the message in the outbox, body included, for the admin Outbox page", async () => {
    delete process.env.SMTP_URL;
    resetEnvCache();
    try {
      const to = email("outbox");
      await registerAccount({ name: "Offline", email: to, password: PW }, "10.3.0.1");
      const out = await w.db.prisma.outboxMessage.findFirstOrThrow({ where: { to } });
      expect(out.status).toBe("pending");
      expect(out.text).toContain("/verify-email?token=");
      expect(smtp.to(to)).toHaveLength(0);
    } finally {
      process.env.SMTP_URL = smtp.url;
      resetEnvCache();
    }
  });
});

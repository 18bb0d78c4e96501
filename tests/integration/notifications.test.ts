/**
 * Notifications and reminders (issue 18), through a real SMTP listener: review steps notify whoever holds the next
 * step; the reminder job, driven by an injected clock, notifies each thing once however often it runs — in parallel,
 * from two processes, or again after a process is killed between commit and delivery.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSmtpListener } from "../support/smtp-listener";
import { createWorld, type World } from "../support/world";
import { resetEnvCache } from "@/lib/env";
import { runReminders } from "@/lib/data/reminders";
import { setNotificationPreferences, unreadCount } from "@/lib/data/notifications";
import { startReview, transitionReview } from "@/lib/data/review-writes";
import { saveAssessment } from "@/lib/data/review-writes";
import { setMyRoles } from "@/lib/data/ratings";

const root = path.resolve(import.meta.dirname, "..", "..");
let w: World;
let smtp: Awaited<ReturnType<typeof startSmtpListener>>;
const NOW = new Date("2026-12-01T09:00:00Z");
const day = (n: number) => new Date(NOW.getTime() + n * 86_400_000);

beforeAll(async () => {
  smtp = await startSmtpListener();
  process.env.SMTP_URL = smtp.url;
  process.env.NEXTAUTH_URL = "https://skills.example.test";
  process.env.NEXTAUTH_SECRET ??= "a-test-secret-of-enough-length";
  resetEnvCache();
  w = await createWorld();
});
afterAll(async () => {
  await w.db.close();
  await smtp.close();
  delete process.env.SMTP_URL;
  resetEnvCache();
});

async function person(tag: string) {
  return w.db.prisma.user.create({
    data: { email: `${tag}-${w.tag}-${Math.random().toString(36).slice(2)}@t.local`, name: tag, emailVerified: NOW },
  });
}
const mailTo = (email: string) => smtp.to(email);

describe("review steps", () => {
  it("tells the subject their self-assessment is waiting, then the manager it is their turn, by app and email", async () => {
    await setMyRoles(w.actors.member, "infrastructure-engineer", "platform-engineer");
    const review = await startReview(w.actors.manager, {
      teamId: w.teamId,
      subjectId: w.actors.member.id,
      period: "Notified",
      dueDate: day(30),
    });
    expect(await unreadCount(w.actors.member)).toBe(1);
    await expect
      .poll(() => mailTo(w.actors.member.email).map((m) => m.subject))
      .toContain("Your self-assessment is waiting · skillgap");
    const mail = mailTo(w.actors.member.email).find((m) => m.subject.startsWith("Your self-assessment"))!;
    expect(mail.text).toContain(`https://skills.example.test/reviews/${review.id}`);
    expect(mail.text).toMatch(/https:\/\/skills\.example\.test\/api\/unsubscribe\?u=/);

    const lines = await w.db.prisma.reviewSkill.findMany({ where: { reviewId: review.id } });
    await saveAssessment(
      w.actors.member,
      review.id,
      1,
      lines.map((l) => ({ skillId: l.skillId, level: 2 })),
    );
    await transitionReview(w.actors.member, review.id, 2, "submit-self");
    expect(await unreadCount(w.actors.manager)).toBe(1);
    await expect
      .poll(() => mailTo(w.actors.manager.email).map((m) => m.subject))
      .toContain(`Your turn: assess ${w.actors.member.name} · skillgap`);
  });
});

describe("the reminder job", () => {
  it("reminds of a goal due within 7 days once, then once more when it is overdue", async () => {
    const u = await person("goal");
    const skill = await w.db.prisma.skill.findFirstOrThrow({ where: { retired: false } });
    await w.db.prisma.goal.create({ data: { userId: u.id, skillId: skill.id, targetLevel: 3, dueDate: day(5) } });
    await runReminders(day(-3)); // 8 days before: nothing yet
    expect(mailTo(u.email)).toHaveLength(0);
    await runReminders(NOW);
    await runReminders(NOW);
    await runReminders(day(1));
    await expect.poll(() => mailTo(u.email).length).toBe(1);
    expect(mailTo(u.email)[0]!.subject).toBe(`Goal due in 5 days: ${skill.name} · skillgap`);
    await runReminders(day(6));
    await runReminders(day(7));
    await expect.poll(() => mailTo(u.email).length).toBe(2);
    expect(mailTo(u.email)[1]!.subject).toContain("Goal overdue");
  });

  it("sends one digest for all of a person's old ratings, at most once a month", async () => {
    const u = await person("stale");
    const skills = await w.db.prisma.skill.findMany({ where: { retired: false }, take: 4, orderBy: { id: "asc" } });
    for (const s of skills) {
      const r = await w.db.prisma.rating.create({
        data: { userId: u.id, skillId: s.id, level: 2, createdAt: day(-400) },
      });
      await w.db.prisma.currentRating.create({
        data: { userId: u.id, skillId: s.id, level: 2, ratingId: r.id, updatedAt: day(-400) },
      });
    }
    await runReminders(NOW);
    await runReminders(day(3));
    await expect.poll(() => mailTo(u.email).length).toBe(1);
    expect(mailTo(u.email)[0]!.subject).toBe("4 ratings are older than six months · skillgap");
    for (const s of skills) expect(mailTo(u.email)[0]!.text).toContain(s.name);
    await runReminders(day(31)); // the next month
    await expect.poll(() => mailTo(u.email).length).toBe(2);
  });

  it("follows each person's choices: email off still shows it in the app; in-app off still emails", async () => {
    const [quiet, mailOnly] = [await person("quiet"), await person("mail-only")];
    for (const u of [quiet, mailOnly])
      await w.db.prisma.personCertification.create({
        data: { userId: u.id, name: "Cloud Cert", issuedOn: day(-700), expiresOn: day(20) },
      });
    const actor = (u: { id: string }) => ({ id: u.id, isAdmin: false });
    await setNotificationPreferences(actor(quiet), {
      kinds: { certification_expiring: { inApp: true, email: false } },
      digest: false,
    });
    await setNotificationPreferences(actor(mailOnly), {
      kinds: { certification_expiring: { inApp: false, email: true } },
      digest: false,
    });
    await runReminders(NOW);
    await expect.poll(() => mailTo(mailOnly.email).length).toBe(1);
    expect(mailTo(quiet.email)).toHaveLength(0);
    expect(await unreadCount(actor(quiet))).toBe(1);
    expect(await unreadCount(actor(mailOnly))).toBe(0);
  });

  it("skips deactivated people", async () => {
    const u = await person("gone");
    await w.db.prisma.user.update({ where: { id: u.id }, data: { deactivatedAt: day(-1) } });
    await w.db.prisma.personCertification.create({
      data: { userId: u.id, name: "Old Cert", issuedOn: day(-700), expiresOn: day(10) },
    });
    await runReminders(NOW);
    expect(await w.db.prisma.notification.count({ where: { userId: u.id } })).toBe(0);
  });

  it("three runs at the same moment send each reminder once", async () => {
    const people = await Promise.all([1, 2, 3, 4].map((i) => person(`race${i}`)));
    for (const u of people)
      await w.db.prisma.personCertification.create({
        data: { userId: u.id, name: "Race Cert", issuedOn: day(-700), expiresOn: day(12) },
      });
    await Promise.all([runReminders(NOW), runReminders(NOW), runReminders(NOW)]);
    for (const u of people) await expect.poll(() => mailTo(u.email).length).toBe(1);
    await new Promise((r) => setTimeout(r, 300));
    for (const u of people) expect(mailTo(u.email)).toHaveLength(1);
  });
});

/** `npm run jobs:worker`: a process running the job queue (pg-boss) until stopped. */
function workerProcess() {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/jobs/worker.ts"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_OPTIONS: "--conditions=react-server",
      DATABASE_URL: w.db.url!,
      SMTP_URL: smtp.url,
      LOG_LEVEL: "silent",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const started = new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("started")) resolve();
    });
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.on("exit", (code) => reject(new Error(`worker exited (${code}): ${out}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { started, stop: () => (child.kill("SIGTERM"), exited) };
}

/** `npm run jobs:run -- …` as a separate process on the test database; resolves with its output and exit code. */
function jobProcess(args: string[], onLine?: (line: string, kill: () => void) => void) {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/jobs/run-once.ts", ...args], {
    cwd: root,
    env: {
      ...process.env,
      NODE_OPTIONS: "--conditions=react-server",
      DATABASE_URL: w.db.url!,
      SMTP_URL: smtp.url,
      LOG_LEVEL: "silent",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (d: Buffer) => {
    out += d.toString();
    for (const line of d.toString().split("\n")) if (line) onLine?.(line, () => child.kill("SIGKILL"));
  });
  child.stderr.on("data", (d: Buffer) => (out += d.toString()));
  return new Promise<{ code: number | null; signal: string | null; out: string }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal, out })),
  );
}

describe.skipIf(!process.env.TEST_DATABASE_URL)("two processes, and a crash (PostgreSQL server)", () => {
  it("two app processes share the schedule: each minute's job runs once, in one of them", async () => {
    const workers = [workerProcess(), workerProcess()];
    try {
      await Promise.all(workers.map((x) => x.started));
      const since = new Date();
      // The outbox job is due every minute; pg-boss lets one replica per interval check the schedule and makes the
      // minute's run a single job (a singleton key per minute) that one worker takes.
      const done = async () =>
        Number(
          (
            await w.db.prisma.$queryRaw<{ n: bigint }[]>`
              SELECT count(*) AS n FROM pgboss.job WHERE name = 'outbox' AND state = 'completed' AND created_on >= ${since}`
          )[0]!.n,
        );
      await expect.poll(done, { timeout: 85_000, interval: 1000 }).toBeGreaterThanOrEqual(1);
      const perMinute = await w.db.prisma.$queryRaw<{ minute: Date; n: bigint }[]>`
        SELECT date_trunc('minute', created_on) AS minute, count(*) AS n FROM pgboss.job
        WHERE name = 'outbox' AND created_on >= ${since} GROUP BY 1`;
      expect(perMinute.length).toBeGreaterThanOrEqual(1);
      for (const m of perMinute) expect(Number(m.n), String(m.minute)).toBe(1);
    } finally {
      expect(await Promise.all(workers.map((x) => x.stop()))).toEqual([0, 0]);
    }
  }, 120_000);

  it("two app processes running the reminder job at once send each reminder once", async () => {
    const people = await Promise.all([1, 2, 3].map((i) => person(`two${i}`)));
    for (const u of people)
      await w.db.prisma.personCertification.create({
        data: { userId: u.id, name: "Two Cert", issuedOn: day(-700), expiresOn: day(8) },
      });
    const runs = await Promise.all([1, 2].map(() => jobProcess(["reminders", "--now", NOW.toISOString()])));
    expect(
      runs.map((r) => r.code),
      runs.map((r) => r.out).join("\n"),
    ).toEqual([0, 0]);
    for (const u of people) await expect.poll(() => mailTo(u.email).length).toBe(1);
    const created = runs.map((r) => JSON.parse(r.out.trim().split("\n").at(-1)!).created as number);
    expect(created.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(3); // together they made every reminder once
  }, 60_000);

  it("a process killed between commit and delivery: the restart sends each reminder once", async () => {
    const people = await Promise.all([1, 2].map((i) => person(`crash${i}`)));
    for (const u of people)
      await w.db.prisma.personCertification.create({
        data: { userId: u.id, name: "Crash Cert", issuedOn: day(-700), expiresOn: day(9) },
      });
    const killed = await jobProcess(
      ["reminders", "--now", NOW.toISOString(), "--pause-after-commit", "20000"],
      (line, kill) => line === "committed" && kill(),
    );
    expect(killed.signal).toBe("SIGKILL");
    for (const u of people) expect(mailTo(u.email)).toHaveLength(0);
    // Restarted: the reminder run finds the notifications made, and the outbox job sends the mail left pending.
    const again = await jobProcess(["reminders", "--now", NOW.toISOString()]);
    expect(JSON.parse(again.out.trim().split("\n").at(-1)!).created).toBe(0);
    const outbox = await jobProcess(["outbox", "--now", new Date(Date.now() + 120_000).toISOString()]);
    expect(outbox.code, outbox.out).toBe(0);
    for (const u of people) await expect.poll(() => mailTo(u.email).length).toBe(1);
    const twice = await jobProcess(["outbox", "--now", new Date(Date.now() + 240_000).toISOString()]);
    expect(twice.code).toBe(0);
    await new Promise((r) => setTimeout(r, 300));
    for (const u of people) expect(mailTo(u.email)).toHaveLength(1);
  }, 90_000);
});

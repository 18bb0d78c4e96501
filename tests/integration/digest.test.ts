/**
 * The weekly digest (opt-in), through a real SMTP listener and a clock of the test's own: one digest a week to each
 * person who asked for it and has something to hear, however many runs race; the link in it turns it off; it names
 * nobody outside the reader's teams.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSmtpListener } from "../support/smtp-listener";
import { createWorld, type World } from "../support/world";
import { resetEnvCache } from "@/lib/env";
import { DIGEST_CRON, sendDigests } from "@/lib/data/digest";
import { POST as unsubscribePost } from "@/app/api/unsubscribe/route";

let w: World;
let smtp: Awaited<ReturnType<typeof startSmtpListener>>;
const NOW = new Date("2026-12-07T07:00:00Z"); // a Monday, 07:00 UTC
const day = (n: number) => new Date(NOW.getTime() + n * 86_400_000);
const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const settle = () => new Promise((r) => setTimeout(r, 300));

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

async function person(tag: string, o: { optIn?: boolean; name?: string } = {}) {
  return w.db.prisma.user.create({
    data: {
      email: `${tag}-${w.tag}-${Math.random().toString(36).slice(2)}@t.local`,
      name: o.name ?? `${tag} ${w.tag}`,
      emailVerified: day(-30),
      digestOptIn: o.optIn ?? true,
    },
  });
}
let skill: { id: string; name: string };
async function goalDue(userId: string, due = day(10)) {
  skill ??= await w.db.prisma.skill.findFirstOrThrow({ where: { retired: false }, orderBy: { id: "asc" } });
  await w.db.prisma.goal.create({ data: { userId, skillId: skill.id, targetLevel: 3, dueDate: due } });
  return { skillName: skill.name, due };
}
const digestsTo = (email: string) => smtp.to(email).filter((m) => m.subject.startsWith("Your week"));

describe("the weekly digest", () => {
  it("runs on Mondays at 07:00 UTC", () => {
    expect(DIGEST_CRON).toBe("0 7 * * 1");
  });

  it("sends an opted-in person with a goal due one digest naming it, with an unsubscribe link", async () => {
    const u = await person("goal");
    const { skillName, due } = await goalDue(u.id);
    const result = await sendDigests(NOW);
    expect(result.sent).toBeGreaterThanOrEqual(1);
    await expect.poll(() => digestsTo(u.email).length).toBe(1);
    const mail = digestsTo(u.email)[0]!;
    expect(mail.subject).toBe("Your week: 1 thing due · skillgap");
    expect(mail.text).toContain(`Goal: ${skillName} to level 3, due ${isoDay(due)}`);
    expect(mail.text).toMatch(/https:\/\/skills\.example\.test\/api\/unsubscribe\?u=[^\s]+&k=digest&t=/);
    expect(mail.html).toContain(`to level 3, due ${isoDay(due)}</p>`); // HTML-escaped skill name before it
    const row = await w.db.prisma.user.findUniqueOrThrow({ where: { id: u.id } });
    expect(row.digestSentAt).toEqual(NOW);
  });

  it("sends nothing to people who did not opt in, who have nothing to say, or who were deactivated", async () => {
    const quiet = await person("not-opted", { optIn: false });
    await goalDue(quiet.id);
    const idle = await person("idle");
    const gone = await person("gone");
    await goalDue(gone.id);
    await w.db.prisma.user.update({ where: { id: gone.id }, data: { deactivatedAt: day(-1) } });
    await sendDigests(NOW);
    await settle();
    for (const u of [quiet, idle, gone]) expect(smtp.to(u.email)).toHaveLength(0);
    // Nothing to say is not a digest sent: the next run looks again.
    expect((await w.db.prisma.user.findUniqueOrThrow({ where: { id: idle.id } })).digestSentAt).toBeNull();
  });

  it("sends one per person when run twice the same day, and three times in parallel; a week later, another", async () => {
    const people = await Promise.all([1, 2, 3, 4].map((i) => person(`race${i}`)));
    for (const u of people) await goalDue(u.id);
    await sendDigests(NOW);
    await sendDigests(new Date(NOW.getTime() + 3_600_000));
    await Promise.all([sendDigests(day(1)), sendDigests(day(1)), sendDigests(day(1))]);
    for (const u of people) await expect.poll(() => digestsTo(u.email).length).toBe(1);

    const late = await Promise.all([1, 2, 3].map((i) => person(`parallel${i}`)));
    for (const u of late) await goalDue(u.id);
    const runs = await Promise.all([sendDigests(day(1)), sendDigests(day(1)), sendDigests(day(1))]);
    for (const u of late) await expect.poll(() => digestsTo(u.email).length).toBe(1);
    expect(runs.reduce((n, r) => n + r.sent, 0)).toBe(late.length);
    await settle();
    for (const u of [...people, ...late]) expect(digestsTo(u.email)).toHaveLength(1);

    await sendDigests(day(7));
    await sendDigests(day(7));
    for (const u of [...people, ...late]) await expect.poll(() => digestsTo(u.email).length).toBe(2);
    await settle();
    for (const u of [...people, ...late]) expect(digestsTo(u.email)).toHaveLength(2);
  });

  it("turns off through the link in the digest (one-click POST to the route)", async () => {
    const u = await person("leaving");
    await goalDue(u.id, day(20));
    await sendDigests(day(14));
    await expect.poll(() => digestsTo(u.email).length).toBe(1);
    const link = /https:\/\/skills\.example\.test\/api\/unsubscribe\?[^\s]+/.exec(digestsTo(u.email)[0]!.text)![0];
    const res = await unsubscribePost(
      new Request(link, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "List-Unsubscribe=One-Click",
      }),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ unsubscribed: "Weekly digest" });
    expect((await w.db.prisma.user.findUniqueOrThrow({ where: { id: u.id } })).digestOptIn).toBe(false);
    await sendDigests(day(21)); // the goal is still due, but the digest is off
    await settle();
    expect(digestsTo(u.email)).toHaveLength(1);
  });

  it("tells of teammates who joined or changed ratings (counts only), and never names another team's people", async () => {
    const at = day(28);
    const reader = await person("reader", { name: `Reader ${w.tag}` });
    const mate = await person("mate", { optIn: false, name: `Teammate ${w.tag}` });
    const stranger = await person("stranger", { optIn: false, name: `Stranger ${w.tag}` });
    await w.db.prisma.teamMembership.createMany({
      data: [
        { teamId: w.teamId, userId: reader.id, role: "member", createdAt: day(-100) },
        { teamId: w.teamId, userId: mate.id, role: "member", createdAt: day(26) },
        { teamId: w.otherTeamId, userId: stranger.id, role: "member", createdAt: day(26) },
      ],
    });
    const skills = await w.db.prisma.skill.findMany({ where: { retired: false }, take: 3, orderBy: { id: "asc" } });
    for (const who of [mate, stranger])
      for (const [i, s] of skills.entries()) {
        await w.db.prisma.rating.create({ data: { userId: who.id, skillId: s.id, level: 2, createdAt: day(20) } });
        // The third skill is rated again at the same level: not a level change.
        await w.db.prisma.rating.create({
          data: { userId: who.id, skillId: s.id, level: i < 2 ? 4 : 2, createdAt: day(27) },
        });
      }
    await sendDigests(at);
    await expect.poll(() => digestsTo(reader.email).length).toBe(1);
    const { text, html, subject } = digestsTo(reader.email)[0]!;
    const team = await w.db.prisma.team.findUniqueOrThrow({ where: { id: w.teamId } });
    expect(text).toContain(`${team.name}: Teammate ${w.tag} joined on ${isoDay(day(26))}`);
    expect(text).toContain(`${team.name}: Teammate ${w.tag} updated 2 skills`);
    expect(subject).toBe("Your week: 2 team updates · skillgap");
    for (const body of [text, html]) {
      expect(body).not.toContain("Stranger");
      expect(body).not.toContain(w.actors.otherMember.name!);
      expect(body).not.toContain(w.actors.otherManager.name!);
      expect(body).not.toMatch(/level [0-9]/);
    }
  });

  it("reads the same number of queries for any number of people", async () => {
    const at = day(35);
    await sendDigests(at); // everyone with something to say is served; the rest stay candidates
    w.db.queries.count = 0;
    await sendDigests(at);
    const few = w.db.queries.count;
    expect(few).toBeGreaterThan(0);
    expect(few).toBeLessThanOrEqual(10); // the candidates, then seven reads for all of them
    for (let i = 0; i < 6; i++) await person(`many${i}`);
    w.db.queries.count = 0;
    await sendDigests(at);
    expect(w.db.queries.count).toBe(few);
  });
});

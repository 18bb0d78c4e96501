/**
 * The render cache's keys on a real database (PGlite, or Postgres with TEST_DATABASE_URL): every kind of write done
 * through the app's own data functions changes the key of each person whose pages it changes (and what the dashboard
 * shows really differs), and leaves the keys of people it does not concern alone; over random write sequences the same
 * key never comes with two different views; sessions that do not stand get no key; keys never mix people; the hourly
 * fold keeps every version; and the clock-driven deadlines are the ratings' dates and the open invitations only.
 */
import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, type World } from "../support/world";
import { env } from "@/lib/env";
import type { SessionActor } from "@/lib/auth/session";
import { renderCacheKey } from "@/lib/render-cache";
import { foldViewChanges, globalVersion, personalDeadlines, viewerVersions } from "@/lib/data/render-versions";
import { getDashboardView } from "@/lib/data/dashboard";
import { saveMyRatings, setMyRoles } from "@/lib/data/ratings";
import { createGoal, setGoalStatus } from "@/lib/data/goals";
import { markAllRead, markRead, notify, unreadCount } from "@/lib/data/notifications";
import { runReminders } from "@/lib/data/reminders";
import { inviteToTeam } from "@/lib/data/invitations";
import { acceptInvitation, declineInvitation } from "@/lib/data/invitation-responses";
import { addCertification, deleteCertification, updateCertification } from "@/lib/data/certifications";
import { endorse, setEndorsementHidden, withdrawEndorsement } from "@/lib/data/endorsements";
import { getMyTeams, removeFromTeam } from "@/lib/data/teams";
import { updateDisplayName } from "@/lib/data/users";
import { deleteUser, setAdmin } from "@/lib/data/user-admin";
import { setUserActive } from "@/lib/data/accounts";
import { endSession, findSessionActor } from "@/lib/data/sessions";
import { canCreateTeam, managersMayCreateTeams, setManagersMayCreateTeams } from "@/lib/data/settings";
import { applyTaxonomy } from "@/lib/data/taxonomy-sync";
import { publishDraft, startDraft, updateDraftSkill } from "@/lib/data/taxonomy-draft";
import { mergeSkills } from "@/lib/data/skill-merge";
import { exportMyData } from "@/lib/data/my-data";
import { getReview } from "@/lib/data/reviews";
import { amendReview, saveAgreement, saveAssessment, startReview, transitionReview } from "@/lib/data/review-writes";
import { DataError, NotFoundError } from "@/lib/data/errors";
import { loadTaxonomy } from "@/lib/taxonomy/load";
import type { Taxonomy } from "@/lib/domain/types";

/** The instant the dashboard is computed at: fixed, so the clock never enters what is compared. */
const NOW = new Date();
const DAY = 86_400_000;
const TARGET = "platform-engineer";
const POOL = ["zz-rc-a", "zz-rc-b", "zz-rc-c", "zz-rc-d"];

let w: World;
let seq = 0;
const uniq = () => `${++seq}-${randomBytes(3).toString("hex")}`;

/** Adds this file's own skills (the merge pool) to a taxonomy document. */
function withPool(t: Taxonomy) {
  t.categories.push({ id: "zz-rc", name: "Render cache pool", kind: "technical", description: "" });
  for (const id of POOL)
    t.skills.push({
      id,
      name: `Pool ${id}`,
      category: "zz-rc",
      description: "",
      tools: [],
      aliases: [],
      prerequisites: [],
      sources: ["ours"],
      levels: [],
      resources: [],
    });
}

beforeAll(async () => {
  process.env.RENDER_CACHE_GLOBAL_MS = "0";
  w = await createWorld();
  // A few skills of this file's own, for the merge.
  const t = structuredClone(loadTaxonomy()) as Taxonomy;
  t.version = "test-render-cache-pool";
  withPool(t);
  await applyTaxonomy(w.db.prisma, t, "test");
});
afterAll(() => w.db.close());

type Person = SessionActor & { sessionId: string };

/** A verified person with a live session, optionally in a team. */
async function person(label: string, teamId?: string, role: "member" | "manager" = "member"): Promise<Person> {
  const tag = uniq();
  const u = await w.db.prisma.user.create({
    data: { email: `${label}-${tag}@rc.test`, name: `${label} ${tag}`, emailVerified: new Date() },
  });
  const s = await w.db.prisma.session.create({
    data: { userId: u.id, sessionToken: `rc-${u.id}`, expires: new Date(Date.now() + DAY) },
  });
  if (teamId) await w.db.prisma.teamMembership.create({ data: { teamId, userId: u.id, role } });
  return { id: u.id, isAdmin: false, name: u.name, email: u.email, verified: true, sessionId: s.id };
}

async function team(label: string) {
  return (await w.db.prisma.team.create({ data: { name: `${label} ${uniq()}` } })).id;
}

const cookieName = () =>
  (env().NEXTAUTH_URL ?? "").startsWith("https://") ? "__Secure-next-auth.session-token" : "next-auth.session-token";

async function cookieFor(uid: string, sid: string, opts: { secret?: string; maxAge?: number } = {}) {
  const jwe = await encode({ token: { uid, sid }, secret: opts.secret ?? env().NEXTAUTH_SECRET!, maxAge: opts.maxAge });
  return `${cookieName()}=${jwe}`;
}

function request(pathname: string, cookie?: string) {
  return renderCacheKey({ method: "GET", pathname, search: "", headers: cookie ? { cookie } : {} });
}

/** The person's key for the dashboard (through renderCacheKey with a real cookie) and their versions. */
async function keyOf(p: Person, pathname = "/dashboard") {
  const lookup = await request(pathname, await cookieFor(p.id, p.sessionId));
  const versions = await viewerVersions(p.id, p.sessionId);
  expect(lookup, `a key for ${p.name}`).not.toBeNull();
  expect(versions).not.toBeNull();
  return { key: lookup!.key, versions: JSON.stringify(versions) };
}
type Key = Awaited<ReturnType<typeof keyOf>>;

async function publicKey(pathname = "/roles") {
  const lookup = await request(pathname);
  expect(lookup).not.toBeNull();
  return lookup!.key;
}

/** What the person's pages show that the tests compare: the dashboard view, the bell and the nav. */
async function shown(p: Person) {
  const [view, unread, nav] = await Promise.all([
    getDashboardView(p, {}, NOW),
    unreadCount(p),
    findSessionActor(p.id, p.sessionId),
  ]);
  return { view, unread, nav: nav && { name: nav.name, email: nav.email, isAdmin: nav.isAdmin } };
}
const canonical = (x: unknown) => JSON.stringify(x);

/**
 * Runs `write`, and checks that the key of everyone in `changed` changed (renderCacheKey and viewerVersions both) and
 * that the key of everyone in `same` did not.
 */
async function expectKeys(write: () => Promise<unknown>, changed: Person[], same: Person[] = [], why = "") {
  const before = new Map<string, Key>();
  for (const p of [...changed, ...same]) before.set(p.id, await keyOf(p));
  await write();
  for (const p of changed) {
    const after = await keyOf(p);
    expect(after.key, `${why}: ${p.name}'s key must change`).not.toBe(before.get(p.id)!.key);
    expect(after.versions, `${why}: ${p.name}'s versions must change`).not.toBe(before.get(p.id)!.versions);
  }
  for (const p of same) {
    const after = await keyOf(p);
    expect(after.key, `${why}: ${p.name}'s key must stay`).toBe(before.get(p.id)!.key);
  }
}

const rating = (skillId: string, level: number, wantsToGrow = false) => ({
  skillId,
  level,
  note: null,
  evidenceUrl: null,
  wantsToGrow,
});

type StepOf<A> = A extends fc.Arbitrary<infer T> ? T : never;

const dash = async (p: Person) => (await getDashboardView(p, {}, NOW)).dashboard;

describe("every kind of write changes the key of the people whose pages it changes, and only theirs", () => {
  it("saving one's own ratings", async () => {
    const tm = await team("ratings");
    const a = await person("a", tm);
    const b = await person("b", tm);
    const [beforeA, beforeB] = [await dash(a), canonical(await dash(b))];
    await expectKeys(() => saveMyRatings(a, [rating("linux", 3)]), [a], [b], "rating");
    expect((await dash(a)).ratedCount).toBe(beforeA.ratedCount + 1);
    // B's key stayed, and rightly: B's dashboard did not change.
    expect(canonical(await dash(b))).toBe(beforeB);
  });

  it("a manager confirming ratings (completing a review, then amending it)", async () => {
    const tm = await team("review");
    const m = await person("mgr", tm, "manager");
    const a = await person("subject", tm);
    const bystander = await person("bystander", tm);
    await setMyRoles(a, "infrastructure-engineer", TARGET);
    const started = await startReview(m, {
      teamId: tm,
      subjectId: a.id,
      period: `P${uniq()}`,
      dueDate: new Date(NOW.getTime() + 14 * DAY),
    });
    let r = await getReview(m, started.id);
    const at = (level: number) => r.lines.map((l) => ({ skillId: l.skillId, level }));
    await saveAssessment(a, r.id, r.version, at(1));
    r = await getReview(a, r.id);
    await transitionReview(a, r.id, r.version, "submit-self");
    r = await getReview(m, r.id);
    await saveAssessment(m, r.id, r.version, at(4));
    r = await getReview(m, r.id);
    await transitionReview(m, r.id, r.version, "submit-manager");
    r = await getReview(m, r.id);
    await saveAgreement(m, r.id, r.version, at(4), "Agreed.");
    r = await getReview(m, r.id);
    const beforeComplete = await dash(a);
    const version = r.version;
    await expectKeys(() => transitionReview(m, r.id, version, "complete"), [a], [bystander], "review completed");
    const afterComplete = await dash(a);
    expect(canonical(afterComplete.fit)).not.toBe(canonical(beforeComplete.fit));

    // An amendment writes only a manager-confirmed rating (no notification): the key still changes.
    r = await getReview(m, r.id);
    // A skill the target role needs above level 1: lowering it to 1 lowers the fit.
    const skill = r.lines.find((l) => afterComplete.fit?.skills.some((s) => s.skill === l.skillId && s.required > 1));
    expect(skill).toBeDefined();
    const v2 = r.version;
    await expectKeys(
      () => amendReview(m, r.id, v2, skill!.skillId, 1, "Not yet shown at work."),
      [a],
      [bystander, m],
      "amendment",
    );
    expect(canonical((await dash(a)).fit)).not.toBe(canonical(afterComplete.fit));
  });

  it("setting one's current and target roles", async () => {
    const a = await person("roles");
    const b = await person("other");
    const before = await dash(a);
    await expectKeys(() => setMyRoles(a, "infrastructure-engineer", TARGET), [a], [b], "roles");
    const after = await dash(a);
    expect(before.targetRole).toBeNull();
    expect(after.targetRole?.id).toBe(TARGET);
  });

  it("creating, closing and reopening a goal", async () => {
    const a = await person("goals");
    const b = await person("other");
    let goalId = "";
    await expectKeys(
      async () => {
        goalId = (await createGoal(a, { skillId: "linux", targetLevel: 4, dueDate: null, note: "n" })).id;
      },
      [a],
      [b],
      "goal created",
    );
    expect((await dash(a)).goals.map((g) => g.skill)).toEqual(["linux"]);
    await expectKeys(() => setGoalStatus(a, goalId, "done"), [a], [b], "goal closed");
    expect((await dash(a)).goals).toEqual([]);
    await expectKeys(() => setGoalStatus(a, goalId, "open"), [a], [b], "goal reopened");
    expect((await dash(a)).goals).toHaveLength(1);
  });

  it("a notification created (helper and reminders job), then read", async () => {
    const a = await person("bell");
    const b = await person("other");
    await expectKeys(
      () =>
        notify([
          { userId: a.id, kind: "goal_due", key: `k-${uniq()}`, title: "Due", body: "Due soon", link: "/dashboard" },
        ]),
      [a],
      [b],
      "notification",
    );
    expect(await unreadCount(a)).toBe(1);
    // The reminders job: a goal due tomorrow (its creation already changed the key; the reminder changes it again).
    await createGoal(a, { skillId: "containers", targetLevel: 3, dueDate: new Date(Date.now() + DAY), note: null });
    await expectKeys(() => runReminders(new Date()), [a], [b], "reminder");
    expect(await unreadCount(a)).toBe(2);
    const first = await w.db.prisma.notification.findFirstOrThrow({ where: { userId: a.id } });
    await expectKeys(() => markRead(a, first.id), [a], [b], "read one");
    expect(await unreadCount(a)).toBe(1);
    await expectKeys(() => markAllRead(a), [a], [b], "read all");
    expect(await unreadCount(a)).toBe(0);
  });

  it("an invitation to the person's address, declined, then another accepted (membership added)", async () => {
    const tm = await team("invite");
    const m = await person("inviter", tm, "manager");
    const a = await person("invitee");
    const b = await person("other");
    let invitationId = "";
    await expectKeys(
      async () => {
        invitationId = (await inviteToTeam(m, tm, a.email, "member")).invitationId;
      },
      [a],
      [b, m],
      "invited",
    );
    expect((await getDashboardView(a, {}, NOW)).invitationCount).toBe(1);
    await expectKeys(() => declineInvitation(a, invitationId), [a], [b, m], "declined");
    expect((await getDashboardView(a, {}, NOW)).invitationCount).toBe(0);
    invitationId = (await inviteToTeam(m, tm, a.email, "member")).invitationId;
    expect((await getDashboardView(a, {}, NOW)).invitationCount).toBe(1);
    await expectKeys(() => acceptInvitation(a, invitationId), [a], [b, m], "accepted");
    expect((await getDashboardView(a, {}, NOW)).invitationCount).toBe(0);
    expect(await getMyTeams(a)).toHaveLength(1);
  });

  it("an invitation to an address that has no account yet changes nobody's key but that address's", async () => {
    const tm = await team("invite-new");
    const m = await person("inviter", tm, "manager");
    const b = await person("other");
    await expectKeys(() => inviteToTeam(m, tm, `nobody-${uniq()}@rc.test`, "member"), [], [m, b], "invite to stranger");
  });

  it("a membership removed", async () => {
    const tm = await team("remove");
    const m = await person("mgr", tm, "manager");
    const a = await person("leaver", tm);
    const b = await person("stayer", tm);
    expect(await getMyTeams(a)).toHaveLength(1);
    await expectKeys(() => removeFromTeam(m, tm, a.id), [a], [b, m], "removed");
    expect(await getMyTeams(a)).toHaveLength(0);
  });

  it("a certification added, edited and removed", async () => {
    const a = await person("certs");
    const b = await person("other");
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const input = (expires: number) => ({
      certificationId: undefined,
      name: "Cert X",
      credentialId: undefined,
      credentialUrl: undefined,
      issuedOn: day(NOW.getTime() - 400 * DAY),
      expiresOn: day(expires),
      noExpiry: false,
    });
    let id = "";
    await expectKeys(
      async () => {
        id = (await addCertification(a, input(NOW.getTime() + 30 * DAY) as never)).id;
      },
      [a],
      [b],
      "cert added",
    );
    const alerts = async () => canonical((await getDashboardView(a, {}, NOW)).certificationAlerts);
    const added = await alerts();
    expect(JSON.parse(added)).toHaveLength(1);
    await expectKeys(
      () => updateCertification(a, id, input(NOW.getTime() + 60 * DAY) as never),
      [a],
      [b],
      "cert edited",
    );
    const edited = await alerts();
    expect(edited).not.toBe(added);
    await expectKeys(() => deleteCertification(a, id), [a], [b], "cert removed");
    expect(JSON.parse(await alerts())).toHaveLength(0);
  });

  it("an endorsement given (endorser and endorsed), hidden, and withdrawn", async () => {
    const tm = await team("endorse");
    const giver = await person("giver", tm);
    const taker = await person("taker", tm);
    const b = await person("bystander", tm);
    await saveMyRatings(taker, [rating("linux", 3, false)]);
    const received = async () => canonical((await exportMyData(taker)).endorsements.received);
    const given = async () => canonical((await exportMyData(giver)).endorsements.given);
    const [r0, g0] = [await received(), await given()];
    await expectKeys(
      () => endorse(giver, { personId: taker.id, skillId: "linux", comment: "Solid" }),
      [giver, taker],
      [b],
      "endorsed",
    );
    const [r1, g1] = [await received(), await given()];
    expect(r1).not.toBe(r0);
    expect(g1).not.toBe(g0);
    const e = await w.db.prisma.endorsement.findFirstOrThrow({ where: { userId: taker.id } });
    await expectKeys(() => setEndorsementHidden(taker, e.id, true), [taker, giver], [b], "hidden");
    expect(await received()).not.toBe(r1);
    await expectKeys(() => withdrawEndorsement(giver, taker.id, "linux"), [giver, taker], [b], "withdrawn");
    expect(await given()).toBe(g0);
  });

  it("the person's name changed (the nav shows it)", async () => {
    const a = await person("named");
    const b = await person("other");
    await expectKeys(() => updateDisplayName(a, "Someone Else"), [a], [b], "name");
    expect((await shown(a)).nav?.name).toBe("Someone Else");
  });

  it("the admin flag changed (the nav's Admin link)", async () => {
    const a = await person("promoted");
    const b = await person("other");
    await expectKeys(() => setAdmin(w.actors.admin, a.id, true), [a], [b], "admin granted");
    expect((await shown(a)).nav?.isAdmin).toBe(true);
    await expectKeys(() => setAdmin(w.actors.admin, a.id, false), [a], [b], "admin revoked");
    expect((await shown(a)).nav?.isAdmin).toBe(false);
  });

  it("a taxonomy change (an import) changes everyone's key and the signed-out key", async () => {
    const a = await person("tax-a");
    const b = await person("tax-b");
    await setMyRoles(a, null, TARGET);
    const pub = await publicKey();
    const before = canonical(await dash(a));
    const t = structuredClone(loadTaxonomy()) as Taxonomy;
    t.version = `rc-import-${uniq()}`;
    const required = t.roles.find((r) => r.id === TARGET)!.requirements[0]!.skill;
    t.skills.find((s) => s.id === required)!.name = `Renamed ${uniq()}`;
    // Keep the pool skills (an import retires missing skills; the merge test below needs them).
    withPool(t);
    await expectKeys(() => applyTaxonomy(w.db.prisma, t, "test"), [a, b], [], "import");
    expect(await publicKey()).not.toBe(pub);
    expect(canonical(await dash(a))).not.toBe(before);
  });

  it("a taxonomy draft published changes everyone's key", async () => {
    const a = await person("draft-a");
    const b = await person("draft-b");
    await setMyRoles(a, null, TARGET);
    const pub = await publicKey("/skills");
    const before = canonical(await dash(a));
    const admin = w.actors.admin;
    const draft = await startDraft(admin);
    const skill = draft.taxonomy.skills.find((s) => s.id === "linux")!;
    const edited = await updateDraftSkill(admin, {
      revision: draft.revision,
      skillId: "linux",
      name: `Linux ${uniq()}`,
      description: skill.description,
      aliases: skill.aliases,
      tools: skill.tools,
      levels: skill.levels ?? [],
      resources: skill.resources ?? [],
    });
    await expectKeys(
      () => publishDraft(admin, { revision: edited.revision, version: `rc-draft-${uniq()}` }),
      [a, b],
      [],
      "publish",
    );
    expect(await publicKey("/skills")).not.toBe(pub);
    expect(canonical(await dash(a))).not.toBe(before);
  });

  it("a skill merge changes everyone's key (the rater's dashboard differs)", async () => {
    const a = await person("merge-a");
    const b = await person("merge-b");
    const [source, target] = [POOL[0]!, POOL[1]!];
    await saveMyRatings(a, [rating(source, 2, false)]);
    await createGoal(a, { skillId: source, targetLevel: 4, dueDate: null, note: null });
    const before = await dash(a);
    const pub = await publicKey("/skills");
    await expectKeys(() => mergeSkills(w.actors.admin, { sourceId: source, targetId: target }), [a, b], [], "merge");
    const after = await dash(a);
    expect(canonical(after.goals)).not.toBe(canonical(before.goals));
    expect(after.taxonomy.skills.some((s) => s.id === source)).not.toBe(
      before.taxonomy.skills.some((s) => s.id === source),
    );
    expect(await publicKey("/skills")).not.toBe(pub);
  });

  it("deleting an account removes its endorsements (a cascade): the endorsed person's key changes", async () => {
    const tm = await team("cascade");
    const giver = await person("leaving", tm);
    const taker = await person("staying", tm);
    const b = await person("bystander", tm);
    await saveMyRatings(taker, [rating("linux", 3)]);
    await endorse(giver, { personId: taker.id, skillId: "linux", comment: null as never });
    const received = async () => canonical((await exportMyData(taker)).endorsements.received);
    const before = await received();
    await expectKeys(() => deleteUser(w.actors.admin, giver.id), [taker], [b], "endorser deleted");
    expect(await received()).not.toBe(before);
  });

  it("a setting changed changes everyone's key (what managers may do differs)", async () => {
    const tm = await team("setting");
    const m = await person("mgr", tm, "manager");
    const b = await person("other");
    const was = await managersMayCreateTeams();
    const could = await canCreateTeam(m);
    const pub = await publicKey();
    await expectKeys(() => setManagersMayCreateTeams(w.actors.admin, !was), [m, b], [], "setting");
    expect(await canCreateTeam(m)).toBe(!could);
    expect(await publicKey()).not.toBe(pub);
  });
});

describe("same key ⇒ same view, over random write sequences (property)", () => {
  it("never shows two different views under one key, for either person", async () => {
    const tm = await team("prop");
    const A = await person("prop-a", tm);
    const B = await person("prop-b", tm);
    const people = [A, B];
    const skills = ["linux", "containers", POOL[2]!];
    const roles = [null, TARGET, "infrastructure-engineer"];
    const seen = new Map<string, string>();
    let checks = 0;
    const record = async () => {
      for (const p of people) {
        const { key } = await keyOf(p);
        const view = canonical(await shown(p));
        const prev = seen.get(key);
        if (prev !== undefined) expect(view, `same key for ${p.name}, different view`).toBe(prev);
        seen.set(key, view);
        checks += 1;
      }
    };
    const who = fc.integer({ min: 0, max: 1 });
    const step = fc.oneof(
      fc.record({
        kind: fc.constant("rate" as const),
        who,
        skill: fc.constantFrom(...skills),
        level: fc.integer({ min: 0, max: 5 }),
      }),
      fc.record({
        kind: fc.constant("roles" as const),
        who,
        current: fc.constantFrom(...roles),
        target: fc.constantFrom(...roles),
      }),
      fc.record({ kind: fc.constant("goal" as const), who, skill: fc.constantFrom(...skills) }),
      fc.record({ kind: fc.constant("notify" as const), who }),
      fc.record({ kind: fc.constant("read" as const), who }),
      fc.record({ kind: fc.constant("endorse" as const), who, skill: fc.constantFrom(...skills) }),
      fc.record({ kind: fc.constant("hide" as const), who, hidden: fc.boolean() }),
      fc.record({ kind: fc.constant("name" as const), who, name: fc.constantFrom("Ann", "Bob", "Ann ") }),
      fc.record({ kind: fc.constant("cert" as const), who, days: fc.integer({ min: -10, max: 120 }) }),
      fc.record({ kind: fc.constant("uncert" as const), who }),
      fc.record({ kind: fc.constant("setting" as const) }),
    );
    const run = async (s: StepOf<typeof step>) => {
      const p = "who" in s ? people[s.who]! : A;
      const other = "who" in s ? people[1 - s.who]! : B;
      switch (s.kind) {
        case "rate":
          return saveMyRatings(p, [rating(s.skill, s.level, false)]);
        case "roles":
          return setMyRoles(p, s.current, s.target);
        case "goal": {
          const open = await w.db.prisma.goal.findFirst({ where: { userId: p.id, skillId: s.skill, status: "open" } });
          if (open) return setGoalStatus(p, open.id, "done");
          return createGoal(p, { skillId: s.skill, targetLevel: 4, dueDate: null, note: null });
        }
        case "notify":
          return notify([
            { userId: p.id, kind: "goal_due", key: `p-${uniq()}`, title: "T", body: "B", link: "/dashboard" },
          ]);
        case "read":
          return markAllRead(p);
        case "endorse":
          return endorse(p, { personId: other.id, skillId: s.skill, comment: null as never });
        case "hide": {
          const e = await w.db.prisma.endorsement.findFirst({ where: { userId: p.id } });
          return e && setEndorsementHidden(p, e.id, s.hidden);
        }
        case "name":
          return updateDisplayName(p, s.name);
        case "cert": {
          const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
          return addCertification(p, {
            name: "C",
            issuedOn: day(NOW.getTime() - 500 * DAY),
            expiresOn: day(NOW.getTime() + s.days * DAY),
            noExpiry: false,
          } as never);
        }
        case "uncert": {
          const c = await w.db.prisma.personCertification.findFirst({ where: { userId: p.id } });
          return c && deleteCertification(p, c.id);
        }
        case "setting":
          return setManagersMayCreateTeams(w.actors.admin, !(await managersMayCreateTeams()));
      }
    };
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
        await record();
        for (const s of steps) {
          try {
            await run(s);
          } catch (e) {
            // Refusals (nothing to endorse…) write nothing; anything else is a failure.
            if (!(e instanceof DataError) && !(e instanceof NotFoundError)) throw e;
          }
          await record();
        }
      }),
      { seed: 20261201, numRuns: 25 },
    );
    expect(checks).toBeGreaterThan(100);
    // The sequences did reach distinct views, so the check had something to compare.
    expect(new Set(seen.values()).size).toBeGreaterThan(20);
  }, 300_000);
});

describe("sessions", () => {
  it("a live session gets a personal key; no, forged, expired or garbled cookies get none", async () => {
    const p = await person("sess");
    expect((await request("/dashboard", await cookieFor(p.id, p.sessionId)))?.key).toMatch(/^personal\|/);
    expect(await request("/dashboard")).toBeNull();
    expect(
      await request("/dashboard", await cookieFor(p.id, p.sessionId, { secret: "another-secret-another-secret-12" })),
    ).toBeNull();
    expect(await request("/dashboard", await cookieFor(p.id, "made-up-session"))).toBeNull();
    expect(await request("/dashboard", await cookieFor(w.actors.member.id, p.sessionId))).toBeNull(); // another's session id
    expect(await request("/dashboard", await cookieFor(p.id, p.sessionId, { maxAge: -60 }))).toBeNull(); // expired JWT
    expect(await request("/dashboard", `${cookieName()}=not-a-jwe`)).toBeNull();
    // A session cookie on a page that is not cacheable signed in: no key either.
    expect(await request("/skills/linux", await cookieFor(p.id, p.sessionId))).toBeNull();
  });

  it("an expired session row, a deleted one (sign-out) and a deactivated account get no key", async () => {
    const expired = await person("expired");
    await w.db.prisma.session.update({
      where: { id: expired.sessionId },
      data: { expires: new Date(Date.now() - 1000) },
    });
    expect(await request("/dashboard", await cookieFor(expired.id, expired.sessionId))).toBeNull();
    expect(await viewerVersions(expired.id, expired.sessionId)).toBeNull();

    const out = await person("signed-out");
    const cookie = await cookieFor(out.id, out.sessionId);
    expect(await request("/dashboard", cookie)).not.toBeNull();
    await endSession(out.sessionId);
    expect(await request("/dashboard", cookie)).toBeNull();

    // Deactivated with the session row still there (the flag alone must refuse), then through the admin function.
    const off = await person("deactivated");
    const offCookie = await cookieFor(off.id, off.sessionId);
    await w.db.prisma.user.update({ where: { id: off.id }, data: { deactivatedAt: new Date() } });
    expect(await request("/dashboard", offCookie)).toBeNull();
    expect(await viewerVersions(off.id, off.sessionId)).toBeNull();
    const off2 = await person("deactivated-2");
    const off2Cookie = await cookieFor(off2.id, off2.sessionId);
    await setUserActive(w.actors.admin, off2.id, false);
    expect(await request("/dashboard", off2Cookie)).toBeNull();
  });

  it("signed out: a public key on public pages, none for the dashboard", async () => {
    for (const p of ["/", "/roles", "/roles/platform-engineer", "/skills", "/skills/linux", "/api/v1/taxonomy"]) {
      const r = await request(p);
      expect(r?.key, p).toBe(`public|${await globalVersion()}|${p}`);
      expect(r?.userId).toBeUndefined();
      expect(await r!.validUntil()).toBe(Number.POSITIVE_INFINITY);
    }
    for (const p of ["/dashboard", "/me/skills", "/teams"]) expect(await request(p), p).toBeNull();
    // A cookie that is not the session's does not make a request personal.
    expect((await request("/roles", "theme=dark"))?.key).toMatch(/^public\|/);
  });
});

describe("keys never mix people", () => {
  it("A's and B's keys differ on every page, and A's key never holds B's id", async () => {
    const tm = await team("leak");
    const a = await person("leak-a", tm);
    const b = await person("leak-b", tm);
    for (const path of ["/dashboard", "/roles", "/roles/platform-engineer", "/skills"]) {
      const [ka, kb] = [(await keyOf(a, path)).key, (await keyOf(b, path)).key];
      expect(ka).not.toBe(kb);
      expect(ka).toContain(a.id);
      expect(ka).not.toContain(b.id);
      expect(kb).not.toContain(a.id);
      expect(ka).not.toBe((await request(path))?.key);
    }
    // Even with the same versions (fresh people, same writes), the keys differ.
    const c = await person("twin-c");
    const d = await person("twin-d");
    const [kc, kd] = [await keyOf(c), await keyOf(d)];
    expect(kc.versions).toBe(kd.versions);
    expect(kc.key).not.toBe(kd.key);
  });

  it("a cookie naming A with B's session id gets no key", async () => {
    const a = await person("mix-a");
    const b = await person("mix-b");
    expect(await request("/dashboard", await cookieFor(a.id, b.sessionId))).toBeNull();
  });
});

/** Every scope's version, straight from the table. */
async function allVersions() {
  const rows = await w.db.prisma.$queryRaw<{ scope: string; v: string }[]>`
    SELECT scope, sum(weight)::text AS v FROM "ViewChange" GROUP BY scope ORDER BY scope`;
  return Object.fromEntries(rows.map((r) => [r.scope, r.v]));
}

describe("foldViewChanges", () => {
  it("keeps every scope's version, removes rows, and drops the scopes of deleted people", async () => {
    const gone = await person("gone");
    await saveMyRatings(gone, [rating("linux", 2, false)]);
    const keysBefore = await Promise.all([w.actors.member, w.actors.manager].map((p) => keyOf(p as Person)));
    await w.db.prisma.user.delete({ where: { id: gone.id } });
    const before = await allVersions();
    expect(before[`user:${gone.id}`]).toBeDefined();
    const rowsBefore = await w.db.prisma.viewChange.count();
    const removed = await foldViewChanges();
    const after = await allVersions();
    // Every scope stays with its version, but those of people who no longer exist (this one, and any deleted earlier).
    const live = new Set((await w.db.prisma.user.findMany({ select: { id: true } })).map((u) => `user:${u.id}`));
    const kept = Object.fromEntries(
      Object.entries(before).filter(([scope]) => !scope.startsWith("user:") || live.has(scope)),
    );
    expect(kept[`user:${gone.id}`]).toBeUndefined();
    expect(after).toEqual(kept);
    expect(await w.db.prisma.viewChange.count()).toBe(Object.keys(kept).length);
    expect(removed).toBe(rowsBefore - Object.keys(kept).length);
    expect(removed).toBeGreaterThan(0);
    const keysAfter = await Promise.all([w.actors.member, w.actors.manager].map((p) => keyOf(p as Person)));
    expect(keysAfter).toEqual(keysBefore);
    // Folding again changes nothing.
    expect(await foldViewChanges()).toBe(0);
    expect(await allVersions()).toEqual(kept);
  });

  it("a write during a fold (in parallel) still changes the version, and nothing is lost", async () => {
    const a = await person("fold-a");
    const b = await person("fold-b");
    for (let i = 0; i < 12; i++) {
      const [va, vb, g] = [(await keyOf(a)).versions, (await keyOf(b)).versions, await globalVersion()];
      const others = await allVersions();
      await Promise.all([
        foldViewChanges(),
        saveMyRatings(a, [rating("linux", i % 6, true)]),
        foldViewChanges(),
        notify([{ userId: b.id, kind: "goal_due", key: `f-${uniq()}`, title: "T", body: "B", link: "/dashboard" }]),
        foldViewChanges(),
      ]);
      expect((await keyOf(a)).versions).not.toBe(va);
      expect((await keyOf(b)).versions).not.toBe(vb);
      expect(await globalVersion()).toBe(g);
      // Every other scope kept its exact version through three parallel folds.
      const now = await allVersions();
      for (const [scope, v] of Object.entries(others))
        if (scope !== `user:${a.id}` && scope !== `user:${b.id}`) expect(now[scope], scope).toBe(v);
      // The written scopes only grew.
      expect(BigInt(now[`user:${a.id}`]!)).toBeGreaterThan(BigInt(others[`user:${a.id}`] ?? "0"));
    }
  });
});

describe("personalDeadlines", () => {
  it("gives the current ratings' dates and only open, unexpired invitations to the person's address", async () => {
    const tm = await team("deadlines");
    const tm2 = await team("deadlines-2");
    const tm3 = await team("deadlines-3");
    const tm4 = await team("deadlines-4");
    const m = await person("mgr", tm, "manager");
    for (const t of [tm2, tm3, tm4])
      await w.db.prisma.teamMembership.create({ data: { teamId: t, userId: m.id, role: "manager" } });
    const a = await person("deadline");
    await saveMyRatings(a, [rating("linux", 2, false), rating("containers", 3, false)]);
    const ratings = await w.db.prisma.currentRating.findMany({ where: { userId: a.id } });
    const open = await inviteToTeam(m, tm, a.email, "member");
    const declined = await inviteToTeam(m, tm2, a.email, "member");
    await declineInvitation(a, declined.invitationId);
    const accepted = await inviteToTeam(m, tm3, a.email, "member");
    await acceptInvitation(a, accepted.invitationId);
    const expired = await inviteToTeam(m, tm4, a.email, "member");
    await w.db.prisma.teamInvitation.update({
      where: { id: expired.invitationId },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    await inviteToTeam(m, tm, `someone-else-${uniq()}@rc.test`, "member");

    const d = await personalDeadlines(a.id, new Date());
    expect(d.ratedAt.map((x) => x.getTime()).sort()).toEqual(ratings.map((r) => r.updatedAt.getTime()).sort());
    expect(d.invitationExpiries.map((x) => x.getTime())).toEqual([open.expiresAt.getTime()]);

    // renderCacheKey's validUntil uses them: the next midnight at the latest, never after an open invitation expires.
    const lookup = await request("/dashboard", await cookieFor(a.id, a.sessionId));
    const until = await lookup!.validUntil();
    expect(until).toBeGreaterThan(Date.now() - 1000);
    expect(until).toBeLessThanOrEqual(Math.min(open.expiresAt.getTime(), Math.floor(Date.now() / DAY) * DAY + DAY));
  });
});

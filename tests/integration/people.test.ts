/**
 * Issue 16's rules beyond the authorization matrix: endorsements (self, outsider, withdrawn when the level changes,
 * racing a level change), who counts as "the organisation", deactivated people, certification expiry windows with an
 * injected clock, evidence on ratings, and export and deletion.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, type World } from "../support/world";
import { endorse, setEndorsementHidden, withdrawEndorsement } from "@/lib/data/endorsements";
import { findExperts, getPersonProfile } from "@/lib/data/people";
import {
  addCertification,
  deleteCertification,
  listMyCertifications,
  myCertificationAlerts,
  getTeamCertifications,
} from "@/lib/data/certifications";
import { saveMyRatings } from "@/lib/data/ratings";
import { exportMyData } from "@/lib/data/my-data";
import { deleteAccount } from "@/lib/data/users";
import { DataError, NotFoundError } from "@/lib/data/errors";

let w: World;
const SKILL = "infrastructure-as-code";
const rate = (a: World["actors"]["member"], level: number, extra: Record<string, unknown> = {}) =>
  saveMyRatings(a, [{ skillId: SKILL, level, note: null, evidenceUrl: null, wantsToGrow: false, ...extra }]);
const endorsementsOf = (userId: string) => w.db.prisma.endorsement.findMany({ where: { userId, skillId: SKILL } });

beforeAll(async () => {
  w = await createWorld();
  await rate(w.actors.member, 3);
});
afterAll(() => w.db.close());

describe("endorsements", () => {
  it("a teammate endorses; the person's level change withdraws it; a note change does not", async () => {
    await endorse(w.actors.manager, { personId: w.actors.member.id, skillId: SKILL, comment: "I've seen this" });
    expect(await endorsementsOf(w.actors.member.id)).toEqual([
      expect.objectContaining({ endorserId: w.actors.manager.id, level: 3, comment: "I've seen this" }),
    ]);
    await rate(w.actors.member, 3, { note: "same level, new note" });
    expect(await endorsementsOf(w.actors.member.id)).toHaveLength(1);
    await rate(w.actors.member, 4);
    expect(await endorsementsOf(w.actors.member.id)).toEqual([]);
  });

  it("nobody endorses themself, someone outside the team, or a skill not rated above 0", async () => {
    await expect(
      endorse(w.actors.member, { personId: w.actors.member.id, skillId: SKILL, comment: null }),
    ).rejects.toThrow(NotFoundError);
    await expect(
      endorse(w.actors.otherMember, { personId: w.actors.member.id, skillId: SKILL, comment: null }),
    ).rejects.toThrow(NotFoundError);
    await expect(
      endorse(w.actors.admin, { personId: w.actors.member.id, skillId: SKILL, comment: null }),
    ).rejects.toThrow(NotFoundError);
    await expect(
      endorse(w.actors.manager, { personId: w.actors.member.id, skillId: "linux", comment: null }),
    ).rejects.toThrow(DataError);
  });

  it("an ex-teammate can no longer endorse", async () => {
    const ex = w.actors.otherMember;
    await w.db.prisma.teamMembership.create({ data: { teamId: w.teamId, userId: ex.id } });
    await endorse(ex, { personId: w.actors.member.id, skillId: SKILL, comment: null });
    await withdrawEndorsement(ex, w.actors.member.id, SKILL);
    await w.db.prisma.teamMembership.delete({ where: { teamId_userId: { teamId: w.teamId, userId: ex.id } } });
    await expect(endorse(ex, { personId: w.actors.member.id, skillId: SKILL, comment: null })).rejects.toThrow(
      NotFoundError,
    );
  });

  it("endorsing twice at once keeps one endorsement", async () => {
    const results = await Promise.allSettled(
      [1, 2, 3].map((i) =>
        endorse(w.actors.manager, { personId: w.actors.member.id, skillId: SKILL, comment: `try ${i}` }),
      ),
    );
    expect(results.every((r) => r.status === "fulfilled")).toBe(true);
    expect(await endorsementsOf(w.actors.member.id)).toHaveLength(1);
  });

  it("an endorsement racing a level change never survives for the old level", async () => {
    for (let round = 0; round < 5; round++) {
      const before = (await w.db.prisma.currentRating.findUniqueOrThrow({
        where: { userId_skillId: { userId: w.actors.member.id, skillId: SKILL } },
      }))!.level;
      const next = before === 4 ? 3 : 4;
      await Promise.allSettled([
        endorse(w.actors.manager, { personId: w.actors.member.id, skillId: SKILL, comment: null }),
        rate(w.actors.member, next),
      ]);
      const current = await w.db.prisma.currentRating.findUniqueOrThrow({
        where: { userId_skillId: { userId: w.actors.member.id, skillId: SKILL } },
      });
      for (const e of await endorsementsOf(w.actors.member.id)) expect(e.level).toBe(current.level);
    }
  });

  it("the person hides an endorsement: it is kept, not shown or counted to others, and can be shown again", async () => {
    await endorse(w.actors.manager, { personId: w.actors.member.id, skillId: SKILL, comment: "hide me" });
    const [e] = await endorsementsOf(w.actors.member.id);
    await expect(setEndorsementHidden(w.actors.manager, e!.id, true)).rejects.toThrow(NotFoundError);
    await setEndorsementHidden(w.actors.member, e!.id, true);
    const asManager = await getPersonProfile(w.actors.manager, w.actors.member.id);
    expect(asManager.ratings.find((r) => r.skillId === SKILL)!.endorsements).toEqual([]);
    expect(asManager.ratings.find((r) => r.skillId === SKILL)!.hiddenEndorsements).toEqual([]);
    const asSelf = await getPersonProfile(w.actors.member, w.actors.member.id);
    expect(asSelf.ratings.find((r) => r.skillId === SKILL)!.hiddenEndorsements).toHaveLength(1);
    const found = await findExperts(w.actors.manager, {
      criteria: [{ skillId: SKILL, minLevel: 1 }],
      certificationId: null,
    });
    expect(found.results.find((r) => r.id === w.actors.member.id)!.ratings[0]!.endorsements).toBe(0);
    await setEndorsementHidden(w.actors.member, e!.id, false);
    const again = await findExperts(w.actors.manager, {
      criteria: [{ skillId: SKILL, minLevel: 1 }],
      certificationId: null,
    });
    expect(again.results.find((r) => r.id === w.actors.member.id)!.ratings[0]!.endorsements).toBe(1);
  });
});

describe("who the finder shows", () => {
  const query = { criteria: [{ skillId: SKILL, minLevel: 1 }], certificationId: null };

  it("a stranger who only signed up sees no one, even people findable by the whole organisation", async () => {
    await w.db.prisma.user.update({ where: { id: w.actors.member.id }, data: { findableBy: "organisation" } });
    const stranger = await w.db.prisma.user.create({
      data: { email: `stranger-${w.tag}@test.local`, name: "Stranger", emailVerified: new Date() },
    });
    const unverified = await w.db.prisma.user.create({
      data: { email: `unverified-${w.tag}@test.local`, name: "Unverified" },
    });
    for (const id of [stranger.id, unverified.id]) {
      const found = await findExperts({ id, isAdmin: false }, query);
      expect(found).toEqual({ total: 0, results: [] });
      await expect(getPersonProfile({ id, isAdmin: false }, w.actors.member.id)).rejects.toThrow(NotFoundError);
    }
    // Someone in another team is in the organisation.
    const other = await findExperts(w.actors.otherMember, query);
    expect(other.results.map((r) => r.id)).toContain(w.actors.member.id);
    await w.db.prisma.user.update({ where: { id: w.actors.member.id }, data: { findableBy: "teams" } });
    expect((await findExperts(w.actors.otherMember, query)).results.map((r) => r.id)).not.toContain(w.actors.member.id);
  });

  it("deactivated people disappear for everyone but admins", async () => {
    await w.db.prisma.user.update({ where: { id: w.actors.member.id }, data: { deactivatedAt: new Date() } });
    expect((await findExperts(w.actors.manager, query)).results.map((r) => r.id)).not.toContain(w.actors.member.id);
    await expect(getPersonProfile(w.actors.manager, w.actors.member.id)).rejects.toThrow(NotFoundError);
    expect((await findExperts(w.actors.admin, query)).results.map((r) => r.id)).toContain(w.actors.member.id);
    await w.db.prisma.user.update({ where: { id: w.actors.member.id }, data: { deactivatedAt: null } });
  });

  it("colleagues see ratings but not the private part; the manager sees fit, goals, timeline and reviews", async () => {
    await w.db.prisma.teamMembership.create({ data: { teamId: w.teamId, userId: w.actors.otherManager.id } });
    // The member is also in a team the colleague is not in: the profile names only the shared team.
    const extra = await w.db.prisma.team.create({ data: { name: `Private side team ${w.tag}` } });
    await w.db.prisma.teamMembership.create({ data: { teamId: extra.id, userId: w.actors.member.id } });
    const colleague = await getPersonProfile(w.actors.otherManager, w.actors.member.id);
    expect(colleague.person.teams.map((t) => t.id)).toEqual([w.teamId]);
    expect((await getPersonProfile(w.actors.member, w.actors.member.id)).person.teams.map((t) => t.id)).toContain(
      extra.id,
    );
    expect(colleague.viewer).toMatchObject({ full: false, canEndorse: true });
    expect(colleague.private).toBeNull();
    expect(colleague.person.email).toBeNull();
    const manager = await getPersonProfile(w.actors.manager, w.actors.member.id);
    expect(manager.viewer.full).toBe(true);
    expect(manager.private?.timeline[SKILL]?.length).toBeGreaterThan(1);
    await w.db.prisma.teamMembership.delete({
      where: { teamId_userId: { teamId: w.teamId, userId: w.actors.otherManager.id } },
    });
  });
});

describe("certifications", () => {
  const day = (iso: string) => new Date(`${iso}T12:00:00Z`);

  it("expiry windows with an injected clock: valid, expiring within 90 days, expired; alerts list only the last two", async () => {
    const a = w.actors.otherMember;
    const now = day("2026-11-30");
    const add = (name: string, expiresOn: string | null) =>
      addCertification(
        a,
        {
          certificationId: null,
          name,
          credentialId: null,
          credentialUrl: null,
          issuedOn: "2025-01-01",
          expiresOn,
          noExpiry: expiresOn === null,
        },
        now,
      );
    await add("Far", "2027-06-01");
    await add("Edge of window", "2027-02-28"); // 90 days after 2026-11-30
    await add("Just outside", "2027-03-01"); // 91 days
    await add("Today", "2026-11-30");
    await add("Yesterday", "2026-11-29");
    await add("Forever", null);
    const { certifications } = await listMyCertifications(a, now);
    const status = Object.fromEntries(certifications.map((c) => [c.name, [c.status, c.days]]));
    expect(status).toEqual({
      Far: ["valid", 183],
      "Edge of window": ["expiring", 90],
      "Just outside": ["valid", 91],
      Today: ["expiring", 0],
      Yesterday: ["expired", -1],
      Forever: ["no-expiry", null],
    });
    const alerts = await myCertificationAlerts(a, now);
    expect(alerts.map((x) => x.name).sort()).toEqual(["Edge of window", "Today", "Yesterday"]);
  });

  it("a catalogue entry takes its typical validity when no expiry is given; issue dates in the future are refused", async () => {
    const a = w.actors.member;
    const now = day("2026-11-30");
    const { id } = await addCertification(
      a,
      {
        certificationId: "cka",
        name: null,
        credentialId: "LF-1",
        credentialUrl: null,
        issuedOn: "2026-02-15",
        expiresOn: null,
        noExpiry: false,
      },
      now,
    );
    const row = await w.db.prisma.personCertification.findUniqueOrThrow({ where: { id } });
    const { taxonomy } = await getPersonProfile(a, a.id);
    const months = taxonomy.certifications.find((c) => c.id === "cka")!.validityMonths!;
    const expected = new Date(Date.UTC(2026, 1 + months, 15));
    expect(row.expiresOn?.toISOString().slice(0, 10)).toBe(expected.toISOString().slice(0, 10));
    await expect(
      addCertification(
        a,
        {
          certificationId: null,
          name: "Later",
          credentialId: null,
          credentialUrl: null,
          issuedOn: "2026-12-01",
          expiresOn: null,
          noExpiry: true,
        },
        now,
      ),
    ).rejects.toThrow(DataError);
    await expect(
      addCertification(
        a,
        {
          certificationId: "no-such-cert",
          name: null,
          credentialId: null,
          credentialUrl: null,
          issuedOn: "2026-01-01",
          expiresOn: null,
          noExpiry: false,
        },
        now,
      ),
    ).rejects.toThrow(DataError);
  });

  it("a rating cites one's own certification as evidence, never someone else's; the finder filters by it", async () => {
    const mine = await w.db.prisma.personCertification.findFirstOrThrow({
      where: { userId: w.actors.member.id, certificationId: "cka" },
    });
    const theirs = await w.db.prisma.personCertification.findFirstOrThrow({
      where: { userId: w.actors.otherMember.id },
    });
    await expect(rate(w.actors.member, 4, { certificationId: theirs.id })).rejects.toThrow(DataError);
    await saveMyRatings(w.actors.member, [
      {
        skillId: "container-orchestration",
        level: 4,
        note: null,
        evidenceUrl: null,
        wantsToGrow: false,
        certificationId: mine.id,
      },
    ]);
    const withCert = await findExperts(w.actors.manager, {
      criteria: [{ skillId: "container-orchestration", minLevel: 4 }],
      certificationId: "cka",
    });
    expect(withCert.results.map((r) => r.id)).toEqual([w.actors.member.id]);
    expect(withCert.results[0]!.ratings[0]!.certified).toBe(true);
    // A later save that does not mention evidence keeps it.
    await saveMyRatings(w.actors.member, [
      { skillId: "container-orchestration", level: 4, note: "kept", evidenceUrl: null, wantsToGrow: false },
    ]);
    const current = await w.db.prisma.currentRating.findUniqueOrThrow({
      where: { userId_skillId: { userId: w.actors.member.id, skillId: "container-orchestration" } },
    });
    expect(current.certificationId).toBe(mine.id);
  });

  it("the team view lists expired first; export includes certifications and endorsements; deletion removes them", async () => {
    const view = await getTeamCertifications(w.actors.manager, w.teamId, day("2026-11-30"));
    expect(view.rows.map((r) => r.userId)).toContain(w.actors.member.id);
    const exported = await exportMyData(w.actors.member);
    expect(exported.certifications.length).toBeGreaterThan(0);
    expect(exported.endorsements.received.length).toBeGreaterThan(0);
    const a = w.actors.otherMember;
    const before = await w.db.prisma.personCertification.count({ where: { userId: a.id } });
    expect(before).toBeGreaterThan(0);
    const { certifications } = await listMyCertifications(a);
    await deleteCertification(a, certifications[0]!.id);
    expect(await w.db.prisma.personCertification.count({ where: { userId: a.id } })).toBe(before - 1);
    await deleteAccount(a, a.email);
    expect(await w.db.prisma.personCertification.count({ where: { userId: a.id } })).toBe(0);
  });
});

/**
 * The team page's certifications view: its managers and admins see every person's certifications, expired and
 * expiring first, with statuses computed from an injected clock; anyone else gets not found.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, type World } from "../support/world";
import { countQueries } from "../support/query-count";
import { getTeamCertifications } from "@/lib/data/certifications";
import { NotFoundError } from "@/lib/data/errors";

let w: World;
let colleagueId = "";
const NOW = new Date("2026-03-01T10:00:00Z");
const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

beforeAll(async () => {
  w = await createWorld();
  const p = w.db.prisma;
  const colleague = await p.user.create({
    data: { email: `colleague-${w.tag}@test.local`, name: `Colleague ${w.tag}` },
  });
  colleagueId = colleague.id;
  await p.teamMembership.create({ data: { teamId: w.teamId, userId: colleague.id, role: "member" } });
  await p.personCertification.createMany({
    data: [
      // member: one expired 9 days before NOW, one that never expires
      { userId: w.actors.member.id, certificationId: "cka", issuedOn: d("2024-02-20"), expiresOn: d("2026-02-20") },
      { userId: w.actors.member.id, name: "First aid at work", issuedOn: d("2025-01-10"), expiresOn: null },
      // colleague: one valid for long, one expiring in 9 days
      { userId: colleague.id, certificationId: "ckad", issuedOn: d("2025-06-01"), expiresOn: d("2027-06-01") },
      { userId: colleague.id, name: "Vendor storage badge", issuedOn: d("2024-03-10"), expiresOn: d("2026-03-10") },
      // the manager is in the team too: expiring in 60 days
      { userId: w.actors.manager.id, certificationId: "cka", issuedOn: d("2024-04-30"), expiresOn: d("2026-04-30") },
      // another team's member: never listed here
      { userId: w.actors.otherMember.id, name: "Elsewhere", issuedOn: d("2024-01-01"), expiresOn: d("2026-01-01") },
    ],
  });
});
afterAll(() => w.db.close());

describe("getTeamCertifications", () => {
  it("gives a manager every certification in the team, expired first, then expiring soonest first", async () => {
    const { team, rows, counts } = await getTeamCertifications(w.actors.manager, w.teamId, NOW);
    expect(team.id).toBe(w.teamId);
    expect(rows.map((r) => [r.userId, r.name, r.status, r.days])).toEqual([
      [w.actors.member.id, "Certified Kubernetes Administrator", "expired", -9],
      [colleagueId, "Vendor storage badge", "expiring", 9],
      [w.actors.manager.id, "Certified Kubernetes Administrator", "expiring", 60],
      [colleagueId, "Certified Kubernetes Application Developer", "valid", 457],
      [w.actors.member.id, "First aid at work", "no-expiry", null],
    ]);
    expect(rows[0]!.short).toBe("CKA");
    expect(rows[1]!.short).toBeNull(); // free text: no catalogue short name
    expect(rows.some((r) => r.name === "Elsewhere")).toBe(false);
    expect(counts).toEqual({ expired: 1, expiring: 2, people: 3, withAny: 3 });
  });

  it("computes statuses from the clock it is given", async () => {
    const later = await getTeamCertifications(w.actors.manager, w.teamId, new Date("2026-04-30T23:00:00Z"));
    // On its expiry day a certification is still valid; the next day it has expired.
    expect(later.rows.find((r) => r.userId === w.actors.manager.id)).toMatchObject({ status: "expiring", days: 0 });
    const after = await getTeamCertifications(w.actors.manager, w.teamId, new Date("2026-05-01T00:00:00Z"));
    expect(after.rows.map((r) => r.status)).toEqual(["expired", "expired", "expired", "valid", "no-expiry"]);
    expect(after.counts).toMatchObject({ expired: 3, expiring: 0 });
    const earlier = await getTeamCertifications(w.actors.manager, w.teamId, new Date("2025-09-01T00:00:00Z"));
    expect(earlier.counts).toMatchObject({ expired: 0, expiring: 0 });
  });

  it("lets an admin see any team", async () => {
    const { rows } = await getTeamCertifications(w.actors.admin, w.teamId, NOW);
    expect(rows).toHaveLength(5);
  });

  it("answers not found to the team's plain members, to other teams' managers and for an unknown team", async () => {
    await expect(getTeamCertifications(w.actors.member, w.teamId, NOW)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getTeamCertifications(w.actors.otherMember, w.teamId, NOW)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getTeamCertifications(w.actors.otherManager, w.teamId, NOW)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getTeamCertifications(w.actors.manager, w.otherTeamId, NOW)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getTeamCertifications(w.actors.manager, "c0000000000000000000000000", NOW)).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it("makes the same number of queries however many certifications the team holds", async () => {
    const a = await countQueries(w.db, () => getTeamCertifications(w.actors.admin, w.otherTeamId, NOW));
    const b = await countQueries(w.db, () => getTeamCertifications(w.actors.admin, w.teamId, NOW));
    expect(a.result.rows.length).toBeLessThan(b.result.rows.length);
    expect(b.queries).toBe(a.queries);
  });
});

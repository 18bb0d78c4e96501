/**
 * Query budget per page: each page-level data function sends a fixed number of SQL statements, whatever the amount
 * of data behind it. Every function is measured on a small world, then again after the data has grown (longer
 * histories, more team members, more reviews, comments and goals); the two counts must be equal and within the
 * page's bound. An N+1 anywhere fails here.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, type World } from "../support/world";
import { countQueries } from "../support/query-count";
import {
  getAccountPage,
  getAdminPage,
  getComparePage,
  getDashboardPage,
  getInvitationsPage,
  getMySkillsPage,
  getOutboxPage,
  getReviewPage,
  getReviewsPage,
  getRolePage,
  getSkillPage,
  getTaxonomyPage,
  getTeamPage,
  getTeamsPage,
} from "@/lib/data/pages";
import { saveMyRatings, setMyRoles } from "@/lib/data/ratings";
import { addReviewComment, startReview } from "@/lib/data/review-writes";
import { createGoal } from "@/lib/data/goals";
import { appendRatings } from "@/lib/data/rating-store";
import { loadTaxonomy } from "@/lib/taxonomy";
import { findExperts, getPersonProfile } from "@/lib/data/people";
import { getOrgReport } from "@/lib/data/reports";
import { getTeamCertifications, listMyCertifications, myCertificationAlerts } from "@/lib/data/certifications";

let w: World;
let reviewId = "";
const skills = loadTaxonomy().skills.map((s) => s.id);

/** page → [bound, the data function as the page calls it] */
const pages: Record<string, [number, () => Promise<unknown>]> = {
  // dashboard (2), the invitations badge (1) and the certification warnings (1) in parallel
  "/dashboard": [4, () => getDashboardPage(w.actors.member)],
  "/invitations": [2, () => getInvitationsPage(w.actors.member)],
  "/me/skills": [2, () => getMySkillsPage(w.actors.member)],
  "/compare": [2, () => getComparePage(w.actors.member, "infrastructure-engineer", "platform-engineer")],
  "/teams": [2, () => getTeamsPage(w.actors.manager)],
  "/teams/[id]": [5, () => getTeamPage(w.actors.manager, w.teamId)],
  "/reviews": [3, () => getReviewsPage(w.actors.manager)],
  // review; then audit log, previous review, current levels, names, taxonomy version in parallel; plus the page's own
  // taxonomy read, whose version check React's cache shares with the review's inside a render (6 there, 7 here)
  "/reviews/[id]": [6, () => getReviewPage(w.actors.manager, reviewId)],
  "/account": [3, () => getAccountPage(w.actors.member)], // account (2) and sessions (1) in parallel
  "/admin": [6, () => getAdminPage(w.actors.admin)],
  "/admin/outbox": [1, () => getOutboxPage(w.actors.admin)],
  "/roles, /skills": [1, () => getTaxonomyPage()],
  "/roles/[id]": [1, () => getRolePage("platform-engineer")],
  "/skills/[id]": [1, () => getSkillPage("linux")],
  // taxonomy version (1); organisation membership and the searched skills' ratings with evidence (2, in parallel);
  // the visible matches (1)
  "/people": [
    4,
    () =>
      findExperts(w.actors.manager, {
        criteria: [
          { skillId: "linux", minLevel: 1 },
          { skillId: skills[1]!, minLevel: 1 },
        ],
        certificationId: null,
      }),
  ],
  // taxonomy version and organisation membership (parallel), the person with ratings, certifications and endorsements,
  // then history, goals and reviews in parallel (for those who see the private part)
  "/people/[id]": [6, () => getPersonProfile(w.actors.manager, w.actors.member.id)],
  // teams, taxonomy version, people with current levels, the organisation's target mix, review cycles, the stored
  // closed quarters
  "/reports": [6, () => getOrgReport(w.actors.admin, {})],
  "/me/certifications": [2, () => listMyCertifications(w.actors.member)],
  "dashboard certification alerts": [1, () => myCertificationAlerts(w.actors.member)],
  "/teams/[id] certifications": [1, () => getTeamCertifications(w.actors.manager, w.teamId)],
};
const small: Record<string, number> = {};

async function grow() {
  const p = w.db.prisma;
  const m = w.actors.member;
  for (let i = 0; i < 12; i++)
    await saveMyRatings(
      m,
      skills.slice(i, i + 20).map((skillId, j) => ({
        skillId,
        level: (i + j) % 6,
        note: null,
        evidenceUrl: null,
        wantsToGrow: j % 3 === 0,
      })),
    );
  for (let i = 0; i < 5; i++)
    await createGoal(m, { skillId: skills[i]!, targetLevel: 4, dueDate: null, note: `goal ${i}` });
  for (let i = 0; i < 30; i++) {
    const u = await p.user.create({
      data: { email: `grow-${i}-${w.tag}@test.local`, name: `Grown ${i}`, targetRoleId: "platform-engineer" },
    });
    await p.teamMembership.create({ data: { teamId: w.teamId, userId: u.id } });
    await p.personCertification.create({
      data: { userId: u.id, name: `Cert ${i}`, issuedOn: new Date("2026-01-01"), expiresOn: new Date("2026-12-01") },
    });
    await p.personCertification.create({
      data: { userId: m.id, name: `Mine ${i}`, issuedOn: new Date("2026-01-01"), expiresOn: new Date("2026-12-01") },
    });
    await p.$transaction((tx) =>
      appendRatings(
        tx,
        u.id,
        skills.slice(0, 40).map((skillId, j) => ({ skillId, level: (i + j) % 6 })),
        { source: "self" },
      ),
    );
    await p.endorsement.create({ data: { userId: u.id, skillId: skills[1]!, endorserId: m.id, level: (i + 1) % 6 } });
    await p.endorsement.create({ data: { userId: m.id, skillId: skills[i]!, endorserId: u.id, level: 2 } });
    if (i < 10)
      await startReview(w.actors.manager, {
        teamId: w.teamId,
        subjectId: u.id,
        period: "grown",
        dueDate: new Date(Date.now() - 86_400_000),
      });
  }
  for (let i = 0; i < 5; i++) {
    const t = await p.team.create({ data: { name: `Inviting ${i} ${w.tag}` } });
    await p.teamInvitation.create({
      data: {
        teamId: t.id,
        email: m.email,
        role: "member",
        invitedById: w.actors.manager.id,
        expiresAt: new Date(Date.now() + 86_400_000),
      },
    });
  }
  await p.review.update({ where: { id: reviewId }, data: { state: "discussion" } });
  const lines = await p.reviewSkill.findMany({ where: { reviewId } });
  for (const [i, l] of lines.slice(0, 8).entries()) {
    const { version } = await p.review.findUniqueOrThrow({ where: { id: reviewId } });
    await addReviewComment(i % 2 ? m : w.actors.manager, reviewId, version, l.skillId, `comment ${i}`);
  }
}

beforeAll(async () => {
  w = await createWorld();
  await setMyRoles(w.actors.member, "infrastructure-engineer", "platform-engineer");
  await saveMyRatings(w.actors.member, [
    { skillId: "linux", level: 2, note: null, evidenceUrl: null, wantsToGrow: false },
  ]);
  reviewId = (
    await startReview(w.actors.manager, {
      teamId: w.teamId,
      subjectId: w.actors.member.id,
      period: "budget",
      dueDate: new Date(Date.now() + 86_400_000),
    })
  ).id;
  for (const [, fn] of Object.values(pages)) await fn(); // warm the per-process taxonomy cache
  for (const [page, [, fn]] of Object.entries(pages)) small[page] = (await countQueries(w.db, fn)).queries;
  await grow();
  // The first report after people join computes and stores the closed quarters for the new set of people (6 more
  // statements, counted in reports.test.ts); this budget is for the views after it.
  await pages["/reports"]![1]();
}, 120_000);
afterAll(() => w.db.close());

describe("query budget per page", () => {
  for (const [page, [bound, fn]] of Object.entries(pages)) {
    it(`${page}: at most ${bound} statements, the same before and after the data grows`, async () => {
      const big = await countQueries(w.db, fn);
      expect(big.queries, big.log.join("\n")).toBe(small[page]);
      expect(big.queries, big.log.join("\n")).toBeLessThanOrEqual(bound);
    });
  }
});

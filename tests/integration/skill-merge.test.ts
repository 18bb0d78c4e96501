/**
 * Merging skill B into skill A on a real database: no rating row is ever lost, each person keeps the higher of their
 * two levels as the latest row, every row that had to go is restored by the unmerge, only admins may do it, two
 * admins at once get one merge and one clear refusal, and links to B lead to A.
 */
import fc from "fast-check";
import { createElement, type ReactNode } from "react";
import { prerenderToNodeStream } from "react-dom/static";
import { AppRouterContext } from "next/dist/shared/lib/app-router-context.shared-runtime";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { session, sessionModule } from "../support/session-mock";
import { createWorld, type World } from "../support/world";
import { mergeSkillsAction, unmergeSkillsAction } from "@/app/(app)/admin/merge/actions";
import MergePage from "@/app/(app)/admin/merge/page";
import SkillPage from "@/app/(public)/skills/[id]/page";
import type { SessionActor } from "@/lib/auth/session";
import { DataError, NotFoundError } from "@/lib/data/errors";
import { appendRatings, refreshLevelSummary } from "@/lib/data/rating-store";
import {
  listMerges,
  mergedInto,
  mergeSkills,
  previewMerge,
  STALE_PREVIEW,
  unmergeLatest,
} from "@/lib/data/skill-merge";
import { readTaxonomy } from "@/lib/data/taxonomy-read";
import { applyTaxonomy, canonicalTaxonomy } from "@/lib/data/taxonomy-sync";
import type { Taxonomy } from "@/lib/domain/types";
import type { RatingSource } from "@/lib/generated/prisma/enums";
import { loadTaxonomy } from "@/lib/taxonomy/load";

vi.mock("@/lib/auth/session", () => sessionModule);

let w: World;
/** Throwaway skills only this file uses, so each test merges skills nobody else rated. */
const POOL = 100;
const pool = (i: number) => `zz-merge-${i}`;
let nextPool = 0;
const freshPair = () => {
  const i = nextPool;
  nextPool += 2;
  return { B: pool(i), A: pool(i + 1) };
};

beforeAll(async () => {
  w = await createWorld();
  const t = structuredClone(loadTaxonomy()) as Taxonomy;
  t.version = "test-merge-pool";
  t.categories.push({ id: "zz-merge", name: "Merge pool", kind: "technical", description: "" });
  for (let i = 0; i < POOL; i++)
    t.skills.push({
      id: pool(i),
      name: `Merge pool ${i}`,
      category: "zz-merge",
      description: "",
      tools: [],
      aliases: [`mp-${i}`],
      prerequisites: [],
      sources: ["ours"],
      levels: [],
      resources: [],
    });
  t.roles.push({
    ...t.roles[0]!,
    id: "zz-merge-role",
    title: "Merge pool role",
    requirements: Array.from({ length: POOL }, (_, i) => ({
      skill: pool(i),
      level: (i % 5) + 1,
      importance: (["core", "important", "bonus"] as const)[i % 3]!,
    })),
  });
  await applyTaxonomy(w.db.prisma, t, "test");
});
afterAll(() => w.db.close());

let n = 0;
async function person(opts: { admin?: boolean } = {}): Promise<SessionActor> {
  n += 1;
  const u = await w.db.prisma.user.create({
    data: { email: `m${n}-${w.tag}@test.local`, name: `Merge ${n} ${w.tag}`, isAdmin: opts.admin ?? false },
  });
  return { id: u.id, isAdmin: u.isAdmin, name: u.name, email: u.email, verified: true, sessionId: "none" };
}

type RowSpec = {
  skillId: string;
  level: number;
  at: Date;
  source?: RatingSource;
  note?: string | null;
  wantsToGrow?: boolean;
};
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);

/** Writes history rows as given, then CurrentRating (the latest row per skill) and PersonLevels, as appendRatings would. */
async function history(userId: string, rows: RowSpec[]) {
  if (rows.length)
    await w.db.prisma.rating.createMany({ data: rows.map(({ at, ...r }) => ({ ...r, userId, createdAt: at })) });
  const all = await w.db.prisma.rating.findMany({
    where: { userId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  const latest = new Map<string, (typeof all)[number]>();
  for (const r of all) if (!latest.has(r.skillId)) latest.set(r.skillId, r);
  await w.db.prisma.currentRating.deleteMany({ where: { userId } });
  await w.db.prisma.currentRating.createMany({
    data: [...latest.values()].map((r) => ({
      userId,
      skillId: r.skillId,
      level: r.level,
      note: r.note,
      evidenceUrl: r.evidenceUrl,
      wantsToGrow: r.wantsToGrow,
      source: r.source,
      ratingId: r.id,
      certificationId: r.certificationId,
      updatedAt: r.createdAt,
    })),
  });
  await refreshLevelSummary(w.db.prisma, userId);
}

/** Everything rating-related of these people, comparable with toEqual. */
async function snapshot(userIds: string[]) {
  const [ratings, current, levels] = await Promise.all([
    w.db.prisma.rating.findMany({ where: { userId: { in: userIds } }, orderBy: { id: "asc" } }),
    w.db.prisma.currentRating.findMany({
      where: { userId: { in: userIds } },
      orderBy: [{ userId: "asc" }, { skillId: "asc" }],
    }),
    w.db.prisma.personLevels.findMany({ where: { userId: { in: userIds } }, orderBy: { userId: "asc" } }),
  ]);
  return { ratings, current, levels: levels.map((l) => ({ userId: l.userId, levels: l.levels })) };
}

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e,
  );
const admin = () => w.actors.admin;
const skillRow = (id: string) =>
  w.db.prisma.skill.findUniqueOrThrow({ where: { id }, select: { retired: true, mergedIntoId: true, aliases: true } });

describe("merge and unmerge, property: no rating row is ever lost", () => {
  const rowArb = (skill: "A" | "B") =>
    fc.record({
      skill: fc.constant(skill),
      level: fc.integer({ min: 0, max: 5 }),
      // Few instants: rows of A and B often share one, and the id decides which is later.
      day: fc.integer({ min: 0, max: 4 }),
      source: fc.constantFrom<RatingSource>("self", "import", "manager"),
      note: fc.option(fc.constantFrom("a note", "another"), { nil: null }),
      wantsToGrow: fc.boolean(),
    });
  const personArb = fc
    .tuple(fc.array(rowArb("A"), { maxLength: 3 }), fc.array(rowArb("B"), { maxLength: 3 }))
    .chain(([a, b]) => fc.shuffledSubarray([...a, ...b], { minLength: a.length + b.length }));
  const worldArb = fc.array(personArb, { minLength: 1, maxLength: 4 });

  it("merge keeps every row and max(A, B) as the latest row; unmerge puts every row back as it was", async () => {
    await fc.assert(
      fc.asyncProperty(worldArb, async (people) => {
        const { A, B } = freshPair();
        const users = [];
        for (const rows of people) {
          const u = await person();
          users.push(u.id);
          await history(
            u.id,
            rows.map((r) => ({
              skillId: r.skill === "A" ? A : B,
              level: r.level,
              at: new Date(T0 + r.day * DAY),
              source: r.source,
              note: r.note,
              wantsToGrow: r.wantsToGrow,
            })),
          );
        }
        const before = await snapshot(users);
        const totalBefore = await w.db.prisma.rating.count();
        const preview = await previewMerge(admin(), { sourceId: B, targetId: A });
        const onB = before.ratings.filter((r) => r.skillId === B);
        expect(preview.ratings).toBe(onB.length);
        expect(preview.people).toBe(new Set(onB.map((r) => r.userId)).size);

        const merged = await mergeSkills(admin(), {
          sourceId: B,
          targetId: A,
          expectedPeople: preview.people,
          expectedRatings: preview.ratings,
        });
        const after = await snapshot(users);
        expect(merged).toMatchObject({ people: preview.people, ratings: preview.ratings });
        // Every row is still there with the same id and fields; B's are on A now; plus the appended ones.
        expect(await w.db.prisma.rating.count()).toBe(totalBefore + merged.appended);
        for (const r of before.ratings)
          expect(after.ratings.find((x) => x.id === r.id)).toEqual(r.skillId === B ? { ...r, skillId: A } : r);
        expect(after.ratings.filter((r) => r.skillId === B)).toEqual([]);
        for (const userId of users) {
          const cur = (s: { current: typeof before.current }, skill: string) =>
            s.current.find((c) => c.userId === userId && c.skillId === skill);
          const [a, b] = [cur(before, A), cur(before, B)];
          const now = cur(after, A);
          expect(cur(after, B)).toBeUndefined();
          if (!a && !b) {
            expect(now).toBeUndefined();
            continue;
          }
          expect(now!.level).toBe(Math.max(a?.level ?? 0, b?.level ?? 0));
          // The latest history row of A is the current one.
          const latest = after.ratings
            .filter((r) => r.userId === userId && r.skillId === A)
            .sort((x, y) => y.createdAt.getTime() - x.createdAt.getTime() || (y.id > x.id ? 1 : -1))[0]!;
          expect(latest.id).toBe(now!.ratingId);
          expect(latest.level).toBe(now!.level);
          const levels = after.levels.find((l) => l.userId === userId)!.levels as Record<string, number>;
          expect(levels[A]).toBe(now!.level);
          expect(levels[B]).toBeUndefined();
        }
        expect(await skillRow(B)).toMatchObject({ retired: true, mergedIntoId: A });

        await unmergeLatest(admin(), { mergeId: merged.mergeId });
        expect(await snapshot(users)).toEqual(before);
        expect(await w.db.prisma.rating.count()).toBe(totalBefore);
        expect(await skillRow(B)).toMatchObject({ retired: false, mergedIntoId: null });
      }),
      // Each run merges and unmerges a fresh pair of skills; no shrinking, which would rerun on changed data.
      { numRuns: 16, endOnFailure: true },
    );
  }, 600_000);
});

describe("only admins", () => {
  it("anyone else gets not found, an admin demoted a moment ago too, and nothing changes", async () => {
    const { A, B } = freshPair();
    const p = await person();
    await history(p.id, [{ skillId: B, level: 3, at: new Date(T0) }]);
    for (const as of [w.actors.member, w.actors.manager, w.actors.otherManager]) {
      expect(await refusal(previewMerge(as, { sourceId: B, targetId: A }))).toBeInstanceOf(NotFoundError);
      expect(await refusal(mergeSkills(as, { sourceId: B, targetId: A }))).toBeInstanceOf(NotFoundError);
      expect(await refusal(unmergeLatest(as, { mergeId: "x" }))).toBeInstanceOf(NotFoundError);
      expect(await refusal(listMerges(as))).toBeInstanceOf(NotFoundError);
    }
    const demoted = await person({ admin: true });
    await w.db.prisma.user.update({ where: { id: demoted.id }, data: { isAdmin: false } });
    expect(await refusal(mergeSkills(demoted, { sourceId: B, targetId: A }))).toBeInstanceOf(NotFoundError);
    expect(await skillRow(B)).toMatchObject({ retired: false, mergedIntoId: null });
    expect(await w.db.prisma.rating.count({ where: { userId: p.id, skillId: B } })).toBe(1);
  });
});

describe("refusals", () => {
  const fields = async (p: Promise<unknown>) => {
    const e = await refusal(p);
    expect(e).toBeInstanceOf(DataError);
    return (e as DataError).fieldErrors;
  };

  it("the same skill, an unknown or unusable id, a retired skill, a skill already merged", async () => {
    const { A, B } = freshPair();
    expect(await fields(mergeSkills(admin(), { sourceId: A, targetId: A }))).toHaveProperty("targetId");
    expect(await fields(previewMerge(admin(), { sourceId: "no-such-skill", targetId: A }))).toHaveProperty("sourceId");
    expect(await fields(mergeSkills(admin(), { sourceId: B, targetId: "a\u0000b" }))).toHaveProperty("targetId");
    expect(await fields(mergeSkills(admin(), { sourceId: "", targetId: A }))).toHaveProperty("sourceId");
    await w.db.prisma.skill.update({ where: { id: A }, data: { retired: true } });
    const retired = await fields(mergeSkills(admin(), { sourceId: B, targetId: A }));
    expect(retired.targetId![0]).toMatch(/is retired/);
    await w.db.prisma.skill.update({ where: { id: A }, data: { retired: false } });

    const { A: C } = freshPair();
    const merged = await mergeSkills(admin(), { sourceId: B, targetId: A });
    expect((await fields(mergeSkills(admin(), { sourceId: B, targetId: C }))).sourceId![0]).toMatch(/already merged/);
    expect((await fields(previewMerge(admin(), { sourceId: C, targetId: B }))).targetId![0]).toMatch(/already merged/);
    await unmergeLatest(admin(), { mergeId: merged.mergeId });
    expect((await fields(unmergeLatest(admin(), { mergeId: merged.mergeId }))).mergeId![0]).toMatch(/already undone/);
    expect(await refusal(unmergeLatest(admin(), { mergeId: "no-such-merge" }))).toBeInstanceOf(NotFoundError);
  });

  it("numbers that changed since the preview (someone rated B meanwhile): refused, nothing changed", async () => {
    const { A, B } = freshPair();
    const p = await person();
    await history(p.id, [{ skillId: B, level: 2, at: new Date(T0) }]);
    const preview = await previewMerge(admin(), { sourceId: B, targetId: A });
    expect(preview).toMatchObject({ people: 1, ratings: 1 });
    const late = await person();
    await w.db.prisma.$transaction((tx) => appendRatings(tx, late.id, [{ skillId: B, level: 4 }]));
    const merges = await w.db.prisma.skillMerge.count();
    const e = await refusal(
      mergeSkills(admin(), { sourceId: B, targetId: A, expectedPeople: 1, expectedRatings: preview.ratings }),
    );
    expect(e).toBeInstanceOf(DataError);
    expect((e as DataError).message).toBe(STALE_PREVIEW);
    expect(await skillRow(B)).toMatchObject({ retired: false, mergedIntoId: null });
    expect(await w.db.prisma.rating.count({ where: { skillId: B } })).toBe(2);
    expect(await w.db.prisma.skillMerge.count()).toBe(merges);
    // With the fresh numbers it goes through.
    const again = await previewMerge(admin(), { sourceId: B, targetId: A });
    const merged = await mergeSkills(admin(), {
      sourceId: B,
      targetId: A,
      expectedPeople: again.people,
      expectedRatings: again.ratings,
    });
    expect(merged).toMatchObject({ people: 2, ratings: 2 });
    await unmergeLatest(admin(), { mergeId: merged.mergeId });
  });
});

describe("the taxonomy", () => {
  it("B's requirements, prerequisites and certifications go to A; the unmerge restores the taxonomy exactly", async () => {
    const [B, A] = ["backup-restore", "disaster-recovery-planning"];
    const before = await readTaxonomy(w.db.prisma);
    const preview = await previewMerge(admin(), { sourceId: B, targetId: A });
    expect(preview.problems).toEqual([]);
    const requiring = before.roles.filter((r) => r.requirements.some((q) => q.skill === B));
    expect(preview.requirements.map((c) => c.roleId)).toEqual(requiring.map((r) => r.id));
    expect(preview.certifications.length).toBe(before.certifications.filter((c) => c.skills.includes(B)).length);

    const merged = await mergeSkills(admin(), { sourceId: B, targetId: A });
    expect(merged.version).toMatch(/^test-merge-pool-merge\.\d+$/);
    const t = await readTaxonomy(w.db.prisma);
    expect(t.version).toBe(merged.version);
    expect(t.skills.some((s) => s.id === B)).toBe(false);
    const a = t.skills.find((s) => s.id === A)!;
    const b = before.skills.find((s) => s.id === B)!;
    expect(a.aliases).toEqual(expect.arrayContaining([b.name, ...b.aliases]));
    expect(a.prerequisites).not.toContain(A);
    expect(a.prerequisites).toEqual(expect.arrayContaining(b.prerequisites.filter((p) => p !== A)));
    const rank = { core: 3, important: 2, bonus: 1 };
    for (const r of requiring) {
      const was = (skill: string) => r.requirements.find((q) => q.skill === skill);
      const now = t.roles.find((x) => x.id === r.id)!.requirements.filter((q) => q.skill === A || q.skill === B);
      expect(now).toHaveLength(1);
      expect(now[0]!.skill).toBe(A);
      expect(now[0]!.level).toBe(Math.max(was(A)?.level ?? 0, was(B)!.level));
      expect(rank[now[0]!.importance]).toBe(Math.max(rank[was(A)?.importance ?? "bonus"], rank[was(B)!.importance]));
    }
    expect(t.certifications.some((c) => c.skills.includes(B))).toBe(false);
    expect((await w.db.prisma.taxonomyVersion.findFirstOrThrow({ orderBy: { id: "desc" } })).appliedBy).toBe(
      admin().id,
    );

    const undone = await unmergeLatest(admin(), { mergeId: merged.mergeId });
    expect(undone.version).toMatch(/^test-merge-pool-unmerge\.\d+$/);
    const back = await readTaxonomy(w.db.prisma);
    expect(back.version).toBe(undone.version);
    expect(canonicalTaxonomy(back)).toEqual(canonicalTaxonomy(before));
    // Applying keeps every alias a skill ever had; the unmerge takes B's name back off A.
    expect(back.skills.find((s) => s.id === A)!.aliases).toEqual(before.skills.find((s) => s.id === A)!.aliases);
    const audit = await w.db.prisma.auditLog.findMany({
      where: { action: { in: ["skill.merged", "skill.unmerged"] }, actorId: admin().id },
      orderBy: { id: "desc" },
      take: 2,
    });
    expect(audit.map((r) => r.action)).toEqual(["skill.unmerged", "skill.merged"]);
    expect(audit[1]!.data).toMatchObject({ sourceId: B, targetId: A, version: merged.version });
  });

  it("refuses a merge that would make two skills prerequisites of each other", async () => {
    // containers needs linux, container orchestration needs containers: with linux merged into it, a loop.
    const preview = await previewMerge(admin(), { sourceId: "linux", targetId: "container-orchestration" });
    expect(preview.problems[0]).toMatch(/prerequisites of each other/);
    const e = await refusal(mergeSkills(admin(), { sourceId: "linux", targetId: "container-orchestration" }));
    expect((e as DataError).fieldErrors.targetId![0]).toMatch(/prerequisites of each other/);
    expect(await skillRow("linux")).toMatchObject({ retired: false, mergedIntoId: null });
  });
});

describe("goals, endorsements, team targets, reviews", () => {
  it("move to A; where A has the same row, A's stays and B's comes back with the unmerge, whole", async () => {
    const { A, B } = freshPair();
    const [p, e, f, g] = [await person(), await person(), await person(), await person()];
    await history(p.id, [
      { skillId: A, level: 2, at: new Date(T0) },
      { skillId: B, level: 4, at: new Date(T0 + DAY) },
    ]);
    const endorse = (endorserId: string, skillId: string, level: number) =>
      w.db.prisma.endorsement.create({ data: { userId: p.id, skillId, endorserId, level, comment: `${level}` } });
    await endorse(e.id, A, 2);
    await endorse(e.id, B, 4);
    await endorse(f.id, B, 4);
    await endorse(g.id, A, 2);
    await w.db.prisma.goal.createMany({
      data: [
        { userId: p.id, skillId: A, targetLevel: 3 },
        { userId: p.id, skillId: B, targetLevel: 5 },
      ],
    });
    const team = await w.db.prisma.team.create({ data: { name: `Merge team ${w.tag}` } });
    await w.db.prisma.teamTargetSkill.createMany({
      data: [
        { teamId: team.id, skillId: A, level: 3, count: 2 },
        { teamId: team.id, skillId: B, level: 4, count: 1 },
        { teamId: w.teamId, skillId: B, level: 2, count: 3 },
      ],
    });
    const review = await w.db.prisma.review.create({
      data: { teamId: w.teamId, subjectId: p.id, period: "2026", dueDate: new Date(T0), state: "completed" },
    });
    await w.db.prisma.reviewSkill.createMany({
      data: [
        { reviewId: review.id, skillId: A, selfLevel: 2 },
        { reviewId: review.id, skillId: B, selfLevel: 4, agreedLevel: 4 },
      ],
    });
    await w.db.prisma.reviewComment.create({ data: { reviewId: review.id, skillId: B, authorId: p.id, body: "b" } });
    const rows = () =>
      Promise.all([
        w.db.prisma.endorsement.findMany({ where: { userId: p.id }, orderBy: { id: "asc" } }),
        w.db.prisma.goal.findMany({ where: { userId: p.id }, orderBy: { id: "asc" } }),
        w.db.prisma.teamTargetSkill.findMany({
          where: { skillId: { in: [A, B] } },
          orderBy: [{ teamId: "asc" }, { skillId: "asc" }],
        }),
        w.db.prisma.reviewSkill.findMany({ where: { reviewId: review.id }, orderBy: { skillId: "asc" } }),
        w.db.prisma.reviewComment.findMany({ where: { reviewId: review.id } }),
      ]);
    const before = await rows();

    const preview = await previewMerge(admin(), { sourceId: B, targetId: A });
    expect(preview).toMatchObject({
      people: 1,
      ratings: 1,
      bothRated: 1,
      raised: 1,
      goals: 1,
      endorsements: { moved: 1, clashes: 1 },
      teamTargets: { moved: 1, clashes: 1 },
      reviewSkills: { moved: 0, clashes: 1 },
    });
    const merged = await mergeSkills(admin(), { sourceId: B, targetId: A });
    const [endorsements, goals, targets, reviewSkills, comments] = await rows();
    // E vouched for both: the one for the level kept (4, from B) stays. F's moves. G's stays on A.
    expect(endorsements.map((x) => [x.endorserId, x.skillId, x.level]).sort()).toEqual(
      [
        [e.id, A, 4],
        [f.id, A, 4],
        [g.id, A, 2],
      ].sort(),
    );
    expect(goals.map((x) => x.skillId)).toEqual([A, A]);
    expect(targets.map((x) => [x.teamId, x.skillId, x.level])).toEqual(
      [
        [team.id, A, 3],
        [w.teamId, A, 2],
      ].sort((x, y) => (x[0]! < y[0]! ? -1 : 1)),
    );
    expect(reviewSkills.map((x) => [x.skillId, x.selfLevel])).toEqual([[A, 2]]);
    expect(comments.map((x) => x.skillId)).toEqual([A]);
    expect(
      await w.db.prisma.currentRating.findUnique({ where: { userId_skillId: { userId: p.id, skillId: A } } }),
    ).toMatchObject({ level: 4 });

    await unmergeLatest(admin(), { mergeId: merged.mergeId });
    expect(await rows()).toEqual(before);
  });

  it("ratings made on A after the merge stay on A when it is undone", async () => {
    const { A, B } = freshPair();
    const p = await person();
    await history(p.id, [
      { skillId: B, level: 3, at: new Date(T0) },
      { skillId: A, level: 1, at: new Date(T0 + DAY) },
    ]);
    const merged = await mergeSkills(admin(), { sourceId: B, targetId: A });
    expect(merged.appended).toBe(1);
    await w.db.prisma.$transaction((tx) => appendRatings(tx, p.id, [{ skillId: A, level: 5, note: "later" }]));
    await unmergeLatest(admin(), { mergeId: merged.mergeId });
    const current = await w.db.prisma.currentRating.findMany({ where: { userId: p.id }, orderBy: { skillId: "asc" } });
    expect(current.map((c) => [c.skillId, c.level, c.note]).sort()).toEqual(
      [
        [A, 5, "later"],
        [B, 3, null],
      ].sort(),
    );
    expect(await w.db.prisma.rating.count({ where: { userId: p.id } })).toBe(3);
    const levels = (await w.db.prisma.personLevels.findUniqueOrThrow({ where: { userId: p.id } })).levels;
    expect(levels).toEqual({ [A]: 5, [B]: 3 });
  });
});

describe("two admins at the same moment", () => {
  it("merging the same pair: one merge, one clear refusal, no half-merge", async () => {
    const { A, B } = freshPair();
    const other = await person({ admin: true });
    const p = await person();
    await history(p.id, [
      { skillId: A, level: 1, at: new Date(T0 + DAY) },
      { skillId: B, level: 4, at: new Date(T0) },
    ]);
    const total = await w.db.prisma.rating.count();
    const results = await Promise.allSettled([
      mergeSkills(admin(), { sourceId: B, targetId: A }),
      mergeSkills(other, { sourceId: B, targetId: A }),
    ]);
    const done = results.filter((r) => r.status === "fulfilled");
    expect(done).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(DataError);
    expect(await w.db.prisma.skillMerge.count({ where: { sourceId: B } })).toBe(1);
    expect(await w.db.prisma.rating.count()).toBe(total + 1);
    expect(await w.db.prisma.rating.count({ where: { skillId: B } })).toBe(0);
    const { mergeId } = (done[0] as PromiseFulfilledResult<{ mergeId: string }>).value;
    await unmergeLatest(admin(), { mergeId });
    expect(await w.db.prisma.rating.count()).toBe(total);
  });

  it("B into A and A into B: exactly one happens", async () => {
    const { A, B } = freshPair();
    const other = await person({ admin: true });
    const p = await person();
    await history(p.id, [
      { skillId: A, level: 2, at: new Date(T0) },
      { skillId: B, level: 3, at: new Date(T0 + DAY) },
    ]);
    const results = await Promise.allSettled([
      mergeSkills(admin(), { sourceId: B, targetId: A }),
      mergeSkills(other, { sourceId: A, targetId: B }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason).toBeInstanceOf(DataError);
    const [a, b] = [await skillRow(A), await skillRow(B)];
    expect([a.retired, b.retired].filter(Boolean)).toHaveLength(1);
    expect(await w.db.prisma.rating.count({ where: { userId: p.id } })).toBe(2);
    const { mergeId } = (results.find((r) => r.status === "fulfilled") as PromiseFulfilledResult<{ mergeId: string }>)
      .value;
    await unmergeLatest(admin(), { mergeId });
  });
});

/** What the public skill page answers for `id`: "redirect <url> <status>", "not found" or "page". */
async function skillPage(id: string): Promise<string> {
  try {
    await SkillPage({ params: Promise.resolve({ id }) });
    return "page";
  } catch (e) {
    const digest = (e as { digest?: unknown }).digest;
    if (typeof digest === "string" && digest.startsWith("NEXT_REDIRECT")) {
      const [, , url, status] = digest.split(";");
      return `redirect ${url} ${status}`;
    }
    if (typeof digest === "string" && digest.startsWith("NEXT_HTTP_ERROR_FALLBACK;404")) return "not found";
    throw e;
  }
}

/** Each person's CurrentRating is the latest history row of every skill they rated, and PersonLevels agrees. */
async function consistent(userIds: string[]) {
  const { ratings, current, levels } = await snapshot(userIds);
  for (const userId of userIds) {
    const latest = new Map<string, (typeof ratings)[number]>();
    for (const r of ratings.filter((x) => x.userId === userId)) {
      const seen = latest.get(r.skillId);
      if (!seen || r.createdAt > seen.createdAt || (+r.createdAt === +seen.createdAt && r.id > seen.id))
        latest.set(r.skillId, r);
    }
    const mine = current.filter((c) => c.userId === userId);
    expect(Object.fromEntries(mine.map((c) => [c.skillId, c.ratingId]))).toEqual(
      Object.fromEntries([...latest].map(([skill, r]) => [skill, r.id])),
    );
    expect(levels.find((l) => l.userId === userId)?.levels ?? {}).toEqual(
      Object.fromEntries(mine.map((c) => [c.skillId, c.level])),
    );
  }
}

describe("ratings saved while a merge runs", () => {
  it("are never lost, never crash the merge, and leave every current rating matching its history", async () => {
    // Saves start a little later each round, so some land before the merge takes its locks and some while it holds them.
    for (const delay of [0, 30, 80, 200]) {
      const { A, B } = freshPair();
      const raters = [await person(), await person(), await person(), await person()];
      for (const r of raters) await history(r.id, [{ skillId: B, level: 2, at: new Date(T0) }]);
      const ids = raters.map((r) => r.id);
      const total = await w.db.prisma.rating.count({ where: { userId: { in: ids } } });
      const [merge, ...saves] = await Promise.allSettled([
        mergeSkills(admin(), { sourceId: B, targetId: A }),
        ...raters.map(async (r, i) => {
          await new Promise((resolve) => setTimeout(resolve, delay + i * 10));
          return w.db.prisma.$transaction((tx) => appendRatings(tx, r.id, [{ skillId: i % 2 ? A : B, level: 4 }]));
        }),
      ]);
      if (merge!.status === "rejected") expect(merge.reason).toBeInstanceOf(DataError);
      // A save of B that waited for the merge is refused with a message (the skill now lives in A); nothing else fails.
      saves.forEach((s, i) => {
        if (s.status === "fulfilled") return;
        expect(merge!.status === "fulfilled" && i % 2 === 0).toBe(true);
        expect(s.reason).toBeInstanceOf(DataError);
      });
      const saved = saves.filter((s) => s.status === "fulfilled").length;
      const appended = merge!.status === "fulfilled" ? merge.value.appended : 0;
      expect(await w.db.prisma.rating.count({ where: { userId: { in: ids } } })).toBe(total + saved + appended);
      await consistent(ids);
      if (merge!.status === "fulfilled") {
        // Nothing landed on the retired duplicate.
        expect(await w.db.prisma.rating.count({ where: { userId: { in: ids }, skillId: B } })).toBe(0);
        await unmergeLatest(admin(), { mergeId: merge.value.mergeId });
        expect(await w.db.prisma.rating.count({ where: { userId: { in: ids } } })).toBe(total + saved);
        await consistent(ids);
      }
    }
  });
});

describe("links to a merged skill", () => {
  it("lead to the skill it was merged into, through merges of merges, and back once undone", async () => {
    const { A, B } = freshPair();
    const { B: C } = freshPair();
    expect(await mergedInto(A)).toBeNull();
    expect(await mergedInto("no-such-skill")).toBeNull();
    expect(await mergedInto("a\u0000b")).toBeNull();
    expect(await mergedInto("")).toBeNull();
    const first = await mergeSkills(admin(), { sourceId: C, targetId: B });
    expect(await mergedInto(C)).toBe(B);
    const second = await mergeSkills(admin(), { sourceId: B, targetId: A });
    expect(await mergedInto(C)).toBe(A);
    expect(await mergedInto(B)).toBe(A);
    // The page: a temporary redirect, so browsers do not remember it once the merge is undone.
    expect(await skillPage(C)).toBe(`redirect /skills/${A} 307`);
    expect(await skillPage(A)).toBe("page");
    await unmergeLatest(admin(), { mergeId: second.mergeId });
    expect(await mergedInto(C)).toBe(B);
    expect(await mergedInto(B)).toBeNull();
    expect(await skillPage(B)).toBe("page");
    await unmergeLatest(admin(), { mergeId: first.mergeId });
    expect(await mergedInto(C)).toBeNull();
    expect(await skillPage(C)).toBe("page");
    // Unknown or unusable ids: not found, as before.
    for (const id of ["no-such-skill", "a\u0000b", "x".repeat(10_000), "%E0%A4%A"])
      expect(await skillPage(id)).toBe("not found");
  });
});

// Client components call useRouter(); outside Next there is no router, so the render gets one that goes nowhere.
const router = { back() {}, forward() {}, refresh() {}, push() {}, replace() {}, prefetch() {}, hmrRefresh() {} };

/** The page rendered to HTML as the server would, or the first error it threw. */
async function render(node: ReactNode | Promise<ReactNode>): Promise<string> {
  const errors: unknown[] = [];
  const { prelude } = await prerenderToNodeStream(
    createElement(AppRouterContext.Provider, { value: router as never }, await node),
    { onError: (e) => void errors.push(e) },
  );
  let html = "";
  for await (const chunk of prelude) html += chunk;
  if (errors.length) throw errors[0];
  // React separates adjacent text with empty comments; without them the text reads as a person sees it.
  return html.replaceAll("<!-- -->", "");
}
const mergePage = (sp: Record<string, string | string[]>) => render(MergePage({ searchParams: Promise.resolve(sp) }));

describe("the /admin/merge page", () => {
  it("previews, says why a pair cannot be merged, and never fails on odd query strings", async () => {
    const { A, B } = freshPair();
    const p = await person();
    await history(p.id, [{ skillId: B, level: 3, at: new Date(T0) }]);
    session.actor = w.actors.admin;
    const empty = await mergePage({});
    expect(empty).toContain("Merge this skill");
    expect(empty).not.toContain("will move");
    const html = await mergePage({ source: B, target: A });
    expect(html).toContain("1 person, 1 rating</strong> will move");
    expect(html).toContain("Merge…");
    expect(await mergePage({ source: A, target: A })).toContain("a skill cannot be merged into itself");
    expect(await mergePage({ source: "linux", target: "container-orchestration" })).toContain(
      "prerequisites of each other",
    );
    const odd: Record<string, string | string[]>[] = [
      { source: "\u0000", target: "%ZZ" },
      { source: ["a", "b"] },
      { target: "x".repeat(8000) },
    ];
    for (const sp of odd) expect(await mergePage(sp)).toContain("Choose a skill from the list.");
    const merged = await mergeSkills(admin(), { sourceId: B, targetId: A });
    const after = await mergePage({ merged: merged.mergeId });
    expect(after).toContain("1 person, 1 rating moved");
    expect(after).toMatch(/Yes, undo the merge|>Undo</);
    await unmergeLatest(admin(), { mergeId: merged.mergeId });
    expect(await mergePage({ undone: merged.mergeId })).toContain("is a skill of its own again");
  });

  it("its actions answer refusals in words and go through for the numbers confirmed", async () => {
    const { A, B } = freshPair();
    const p = await person();
    await history(p.id, [{ skillId: B, level: 3, at: new Date(T0) }]);
    const input = { sourceId: B, targetId: A, expectedPeople: "1", expectedRatings: "1" };
    session.actor = w.actors.member;
    expect(await mergeSkillsAction(input)).toMatchObject({ ok: false, status: 404 });
    session.actor = w.actors.admin;
    expect(await mergeSkillsAction({ ...input, expectedPeople: "many" })).toMatchObject({
      ok: false,
      errors: { expectedPeople: [expect.stringMatching(/number/)] },
    });
    expect(await mergeSkillsAction({ ...input, expectedRatings: "2" })).toEqual({
      ok: false,
      message: STALE_PREVIEW,
      errors: { preview: [STALE_PREVIEW] },
    });
    const done = await mergeSkillsAction(input);
    expect(done).toMatchObject({ ok: true, data: { people: 1, ratings: 1 } });
    const mergeId = done.ok ? done.data.mergeId : "";
    session.actor = w.actors.manager;
    expect(await unmergeSkillsAction({ mergeId })).toMatchObject({ ok: false, status: 404 });
    session.actor = w.actors.admin;
    expect(await unmergeSkillsAction({ mergeId })).toMatchObject({ ok: true });
    expect(await unmergeSkillsAction({ mergeId })).toMatchObject({
      ok: false,
      message: "This merge was already undone.",
    });
  });

  it("is not found for anyone but an admin", async () => {
    session.actor = w.actors.manager;
    const e = await refusal(mergePage({ source: "linux", target: "containers" }));
    expect((e as { digest?: string }).digest).toMatch(/^NEXT_HTTP_ERROR_FALLBACK;404/);
  });
});

describe("which merge can be undone", () => {
  it("only the newest; an older one once the later ones are undone", async () => {
    const first = await mergeSkills(admin(), { sourceId: freshPair().B, targetId: pool(0) });
    const second = await mergeSkills(admin(), { sourceId: freshPair().B, targetId: pool(0) });
    const e = await refusal(unmergeLatest(admin(), { mergeId: first.mergeId }));
    expect((e as DataError).fieldErrors.mergeId![0]).toMatch(/Only the newest merge/);
    const list = await listMerges(admin());
    expect(list[0]).toMatchObject({ id: second.mergeId, undoable: true, blockedBy: null });
    expect(list[1]).toMatchObject({ id: first.mergeId, undoable: false });
    await unmergeLatest(admin(), { mergeId: second.mergeId });
    expect((await listMerges(admin())).find((m) => m.id === first.mergeId)).toMatchObject({ undoable: true });
    await unmergeLatest(admin(), { mergeId: first.mergeId });
    const after = await listMerges(admin());
    expect(after.filter((m) => [first.mergeId, second.mergeId].includes(m.id)).every((m) => m.undoneAt)).toBe(true);
    expect(after[0]!.by).toBe(admin().name);
  });

  // Last in the file: this merge can never be undone, which later tests would otherwise have to work around.
  it("not once another taxonomy version was applied after it: the refusal names that version", async () => {
    const { A, B } = freshPair();
    const merged = await mergeSkills(admin(), { sourceId: B, targetId: A });
    const t = await readTaxonomy(w.db.prisma);
    await applyTaxonomy(
      w.db.prisma,
      { ...t, version: "foreign-1", skills: t.skills.map((s) => (s.id === A ? { ...s, description: "Changed." } : s)) },
      "test",
    );
    const e = await refusal(unmergeLatest(admin(), { mergeId: merged.mergeId }));
    expect(e).toBeInstanceOf(DataError);
    expect((e as DataError).message).toMatch(/Version foreign-1 .*import a taxonomy export/);
    const [top] = await listMerges(admin());
    expect(top).toMatchObject({ id: merged.mergeId, undoable: false });
    expect(top!.blockedBy).toMatch(/foreign-1/);
    expect(await skillRow(B)).toMatchObject({ retired: true, mergedIntoId: A });
  });
});

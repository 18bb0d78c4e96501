/**
 * `npm run seed:large -- --people N [--skills 150] [--prefix bench] [--database-url postgresql://…]`
 * Generates a realistic organisation for benchmarks: N people with 2–4 entries of rating history each (45 days
 * apart, levels rising), one large team holding all of them (for the audit-page benchmark), squads of 8 with a
 * manager each, a target profile, completed reviews for about a fifth of the people and a review in progress
 * (self-assessment, manager-assessment or discussion) for every squad member. Bulk inserts; deterministic
 * (seeded PRNG). Without --database-url it writes to the configured database (DATABASE_URL, else embedded PGlite).
 * With --skills above the shipped count, synthetic skills are added to the taxonomy (benchmark databases only).
 */
import { parseArgs } from "node:util";
import type { Db } from "../lib/data/open";
import type { Prisma } from "../lib/generated/prisma/client";
import { applyTaxonomy } from "../lib/data/taxonomy-sync";
import { loadTaxonomy } from "../lib/taxonomy/load";
import { hashPassword } from "../lib/auth/password";
import type { Taxonomy } from "../lib/domain/types";
import { runCli, withCliDb } from "./cli-db";

export const BENCH_PASSWORD = "benchmark-password-2026";

export function withSyntheticSkills(t: Taxonomy, total: number): Taxonomy {
  const extra = Math.max(0, total - t.skills.length);
  const cats = t.categories.filter((c) => c.kind === "technical");
  const skills = Array.from({ length: extra }, (_, i) => ({
    id: `synthetic-skill-${i + 1}`,
    name: `Synthetic skill ${i + 1}`,
    category: cats[i % cats.length].id,
    description: "A generated skill used only to size benchmark databases.",
    tools: [],
    aliases: [],
    prerequisites: [],
    sources: ["ours"],
    levels: [],
    resources: [],
  }));
  return { ...t, version: `${t.version}+bench${total}`, skills: [...t.skills, ...skills] };
}

type SeedReviewsOptions = {
  run: string;
  users: { id: string }[];
  manager: { id: string };
  bigTeamId: string;
  squadIds: string[];
  skillIds: string[];
  rnd: () => number;
  now: number;
};

const OPEN_STATES = ["self_assessment", "manager_assessment", "discussion"] as const;

/**
 * Reviews: about a fifth of the people have a completed (acknowledged) review from last half-year by the large
 * team's manager; every squad member (not the squad manager) has a review in progress this half-year, spread over
 * the three open states, by their squad manager. Bulk inserts.
 */
async function seedReviews(prisma: Db, o: SeedReviewsOptions) {
  const DAY = 86_400_000;
  const reviews: Prisma.ReviewCreateManyInput[] = [];
  const lines: {
    reviewId: string;
    skillId: string;
    selfLevel: number | null;
    managerLevel: number | null;
    agreedLevel: number | null;
  }[] = [];
  const pick = (n: number) =>
    Array.from({ length: n }, () => o.skillIds[Math.floor(o.rnd() * o.skillIds.length)]).filter(
      (s, i, a) => a.indexOf(s) === i,
    );
  let completed = 0;
  let inProgress = 0;
  o.users.forEach((u, i) => {
    if (o.rnd() < 0.2) {
      const id = `${o.run}-rv${i}-done`;
      reviews.push({
        id,
        teamId: o.bigTeamId,
        subjectId: u.id,
        managerId: o.manager.id,
        period: "2026 H1",
        dueDate: new Date(o.now - 120 * DAY),
        state: "acknowledged",
        version: 6,
        summary: "Generated review.",
        selfSubmittedAt: new Date(o.now - 140 * DAY),
        managerSubmittedAt: new Date(o.now - 130 * DAY),
        completedAt: new Date(o.now - 125 * DAY),
        acknowledgedAt: new Date(o.now - 124 * DAY),
      });
      for (const skillId of pick(8)) {
        const self = 1 + Math.floor(o.rnd() * 4);
        const mgr = Math.max(0, self - Math.floor(o.rnd() * 2));
        lines.push({ reviewId: id, skillId, selfLevel: self, managerLevel: mgr, agreedLevel: mgr });
      }
      completed += 1;
    }
    if (i % 8 === 0) return; // squad manager
    const state = OPEN_STATES[i % OPEN_STATES.length];
    const stage = OPEN_STATES.indexOf(state);
    const id = `${o.run}-rv${i}-open`;
    reviews.push({
      id,
      teamId: o.squadIds[Math.floor(i / 8)],
      subjectId: u.id,
      managerId: o.users[Math.floor(i / 8) * 8].id,
      period: "2026 H2",
      dueDate: new Date(o.now + (10 + Math.floor(o.rnd() * 50)) * DAY),
      state,
      version: 1 + stage,
      selfSubmittedAt: stage >= 1 ? new Date(o.now - 10 * DAY) : null,
      managerSubmittedAt: stage >= 2 ? new Date(o.now - 3 * DAY) : null,
    });
    for (const skillId of pick(8)) {
      const self = stage >= 1 || o.rnd() < 0.5 ? 1 + Math.floor(o.rnd() * 4) : null; // a self-assessment may be half done
      lines.push({
        reviewId: id,
        skillId,
        selfLevel: self,
        managerLevel: stage >= 2 ? Math.max(0, (self ?? 2) - Math.floor(o.rnd() * 2)) : null,
        agreedLevel: null,
      });
    }
    inProgress += 1;
  });
  for (let i = 0; i < reviews.length; i += 2000) await prisma.review.createMany({ data: reviews.slice(i, i + 2000) });
  for (let i = 0; i < lines.length; i += 5000) await prisma.reviewSkill.createMany({ data: lines.slice(i, i + 5000) });
  return { completed, inProgress };
}

export async function seedLarge(prisma: Db, opts: { people: number; skills: number; prefix: string }) {
  let x = 42;
  const rnd = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
  const base = loadTaxonomy();
  const taxonomy = opts.skills > base.skills.length ? withSyntheticSkills(base, opts.skills) : base;
  await applyTaxonomy(prisma, taxonomy, "seed:large");
  const skillIds = taxonomy.skills.map((s) => s.id);
  const roleIds = taxonomy.roles.filter((r) => r.kind === "ic").map((r) => r.id);
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const run = `${opts.prefix}-${Date.now().toString(36)}`;
  const now0 = Date.now();
  const users = Array.from({ length: opts.people }, (_, i) => ({
    id: `${run}-u${i}`,
    email: `${run}-u${i}@bench.local`,
    name: `Person ${i} (${run})`,
    passwordHash,
    currentRoleId: roleIds[i % roleIds.length],
    targetRoleId: roleIds[(i + 3) % roleIds.length],
    emailVerified: new Date(now0),
    // A mix of privacy settings, as an organisation would have: a third each.
    findableBy: (["teams", "organisation", "nobody"] as const)[i % 3],
  }));
  const manager = {
    id: `${run}-mgr`,
    email: `${run}-mgr@bench.local`,
    name: `Manager (${run})`,
    passwordHash,
    emailVerified: new Date(now0),
  };
  for (let i = 0; i < users.length; i += 1000) await prisma.user.createMany({ data: users.slice(i, i + 1000) });
  await prisma.user.create({ data: manager });

  const now = Date.now();
  const ratings: Prisma.RatingCreateManyInput[] = [];
  const current: Prisma.CurrentRatingCreateManyInput[] = [];
  for (const u of users) {
    for (const s of skillIds) {
      if (rnd() > 0.6) continue;
      let level = Math.floor(rnd() * 4);
      const steps = 2 + Math.floor(rnd() * 3);
      for (let k = 0; k < steps; k++) {
        level = Math.min(5, level + (k ? 1 : 0));
        ratings.push({
          userId: u.id,
          skillId: s,
          level,
          source: "self",
          createdAt: new Date(now - (steps - k) * 45 * 86_400_000 - rnd() * 86_400_000),
        });
      }
    }
  }
  for (let i = 0; i < ratings.length; i += 5000) {
    const rows = await prisma.rating.createManyAndReturn({
      data: ratings.slice(i, i + 5000),
      select: { id: true, userId: true, skillId: true, level: true, createdAt: true },
    });
    for (const r of rows)
      current.push({
        userId: r.userId,
        skillId: r.skillId,
        level: r.level,
        source: "self",
        ratingId: r.id,
        updatedAt: r.createdAt,
      });
  }
  const latest = new Map<string, (typeof current)[number]>();
  for (const c of current) {
    const k = `${c.userId}|${c.skillId}`;
    const prev = latest.get(k);
    if (!prev || prev.updatedAt <= c.updatedAt) latest.set(k, c);
  }
  const cur = [...latest.values()];
  for (let i = 0; i < cur.length; i += 5000) await prisma.currentRating.createMany({ data: cur.slice(i, i + 5000) });
  // The one-row summary appendRatings keeps for each person (PersonLevels), written here in one statement.
  await prisma.$executeRaw`
    INSERT INTO "PersonLevels" ("userId", "levels")
    SELECT "userId", json_object_agg("skillId", "level") FROM "CurrentRating" GROUP BY "userId"
    ON CONFLICT ("userId") DO UPDATE
    SET "levels" = EXCLUDED."levels", "version" = "PersonLevels"."version" + 1, "updatedAt" = now()`;

  const big = await prisma.team.create({ data: { name: `Large team ${opts.people} (${run})` } });
  await prisma.teamMembership.createMany({
    data: [
      { teamId: big.id, userId: manager.id, role: "manager" },
      ...users.map((u) => ({ teamId: big.id, userId: u.id, role: "member" as const })),
    ],
  });
  await prisma.teamTargetRole.createMany({
    data: [
      { teamId: big.id, roleId: "platform-engineer", count: Math.ceil(opts.people / 3) },
      { teamId: big.id, roleId: "site-reliability-engineer", count: Math.ceil(opts.people / 6) },
    ],
  });
  const squadIds: string[] = [];
  for (let t = 0; t * 8 < users.length; t++) {
    const team = await prisma.team.create({ data: { name: `Squad ${t} (${run})` } });
    squadIds.push(team.id);
    await prisma.teamMembership.createMany({
      data: users
        .slice(t * 8, t * 8 + 8)
        .map((u, i) => ({ teamId: team.id, userId: u.id, role: i === 0 ? "manager" : "member" })),
    });
  }
  // Certifications (about one in three people holds one or two, some expired) and endorsements by squad mates.
  const catalogue = taxonomy.certifications.map((c) => c.id);
  const certs: Prisma.PersonCertificationCreateManyInput[] = [];
  const endorsements: Prisma.EndorsementCreateManyInput[] = [];
  const levelOf = new Map(cur.map((c) => [`${c.userId}|${c.skillId}`, c.level]));
  users.forEach((u, i) => {
    if (catalogue.length && i % 3 === 0)
      for (let k = 0; k < 1 + (i % 2); k++)
        certs.push({
          userId: u.id,
          certificationId: catalogue[(i + k * 7) % catalogue.length]!,
          issuedOn: new Date(now - (100 + (i % 700)) * 86_400_000),
          expiresOn: new Date(now + ((i % 900) - 200) * 86_400_000),
        });
    const mate = users[i % 8 === 7 ? i - 7 : i + 1];
    if (!mate || i % 2) return;
    for (const s of skillIds.slice(i % 10, (i % 10) + 3)) {
      const level = levelOf.get(`${u.id}|${s}`);
      if (level && level > 0) endorsements.push({ userId: u.id, skillId: s, endorserId: mate.id, level });
    }
  });
  for (let i = 0; i < certs.length; i += 5000)
    await prisma.personCertification.createMany({ data: certs.slice(i, i + 5000) });
  for (let i = 0; i < endorsements.length; i += 5000)
    await prisma.endorsement.createMany({ data: endorsements.slice(i, i + 5000) });
  const reviews = await seedReviews(prisma, { run, users, manager, bigTeamId: big.id, squadIds, skillIds, rnd, now });
  return {
    teamId: big.id,
    managerId: manager.id,
    people: users.length,
    ratings: ratings.length,
    reviews: reviews.completed + reviews.inProgress,
    completedReviews: reviews.completed,
    openReviews: reviews.inProgress,
    skills: skillIds.length,
  };
}

if (process.argv[1]?.endsWith("seed-large.ts")) {
  runCli(async () => {
    const { values } = parseArgs({
      options: {
        people: { type: "string", default: "500" },
        skills: { type: "string", default: "150" },
        prefix: { type: "string", default: "bench" },
        "database-url": { type: "string" },
      },
      allowPositionals: true,
    });
    if (values["database-url"]) process.env.DATABASE_URL = values["database-url"];
    const people = Number(values.people);
    const skills = Number(values.skills);
    if (!Number.isInteger(people) || people < 1 || people > 100_000)
      throw new Error("--people must be a whole number from 1 to 100000");
    if (!Number.isInteger(skills) || skills < 1 || skills > 1000)
      throw new Error("--skills must be a whole number from 1 to 1000");
    const r = await withCliDb((prisma) => seedLarge(prisma, { people, skills, prefix: values.prefix! }));
    console.log(
      `Seeded ${r.people} people, ${r.ratings} rating rows, ${r.completedReviews} completed and ${r.openReviews} open reviews over ${r.skills} skills; ` +
        `large team id ${r.teamId}, manager id ${r.managerId} (password for generated people: ${BENCH_PASSWORD}).`,
    );
  });
}

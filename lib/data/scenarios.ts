import "server-only";
import { db } from "./db";
import { assertLookupId, DataError, NotFoundError, type FieldErrors } from "./errors";
import { getTaxonomy } from "./taxonomy";
import { createGoal } from "./goals";
import { COVERAGE_LEVEL } from "./team-audit";
import { managedTeamsWhere, type Actor } from "@/lib/data/policy";
import { teamTargetProfile, type TeamMember } from "@/lib/domain";
import { personalScenario, teamScenario, type Raise } from "@/lib/domain/scenario";

/** At most this many members taken out, and skills raised, in one scenario. */
export const SCENARIO_MAX = 20;

/**
 * "What if these members leave": the team's figures recomputed without them, for those who see individual cells
 * (the team's managers, admins). Anyone else gets NotFoundError: the check is inside both queries. An id that is not
 * a member of the team comes back as a field message on `without` and no scenario, never as a hint about who it is.
 * Three queries whatever the team size: team, ratings, taxonomy version (cached).
 */
export async function getTeamScenario(actor: Actor, teamId: string, without: readonly string[]) {
  assertLookupId(teamId);
  const prisma = await db();
  const managed = { AND: [{ id: teamId }, managedTeamsWhere(actor)] };
  const [team, ratings, taxonomy] = await Promise.all([
    prisma.team.findFirst({
      where: managed,
      select: {
        id: true,
        memberships: {
          where: { role: "member" },
          orderBy: { createdAt: "asc" },
          select: { user: { select: { id: true, name: true, email: true } } },
        },
        targetRoles: { select: { roleId: true, count: true } },
        targetSkills: { select: { skillId: true, level: true, count: true } },
      },
    }),
    prisma.currentRating.findMany({
      where: {
        skill: { retired: false },
        user: { memberships: { some: { teamId, role: "member", team: managedTeamsWhere(actor) } } },
      },
      select: { userId: true, skillId: true, level: true },
    }),
    getTaxonomy(),
  ]);
  if (!team) throw new NotFoundError();

  const people = team.memberships
    .map((m) => ({ id: m.user.id, name: m.user.name ?? m.user.email }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const levels = new Map<string, Record<string, number>>(people.map((p) => [p.id, {}]));
  for (const r of ratings) {
    const l = levels.get(r.userId);
    if (l) l[r.skillId] = r.level;
  }
  const members: TeamMember[] = people.map((p) => ({ ...p, levels: levels.get(p.id)! }));
  const skillName = new Map(taxonomy.skills.map((s) => [s.id, s.name]));
  const base = { people, skillName: Object.fromEntries(skillName), coverageLevel: COVERAGE_LEVEL };

  const chosen = [...new Set(without)];
  const errors: FieldErrors = {};
  if (chosen.length > SCENARIO_MAX) errors.without = [`Choose at most ${SCENARIO_MAX} people.`];
  else if (chosen.some((id) => !levels.has(id)))
    errors.without = ["One of the chosen people is not a member of this team. Choose from the list."];
  if (errors.without || chosen.length === 0) return { ...base, without: [] as string[], errors, scenario: null };

  const target = teamTargetProfile(team.targetRoles, team.targetSkills, taxonomy);
  const scenario = teamScenario(members, {
    without: chosen,
    target,
    skillIds: taxonomy.skills.map((s) => s.id),
    coverageLevel: COVERAGE_LEVEL,
  });
  return { ...base, without: chosen, errors, scenario, hasTarget: target.length > 0 };
}
export type TeamScenarioView = Awaited<ReturnType<typeof getTeamScenario>>;

/** The actor's own roles and current levels (known skills only). NotFoundError when the account does not exist. */
async function myProfile(actor: Actor) {
  const prisma = await db();
  const [taxonomy, me] = await Promise.all([
    getTaxonomy(),
    prisma.user.findUnique({
      where: { id: actor.id },
      select: {
        currentRoleId: true,
        targetRoleId: true,
        currentRatings: { select: { skillId: true, level: true } },
        goals: { where: { status: "open" }, select: { skillId: true } },
      },
    }),
  ]);
  if (!me) throw new NotFoundError();
  const known = new Set(taxonomy.skills.map((s) => s.id));
  const levels = Object.fromEntries(
    me.currentRatings.filter((r) => known.has(r.skillId)).map((r) => [r.skillId, r.level]),
  );
  return { taxonomy, me, levels, known };
}

/**
 * "What if I learn these": the actor's fit to their target, suggestions and reachable roles with `raises` applied,
 * beside today's. Unknown skills come back as a field message on `raise` and no scenario.
 */
export async function getWhatIf(actor: Actor, raises: readonly Raise[]) {
  const { taxonomy, me, levels, known } = await myProfile(actor);
  const skills = taxonomy.skills
    .map((s) => ({ id: s.id, name: s.name, current: levels[s.id] ?? 0 }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const errors: FieldErrors = {};
  if (raises.some((r) => !known.has(r.skill))) errors.raise = ["Choose a skill from the list."];
  if (errors.raise || raises.length === 0) return { skills, errors, scenario: null };
  const scenario = personalScenario(levels, raises, {
    currentRoleId: me.currentRoleId,
    targetRoleId: me.targetRoleId,
    taxonomy,
  });
  return { skills, errors, scenario, hasTarget: me.targetRoleId !== null };
}
export type WhatIfView = Awaited<ReturnType<typeof getWhatIf>>;

/**
 * "Save as goals": one open goal per raised skill, at the raised level. Skips skills with an open goal already and
 * raises at or below the current level; says which were created and which were skipped, and why.
 */
export async function saveWhatIfGoals(actor: Actor, raises: readonly Raise[]) {
  const { taxonomy, me, levels, known } = await myProfile(actor);
  const unknown = raises.find((r) => !known.has(r.skill));
  if (unknown) throw new DataError(`Unknown skill "${unknown.skill}".`, { raise: ["Choose a skill from the list."] });
  const name = new Map(taxonomy.skills.map((s) => [s.id, s.name]));
  const open = new Set(me.goals.map((g) => g.skillId));
  const created: { skillId: string; name: string; targetLevel: number }[] = [];
  const skipped: { skillId: string; name: string; why: "open goal" | "already at level" }[] = [];
  const seen = new Set<string>();
  for (const r of raises) {
    if (seen.has(r.skill)) continue;
    seen.add(r.skill);
    const entry = { skillId: r.skill, name: name.get(r.skill)! };
    if (open.has(r.skill)) skipped.push({ ...entry, why: "open goal" });
    else if ((levels[r.skill] ?? 0) >= r.level) skipped.push({ ...entry, why: "already at level" });
    else {
      // One at a time through createGoal (a handful of skills at most): it re-checks for an open goal on write.
      await createGoal(actor, {
        skillId: r.skill,
        targetLevel: r.level,
        dueDate: null,
        note: "From a what-if scenario",
      });
      created.push({ ...entry, targetLevel: r.level });
    }
  }
  return { created, skipped };
}

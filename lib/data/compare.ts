import "server-only";
import { db } from "./db";
import { NotFoundError } from "./errors";
import { getTaxonomy } from "./taxonomy";
import type { Actor } from "@/lib/data/policy";
import { compareAspects, compareRoles, computeRoleFit, fitSummary, personSkillRows, type Role } from "@/lib/domain";
import { levelsVsRole } from "@/lib/domain/taxonomy-views";

export const DEFAULT_PAIR = ["infrastructure-engineer", "platform-engineer"] as const;

/** The value a picker sends for "just me and the first role". */
export const JUST_ME = "none";

const shown = (id: string) => (id.length > 60 ? `${id.slice(0, 60)}…` : id);

/**
 * Me against one role, or two roles side by side by the articles' aspects and by skills, with my level beside both.
 * With no query: my current role against my target role when I have a target, else Infrastructure vs Platform
 * Engineer. An unknown role id or the same role twice gives a message, never an error.
 */
export async function getComparison(actor: Actor, roleA?: string, roleB?: string) {
  const prisma = await db();
  const [taxonomy, me] = await Promise.all([
    getTaxonomy(),
    prisma.user.findUnique({
      where: { id: actor.id },
      select: {
        currentRoleId: true,
        targetRoleId: true,
        currentRatings: { where: { skill: { retired: false } }, select: { skillId: true, level: true } },
      },
    }),
  ]);
  if (!me) throw new NotFoundError();
  const levels = Object.fromEntries(me.currentRatings.map((r) => [r.skillId, r.level]));
  const byId = new Map(taxonomy.roles.map((r) => [r.id, r]));
  const roles = taxonomy.roles.map((r) => ({ id: r.id, title: r.title }));
  const base = { roles, rated: me.currentRatings.length, ratedIds: me.currentRatings.map((r) => r.skillId) };

  const askedA = roleA?.trim() || undefined;
  const askedB = roleB?.trim() || undefined;
  const target = me.targetRoleId && byId.has(me.targetRoleId) ? me.targetRoleId : null;
  const current = me.currentRoleId && byId.has(me.currentRoleId) ? me.currentRoleId : null;
  // Preferred defaults per slot: my current role as A and my target as B, then the articles' pair.
  const prefA = [current, ...DEFAULT_PAIR, target].filter((id): id is string => !!id && byId.has(id));
  const prefB = [target, DEFAULT_PAIR[1], DEFAULT_PAIR[0]].filter((id): id is string => !!id && byId.has(id));
  const pick = (prefs: string[], other: string | undefined) =>
    prefs.find((id) => id !== other) ?? prefs[0] ?? taxonomy.roles[0].id;

  const problems: string[] = [];
  for (const asked of [askedA, askedB]) {
    if (asked && asked !== JUST_ME && !byId.has(asked)) {
      problems.push(`No role called "${shown(asked)}". Pick one from the list.`);
    }
  }
  if (askedA === JUST_ME) problems.push('"Just me" only works as the second choice. Pick a role first.');
  const knownA = askedA && byId.has(askedA) ? askedA : undefined;
  const knownB = askedB && (askedB === JUST_ME || byId.has(askedB)) ? askedB : undefined;
  const aId = knownA ?? pick(prefA, knownB);
  const bId = knownB ?? pick(prefB, aId);
  const a = byId.get(aId)!;
  const picked = { a: aId, b: bId };
  const empty = { aspects: null, rows: null, comparison: null, single: null, radar: null, summaries: null };
  if (problems.length) return { ...base, ...empty, picked, problems, a: ref(a), b: null };

  if (bId === JUST_ME || bId === aId) {
    if (bId === aId) {
      problems.push(
        `You picked ${a.title} twice. Choose a different second role to see two roles side by side; below is how you match ${a.title} on its own.`,
      );
    }
    const single = computeRoleFit(levels, a, { taxonomy });
    return {
      ...base,
      ...empty,
      picked,
      problems,
      a: ref(a),
      b: null,
      single,
      summaries: [fitSummary(single)],
      radar: levelsVsRole(levels, a, taxonomy),
    };
  }
  const b = byId.get(bId)!;
  const comparison = compareRoles(levels, a, b, { taxonomy });
  return {
    ...base,
    ...empty,
    picked,
    problems,
    a: ref(a),
    b: ref(b),
    aspects: compareAspects(taxonomy, a, b),
    comparison,
    rows: personSkillRows(comparison, levels),
    summaries: [fitSummary(comparison.a), fitSummary(comparison.b)],
  };
}

const ref = (r: Role) => ({ id: r.id, title: r.title });

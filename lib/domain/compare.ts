/**
 * Two roles side by side: both fits and the skills that separate them.
 */
import type { Importance, Levels, Role } from "./types";
import { computeRoleFit, type FitOptions, type RoleFit } from "./fit";
import { compareIds } from "./scale";

export type SeparatingSkill = {
  skill: string;
  name: string;
  /** Level required by role A / role B, 0–5 (0 = not required). */
  levelA: number;
  levelB: number;
  importanceA: Importance | null;
  importanceB: Importance | null;
  /** The role that needs the skill at the higher level. */
  moreFor: "a" | "b";
  /** The person's level, 0–5. */
  current: number;
  /** current ≥ max(levelA, levelB). */
  covered: boolean;
};

export type RoleComparison = {
  a: RoleFit;
  b: RoleFit;
  /** Sorted by |levelA − levelB| desc, then skill id. */
  separating: SeparatingSkill[];
  /** Role with the higher fit (0–100); "tie" when equal. */
  closer: "a" | "b" | "tie";
  sentence: string;
};

/**
 * Fits (0–100) of `levels` to two roles and the skills (levels 0–5) required by only one of them
 * or at different levels, with a readable verdict. Throws a DomainError for levels off 0–5.
 */
export function compareRoles(levels: Levels, roleA: Role, roleB: Role, opts?: FitOptions): RoleComparison {
  const a = computeRoleFit(levels, roleA, opts);
  const b = computeRoleFit(levels, roleB, opts);
  const inA = new Map(a.skills.map((s) => [s.skill, s]));
  const inB = new Map(b.skills.map((s) => [s.skill, s]));
  const ids = [...new Set([...inA.keys(), ...inB.keys()])];
  const separating: SeparatingSkill[] = [];
  for (const id of ids) {
    const sa = inA.get(id);
    const sb = inB.get(id);
    const levelA = sa?.required ?? 0;
    const levelB = sb?.required ?? 0;
    if (levelA === levelB) continue; // same level (or one role requires it at level 0)
    const current = levels[id] ?? 0;
    separating.push({
      skill: id,
      name: (sa ?? sb)!.name,
      levelA,
      levelB,
      importanceA: sa?.importance ?? null,
      importanceB: sb?.importance ?? null,
      moreFor: levelA > levelB ? "a" : "b",
      current,
      covered: current >= Math.max(levelA, levelB),
    });
  }
  separating.sort(
    (x, y) => Math.abs(y.levelA - y.levelB) - Math.abs(x.levelA - x.levelB) || compareIds(x.skill, y.skill),
  );
  const closer = a.fit > b.fit ? "a" : b.fit > a.fit ? "b" : "tie";
  return { a, b, separating, closer, sentence: verdict(a, b, closer, separating) };
}

function verdict(a: RoleFit, b: RoleFit, closer: "a" | "b" | "tie", sep: SeparatingSkill[]): string {
  const head =
    closer === "tie"
      ? `You are equally close to ${a.title} and ${b.title} (fit ${a.fit} each).`
      : closer === "a"
        ? `You are closer to ${a.title} (fit ${a.fit}) than to ${b.title} (fit ${b.fit}).`
        : `You are closer to ${b.title} (fit ${b.fit}) than to ${a.title} (fit ${a.fit}).`;
  if (sep.length === 0) return `${head} Both roles ask for the same skills at the same levels.`;
  const covered = sep.filter((s) => s.covered).length;
  const n = sep.length;
  return `${head} ${n} skill${n === 1 ? "" : "s"} separate${n === 1 ? "s" : ""} the roles; you already cover ${covered} of them.`;
}

/**
 * Merging skill B (the source) into skill A (the target), as plain data: which history rows move, the one row per
 * person appended when the level kept is not already the latest row, and how the taxonomy changes. The data layer
 * (lib/data/skill-merge.ts) carries the plan out in one transaction and keeps what an unmerge needs.
 */
import type { Importance, RatingSource, Requirement, Taxonomy } from "./types";

/** One row of the append-only rating history; `id` is the row's bigint id as a decimal string. */
export type MergeRatingRow = {
  id: string;
  userId: string;
  skillId: string;
  level: number;
  note: string | null;
  evidenceUrl: string | null;
  wantsToGrow: boolean;
  source: RatingSource;
  confirmedById: string | null;
  reviewId: string | null;
  certificationId: string | null;
  createdAt: Date;
};

export type AppendedRating = Omit<MergeRatingRow, "id">;

export type RatingMergePlan = {
  /** Ids of every source row: they move to the target, nothing else about them changes. */
  moved: string[];
  /** At most one per person: a copy of the winning row, so the target's latest row holds the level kept. */
  appended: AppendedRating[];
  /** People with at least one source row, sorted. */
  people: string[];
  /** People who had rated both skills. */
  bothRated: number;
  /** People who had rated both and whose target level goes up. */
  raised: number;
  /** Each person's target level after the merge (0–5): the higher of their two current levels. */
  levels: Record<string, number>;
};

/** True when `a` is later in the history than `b`: by time, then by id (ids grow with every insert). */
export function isLater(a: MergeRatingRow, b: MergeRatingRow): boolean {
  const d = a.createdAt.getTime() - b.createdAt.getTime();
  return d !== 0 ? d > 0 : BigInt(a.id) > BigInt(b.id);
}

/** The latest row of a history (its current rating), or undefined for none. */
export function latestRow(rows: readonly MergeRatingRow[]): MergeRatingRow | undefined {
  return rows.reduce<MergeRatingRow | undefined>((best, r) => (!best || isLater(r, best) ? r : best), undefined);
}

/**
 * The rating side of a merge. `rows`: every history row of the people concerned for either skill (rows of other
 * skills are ignored). Per person, the higher current level wins; on a tie the later row stays current. When the
 * winner is not the latest row once both histories are one, a copy of it is appended at `now` (or just after the
 * latest row, should that be later), so the latest row always equals the current level.
 */
export function planRatingMerge(
  rows: readonly MergeRatingRow[],
  opts: { sourceId: string; targetId: string; now: Date },
): RatingMergePlan {
  const byPerson = new Map<string, { a: MergeRatingRow[]; b: MergeRatingRow[] }>();
  for (const r of rows) {
    if (r.skillId !== opts.sourceId && r.skillId !== opts.targetId) continue;
    const h = byPerson.get(r.userId) ?? { a: [], b: [] };
    (r.skillId === opts.sourceId ? h.b : h.a).push(r);
    byPerson.set(r.userId, h);
  }
  const plan: RatingMergePlan = { moved: [], appended: [], people: [], bothRated: 0, raised: 0, levels: {} };
  for (const [userId, { a, b }] of [...byPerson].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
    if (b.length === 0) continue;
    plan.people.push(userId);
    plan.moved.push(...b.map((r) => r.id));
    const curA = latestRow(a);
    const curB = latestRow(b)!;
    const latest = latestRow([...a, ...b])!;
    let winner = curB;
    if (curA) {
      plan.bothRated += 1;
      if (curA.level > curB.level) winner = curA;
      else if (curA.level === curB.level) winner = latest;
      else plan.raised += 1;
    }
    plan.levels[userId] = winner.level;
    if (winner !== latest) {
      plan.appended.push({
        userId,
        skillId: opts.targetId,
        level: winner.level,
        note: winner.note,
        evidenceUrl: winner.evidenceUrl,
        wantsToGrow: winner.wantsToGrow,
        source: winner.source,
        confirmedById: winner.confirmedById,
        // A copy, not the review's own record: the review keeps pointing at the original row only.
        reviewId: null,
        certificationId: winner.certificationId,
        createdAt: new Date(Math.max(opts.now.getTime(), latest.createdAt.getTime() + 1)),
      });
    }
  }
  return plan;
}

/** The history after a plan is carried out; `appendedIds` are the ids the database gave the appended rows. */
export function mergedRows(
  rows: readonly MergeRatingRow[],
  plan: RatingMergePlan,
  targetId: string,
  appendedIds: readonly string[],
): MergeRatingRow[] {
  const moved = new Set(plan.moved);
  return [
    ...rows.map((r) => (moved.has(r.id) ? { ...r, skillId: targetId } : r)),
    ...plan.appended.map((r, i) => ({ ...r, id: appendedIds[i]! })),
  ];
}

/** The history after an unmerge: moved rows back on the source, appended rows gone, rows added since kept. */
export function unmergedRows(
  rows: readonly MergeRatingRow[],
  undo: { sourceId: string; targetId: string; moved: readonly string[]; appended: readonly string[] },
): MergeRatingRow[] {
  const moved = new Set(undo.moved);
  const appended = new Set(undo.appended);
  return rows
    .filter((r) => !(appended.has(r.id) && r.skillId === undo.targetId))
    .map((r) => (moved.has(r.id) && r.skillId === undo.targetId ? { ...r, skillId: undo.sourceId } : r));
}

const RANK: Record<Importance, number> = { core: 3, important: 2, bonus: 1 };

/** One role's requirement of the source, and of the target when it has one, and what the role requires after. */
export type RequirementChange = {
  roleId: string;
  title: string;
  source: Requirement;
  target: Requirement | null;
  result: Requirement;
};

export type TaxonomyMerge =
  | {
      ok: true;
      taxonomy: Taxonomy;
      requirements: RequirementChange[];
      /** Skills whose prerequisites change (the target too, when it takes on the source's). */
      prerequisites: string[];
      /** Certifications that listed the source. */
      certifications: string[];
    }
  | { ok: false; problems: string[] };

/**
 * The taxonomy with the source merged into the target, under `version`: the source is gone; its name, aliases and
 * tools join the target's; a role requiring it requires the target instead (both: the higher level and the higher
 * importance); prerequisites naming it name the target (a skill never requires itself, nor one skill twice);
 * certifications listing it list the target. Refused when the result would have a prerequisite loop.
 */
export function mergeTaxonomy(t: Taxonomy, sourceId: string, targetId: string, version: string): TaxonomyMerge {
  const source = t.skills.find((s) => s.id === sourceId);
  const target = t.skills.find((s) => s.id === targetId);
  if (!source || !target || sourceId === targetId)
    return { ok: false, problems: ["Choose two different active skills."] };
  const swap = (id: string) => (id === sourceId ? targetId : id);
  const unique = (list: string[]) => [...new Set(list)];
  const prerequisites: string[] = [];
  const skills = t.skills
    .filter((s) => s.id !== sourceId)
    .map((s) => {
      const own = s.id === targetId ? [...s.prerequisites, ...source.prerequisites] : s.prerequisites;
      const next = unique(own.map(swap)).filter((p) => p !== s.id);
      if (next.join("\n") !== s.prerequisites.join("\n")) prerequisites.push(s.id);
      if (s.id !== targetId) return { ...s, prerequisites: next };
      const lower = s.name.trim().toLowerCase();
      const aliases = unique([...s.aliases, source.name, ...source.aliases]).filter(
        (a) => a.trim().toLowerCase() !== lower,
      );
      return { ...s, aliases, tools: unique([...s.tools, ...source.tools]), prerequisites: next };
    });
  const requirements: RequirementChange[] = [];
  const roles = t.roles.map((r) => {
    const fromSource = r.requirements.find((q) => q.skill === sourceId);
    if (!fromSource) return r;
    const fromTarget = r.requirements.find((q) => q.skill === targetId) ?? null;
    const result: Requirement = {
      skill: targetId,
      level: Math.max(fromSource.level, fromTarget?.level ?? 0),
      importance:
        fromTarget && RANK[fromTarget.importance] > RANK[fromSource.importance]
          ? fromTarget.importance
          : fromSource.importance,
    };
    requirements.push({ roleId: r.id, title: r.title, source: fromSource, target: fromTarget, result });
    // The merged requirement takes the target's place, or the source's when the role did not require the target.
    const keepAt = fromTarget ? targetId : sourceId;
    return {
      ...r,
      requirements: r.requirements.flatMap((q) =>
        q.skill === keepAt ? [result] : q.skill === sourceId || q.skill === targetId ? [] : [q],
      ),
    };
  });
  const certifications: string[] = [];
  const certs = t.certifications.map((c) => {
    if (!c.skills.includes(sourceId)) return c;
    certifications.push(c.id);
    return { ...c, skills: unique(c.skills.map(swap)) };
  });
  const taxonomy: Taxonomy = { ...t, version, skills, roles, certifications: certs };
  const loop = prerequisiteLoop(taxonomy);
  if (loop) {
    const name = new Map(skills.map((s) => [s.id, s.name]));
    return {
      ok: false,
      problems: [
        `Merging would make these skills prerequisites of each other: ${loop.map((id) => name.get(id) ?? id).join(" → ")}. ` +
          "Remove one of those prerequisites from the taxonomy first.",
      ],
    };
  }
  return { ok: true, taxonomy, requirements, prerequisites, certifications };
}

/** A prerequisite loop as skill ids ("a → b → a"), or null when there is none. */
export function prerequisiteLoop(t: Taxonomy): string[] | null {
  const next = new Map(t.skills.map((s) => [s.id, s.prerequisites]));
  const state = new Map<string, "active" | "done">();
  const stack: string[] = [];
  const visit = (id: string): string[] | null => {
    state.set(id, "active");
    stack.push(id);
    for (const p of next.get(id) ?? []) {
      if (!next.has(p)) continue;
      if (state.get(p) === "active") return [...stack.slice(stack.indexOf(p)), p];
      if (!state.has(p)) {
        const found = visit(p);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(id, "done");
    return null;
  };
  for (const s of t.skills) {
    if (state.has(s.id)) continue;
    const found = visit(s.id);
    if (found) return found;
  }
  return null;
}

const SUFFIX = /-(?:un)?merge\.(\d+)$/;

/**
 * A new version string for a merge or an unmerge of the taxonomy at `current`: "2026.11.2" → "2026.11.2-merge.1",
 * then "2026.11.2-unmerge.2"; the number is one above any already used with the same root in `taken`.
 */
export function nextVersion(current: string, kind: "merge" | "unmerge", taken: readonly string[]): string {
  const root = versionRoot(current);
  let n = 0;
  for (const v of taken) {
    const m = SUFFIX.exec(v);
    if (m && v.slice(0, m.index) === root) n = Math.max(n, Number(m[1]));
  }
  return `${root}-${kind}.${n + 1}`;
}

/** The version string without a merge or unmerge suffix. */
export function versionRoot(version: string): string {
  return version.replace(SUFFIX, "");
}

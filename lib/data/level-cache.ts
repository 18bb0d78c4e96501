import "server-only";
import type { Taxonomy } from "@/lib/domain/types";

/**
 * Parsed level summaries (PersonLevels), kept per process until a person's version moves (appendRatings raises it in
 * the transaction that changes a level). Shared by the organisation report and the team audit, so either page parses a
 * summary once for both. `levels` holds the active skills only, refiltered when the taxonomy object changes; the same
 * object is handed out on every call, so the domain's per-levels vectors are reused too. Bounded: cleared past
 * MAX_CACHED people.
 */
export type CachedLevels = {
  version: number;
  raw: Record<string, number>;
  taxonomy: Taxonomy;
  levels: Record<string, number>;
};

const MAX_CACHED = 200_000;
const levelCache = ((globalThis as { skillgapLevelCache?: Map<string, CachedLevels> }).skillgapLevelCache ??=
  new Map());

/** One call's view of the cache: the entries it reads, taken when it checked them, and the ids it must read. */
export type LevelRead = { entries: Map<string, CachedLevels>; stale: string[] };

/**
 * Splits people (with their summary's version; 0: nothing rated) into the entries cached at that version, taken now,
 * and the ids whose summary must be read. Holding the entries keeps them for the whole call, even if another request
 * clears the shared cache while this one waits for the database.
 */
export function checkCached(people: readonly { id: string; version: number }[]): LevelRead {
  const entries = new Map<string, CachedLevels>();
  const stale: string[] = [];
  for (const p of people) {
    if (p.version === 0) continue;
    const cached = levelCache.get(p.id);
    if (cached?.version === p.version) entries.set(p.id, cached);
    else stale.push(p.id);
  }
  return { entries, stale };
}

/** Stores summaries just read (user id, version, levels) in the shared cache and in this call's entries. */
export function storeParsed(read: LevelRead, parsed: readonly [string, number, Record<string, number>][]): void {
  if (levelCache.size + parsed.length > MAX_CACHED) levelCache.clear();
  for (const [userId, version, raw] of parsed) {
    const entry = { version, raw, taxonomy: null as unknown as Taxonomy, levels: raw };
    levelCache.set(userId, entry);
    read.entries.set(userId, entry);
  }
}

const activeSets = new WeakMap<Taxonomy, Set<string>>();

/** The ids of the taxonomy's active skills, as a set (one per taxonomy object). */
export function activeSkillSet(taxonomy: Taxonomy): Set<string> {
  let a = activeSets.get(taxonomy);
  if (!a) activeSets.set(taxonomy, (a = new Set(taxonomy.skills.map((s) => s.id))));
  return a;
}

/**
 * A person's levels of active skills from this call's entries, or null when they have no summary. A summary that
 * changed again between the two reads is newer than the version listed: still the latest.
 */
export function activeLevelsOf(read: LevelRead, userId: string, taxonomy: Taxonomy): Record<string, number> | null {
  const cached = read.entries.get(userId);
  if (!cached) return null;
  if (cached.taxonomy !== taxonomy) {
    const active = activeSkillSet(taxonomy);
    let all = true;
    for (const skill in cached.raw) if (!active.has(skill)) all = false;
    // Skills retired since they were rated are left out.
    cached.levels = all ? cached.raw : Object.fromEntries(Object.entries(cached.raw).filter(([k]) => active.has(k)));
    cached.taxonomy = taxonomy;
  }
  return cached.levels;
}

/**
 * Unlocking gaps: the (skill, level) targets that shrink the core gaps of the most candidate roles.
 */
import type { CompiledTaxonomy, Via } from "./compile";

export type UnlockingGap = {
  skill: string;
  name: string;
  current: number;
  /** Level to reach, 1–5. */
  level: number;
  /** How many candidate roles have fewer core gaps once `skill` reaches `level` (≥ 1). */
  roles: number;
  /** Those roles' ids, sorted. */
  roleIds: string[];
};

/** Gaps (skill → level 1–5) closing core gaps in the most candidates (`via` set); top `limit`, sorted. */
export function unlockingGaps(
  vec: Uint8Array,
  c: CompiledTaxonomy,
  via: (Via | undefined)[],
  limit: number,
): UnlockingGap[] {
  const candidate = new Uint8Array(c.roles.length);
  for (let j = 0; j < candidate.length; j++) candidate[j] = via[j] === undefined ? 0 : 1;
  return unlockingGapsOf(vec, c, candidate, limit);
}

// Scratch counters reused across calls (the hot path runs once per person), always left zeroed.
// Per skill, 8 slots: [1..5] candidate core gaps whose required level is that level, [6] bit mask
// of those levels, [7] all of them.
let counts = new Int32Array(0);
let touched = new Int32Array(0);
// The best entries so far (at most 5 per skill), as parallel arrays: packed key, skill, level, unlocks.
let bestKeyBuf = new Float64Array(0);
let bestEntryBuf = new Int32Array(0);

/**
 * Same as unlockingGaps with candidates given as a mask (`candidate[j]` ≠ 0 for role index j).
 * Sorted by roles unlocked desc, then smallest step (level − current), then skill id, then level.
 */
export function unlockingGapsOf(
  vec: Uint8Array,
  c: CompiledTaxonomy,
  candidate: Uint8Array,
  limit: number,
): UnlockingGap[] {
  if (!(limit > 0)) return [];
  const nSkills = c.skillIds.length;
  const roles = c.roles;
  if (counts.length < nSkills * 8) {
    counts = new Int32Array(nSkills * 8);
    touched = new Int32Array(nSkills);
    bestKeyBuf = new Float64Array(nSkills * 5);
    bestEntryBuf = new Int32Array(nSkills * 5 * 3);
  }
  const cnt = counts,
    tch = touched;
  let nTouched = 0;
  for (let j = 0; j < roles.length; j++) {
    if (candidate[j] === 0) continue;
    const r = roles[j]!;
    const skill = r.reqSkill,
      level = r.reqLevel;
    for (let k = 0; k < r.coreCount; k++) {
      const s = skill[k]!,
        q = level[k]!;
      if (vec[s]! >= q) continue;
      const o = s * 8;
      if (cnt[o + 7] === 0) tch[nTouched++] = s;
      cnt[o + 7]!++;
      cnt[o + q]!++;
      cnt[o + 6]! |= 1 << q;
    }
  }

  // Keep the best `limit` (skill, level) entries by one packed key, higher = better:
  // unlocks (≤ role count) › smaller step (1–5) › lower skill-id rank (< 2^16) › lower level (1–5).
  const bestKey = bestKeyBuf,
    best = bestEntryBuf;
  let nBest = 0;
  const rank = c.skillRank;
  for (let t = 0; t < nTouched; t++) {
    const s = tch[t]!,
      o = s * 8;
    // A skill's entries unlock at most cnt[o + 7] roles: skip it when that cannot enter the list.
    if (nBest >= limit && cnt[o + 7]! < best[(nBest - 1) * 3 + 2]!) continue;
    const v = vec[s]!,
      r16 = 65535 - rank[s]!;
    let cum = 0;
    for (let mask = cnt[o + 6]!; mask !== 0; mask &= mask - 1) {
      const L = 31 - Math.clz32(mask & -mask);
      cum += cnt[o + L]!;
      const key = ((cum * 8 + (7 - (L - v))) * 65536 + r16) * 8 + (7 - L);
      let p = nBest;
      if (p >= limit) {
        if (key <= bestKey[p - 1]!) continue;
        p--;
      } else nBest++;
      while (p > 0 && key > bestKey[p - 1]!) {
        bestKey[p] = bestKey[p - 1]!;
        best[p * 3] = best[p * 3 - 3]!;
        best[p * 3 + 1] = best[p * 3 - 2]!;
        best[p * 3 + 2] = best[p * 3 - 1]!;
        p--;
      }
      bestKey[p] = key;
      best[p * 3] = s;
      best[p * 3 + 1] = L;
      best[p * 3 + 2] = cum;
    }
  }
  for (let t = 0; t < nTouched; t++) {
    const o = tch[t]! * 8;
    cnt[o + 1] = cnt[o + 2] = cnt[o + 3] = cnt[o + 4] = cnt[o + 5] = cnt[o + 6] = cnt[o + 7] = 0;
  }

  const out: UnlockingGap[] = [];
  for (let b = 0; b < nBest; b++) {
    const s = best[b * 3]!,
      L = best[b * 3 + 1]!,
      v = vec[s]!;
    const ids: string[] = [];
    const holders = c.coreRolesBySkill[s]!;
    for (let x = 0; x < holders.length; x++) {
      const j = holders[x]!;
      const q = c.coreLevel[j * nSkills + s]!;
      if (candidate[j] !== 0 && q > v && q <= L) ids.push(roles[j]!.id);
    }
    out.push({
      skill: c.skillIds[s]!,
      name: c.skillNames[s]!,
      current: v,
      level: L,
      roles: best[b * 3 + 2]!,
      roleIds: ids,
    });
  }
  return out;
}

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
export function unlockingGaps(vec: Uint8Array, c: CompiledTaxonomy, via: (Via | undefined)[], limit: number): UnlockingGap[] {
  const nSkills = c.skillIds.length;
  const counts = new Uint16Array(nSkills * 8);
  const touched: number[] = [];
  const roles = c.roles;
  for (let j = 0; j < roles.length; j++) {
    if (via[j] === undefined) continue;
    const r = roles[j]!;
    for (let k = 0; k < r.reqSkill.length; k++) {
      const s = r.reqSkill[k]!, q = r.reqLevel[k]!;
      if (r.reqRank[k] !== 0 || vec[s]! >= q) continue;
      if (counts[s * 8 + 7] === 0) touched.push(s);
      counts[s * 8 + 7]!++;
      counts[s * 8 + q]!++;
    }
  }
  // Candidate entries packed as [skill, level, unlocks]; keep the best `limit`.
  const best: [number, number, number][] = [];
  const before = (a: [number, number, number], b: [number, number, number]) =>
    a[2] > b[2] ||
    (a[2] === b[2] &&
      (a[1] - vec[a[0]]! < b[1] - vec[b[0]]! ||
        (a[1] - vec[a[0]]! === b[1] - vec[b[0]]! &&
          (c.skillRank[a[0]]! < c.skillRank[b[0]]! || (a[0] === b[0] && a[1] < b[1])))));
  for (const s of touched) {
    let cum = 0;
    for (let L = vec[s]! + 1; L <= 5; L++) {
      const here = counts[s * 8 + L]!;
      if (here === 0) continue;
      cum += here;
      const e: [number, number, number] = [s, L, cum];
      if (best.length < limit || before(e, best[best.length - 1]!)) {
        let p = best.length < limit ? best.length : best.length - 1;
        while (p > 0 && before(e, best[p - 1]!)) {
          best[p] = best[p - 1]!;
          p--;
        }
        best[p] = e;
      }
    }
  }
  return best.map(([s, L, count]) => {
    const ids: string[] = [];
    for (let j = 0; j < roles.length; j++) {
      const q = c.coreLevel[j * nSkills + s]!;
      if (via[j] !== undefined && q > vec[s]! && q <= L) ids.push(roles[j]!.id);
    }
    ids.sort();
    return { skill: c.skillIds[s]!, name: c.skillNames[s]!, current: vec[s]!, level: L, roles: count, roleIds: ids };
  });
}

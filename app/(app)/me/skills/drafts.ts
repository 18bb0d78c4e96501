import type { ScaleLevel } from "@/lib/domain/types";

/** A rating as the page received it (dates as ISO strings). */
export type Rating = {
  skillId: string;
  level: number;
  note: string | null;
  evidenceUrl: string | null;
  certificationId: string | null;
  wantsToGrow: boolean;
  source: string;
  updatedAt: string;
  stale: boolean;
};

/** What the person has typed for one skill; `level: null` is "not rated", which is not the same as a chosen 0. */
export type Draft = {
  level: number | null;
  note: string;
  evidenceUrl: string;
  /** One of the person's certifications cited as evidence; "" for none. */
  certificationId: string;
  wantsToGrow: boolean;
};
export type Drafts = Record<string, Draft>;

export const toDraft = (r?: Rating): Draft => ({
  level: r?.level ?? null,
  note: r?.note ?? "",
  evidenceUrl: r?.evidenceUrl ?? "",
  certificationId: r?.certificationId ?? "",
  wantsToGrow: r?.wantsToGrow ?? false,
});

export const sameDraft = (a: Draft, b: Draft) =>
  a.level === b.level &&
  a.note === b.note &&
  a.evidenceUrl === b.evidenceUrl &&
  a.certificationId === b.certificationId &&
  a.wantsToGrow === b.wantsToGrow;

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * Drafts read back from session storage, kept only where they are well formed, name a skill on the page and differ
 * from what is saved (anything else is stale: saved elsewhere since, or a skill that was retired).
 */
export function restorableDrafts(
  stored: unknown,
  known: ReadonlySet<string>,
  saved: ReadonlyMap<string, Rating>,
  scale: readonly ScaleLevel[],
): Drafts {
  if (!stored || typeof stored !== "object") return {};
  const levels = new Set(scale.map((l) => l.level));
  const out: Drafts = {};
  for (const [id, v] of Object.entries(stored as Record<string, unknown>)) {
    const d = v as Partial<Draft> | null;
    if (!known.has(id) || !d || typeof d !== "object") continue;
    if (!(d.level === null || (typeof d.level === "number" && levels.has(d.level)))) continue;
    if (typeof d.note !== "string" || typeof d.evidenceUrl !== "string" || typeof d.wantsToGrow !== "boolean") continue;
    // Drafts kept before certifications existed have no evidence field: they keep what is saved.
    const certificationId =
      typeof d.certificationId === "string" ? d.certificationId : (saved.get(id)?.certificationId ?? "");
    const draft: Draft = {
      level: d.level,
      note: d.note,
      evidenceUrl: d.evidenceUrl,
      certificationId,
      wantsToGrow: d.wantsToGrow,
    };
    if (!sameDraft(draft, toDraft(saved.get(id)))) out[id] = draft;
  }
  return out;
}

/**
 * Readable sentences explaining a suggestion. Pure string building; skill NAMES, never ids.
 */
import type { Readiness } from "./fit";
import { joinNames } from "./scale";

export type CoreGap = {
  skill: string;
  name: string;
  /** 0–4 */
  current: number;
  /** 1–5 */
  required: number;
  /** required − current, 1–5 */
  gap: number;
};

export type ReasonInput = {
  fit: number;
  readiness: Readiness;
  coreTotal: number;
  /** Sorted biggest gap first, then skill id. */
  coreGaps: readonly CoreGap[];
  effort: number;
  /** Fit (0–100) once every core gap is closed, and the readiness it would give. */
  fitWithoutCoreGaps: number;
  readinessWithoutCoreGaps: Readiness;
};

/** At most this many core gaps are spelled out as "raising X a→b" steps. */
export const REASON_MAX_LISTED = 3;

/** `${fit}` for fits 0–100 with one decimal, precomputed: number-to-string is costly when explaining every person's top roles. */
const FIT_TEXT: readonly string[] = Array.from({ length: 1001 }, (_, k) => String(k / 10));
function fitText(fit: number): string {
  const k = Math.round(fit * 10);
  return k >= 0 && k <= 1000 && k / 10 === fit ? FIT_TEXT[k]! : String(fit);
}

const steps = (gaps: readonly CoreGap[]) => joinNames(gaps.map((g) => `${g.name} ${g.current}→${g.required}`));
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** One readable sentence explaining how far a role is (fit 0–100, gaps in levels 0–5). */
export function suggestionReason(x: ReasonInput): string {
  const gaps = x.coreGaps;
  if (x.coreTotal === 0) {
    return x.readiness === "ready"
      ? `No core skills required and your fit is ${fitText(x.fit)}; you are ready now.`
      : `No core skills required; fit ${fitText(x.fit)}, with ${plural(x.effort, "level step", "level steps")} to climb in total.`;
  }
  const met = x.coreTotal - gaps.length;
  if (gaps.length === 0) {
    return x.readiness === "ready"
      ? `You meet all ${plural(x.coreTotal, "core skill", "core skills")} (fit ${fitText(x.fit)}); you are ready now.`
      : `You meet all ${plural(x.coreTotal, "core skill", "core skills")}; fit ${fitText(x.fit)} — ${plural(x.effort, "more level step", "more level steps")} on other skills would make you ready.`;
  }
  const head = `You meet ${met} of ${plural(x.coreTotal, "core skill", "core skills")}`;
  if (gaps.length > REASON_MAX_LISTED) {
    return `${head}; the biggest core gaps are ${steps(gaps.slice(0, REASON_MAX_LISTED))}.`;
  }
  return x.readinessWithoutCoreGaps === "ready"
    ? `${head}; raising ${steps(gaps)} would make you ready.`
    : `${head}; raising ${steps(gaps)} would close every core gap (fit ${fitText(x.fit)} → ${fitText(x.fitWithoutCoreGaps)}).`;
}

import type { ReviewSide, ReviewState } from "@/lib/domain/review";
import type { ScaleLevel } from "@/lib/domain/types";
import type { ReviewVersion } from "./use-review-version";

export type Line = {
  skillId: string;
  skillName: string;
  selfLevel: number | null;
  managerLevel: number | null;
  agreedLevel: number | null;
  effectiveLevel: number | null;
  /** The person's current rating (0–5) and when it was set (YYYY-MM-DD), or null when they never rated the skill. */
  currentLevel: number | null;
  currentRatedOn: string | null;
  /** The skill's own descriptors for levels 1–5, or empty when the generic scale applies. */
  levels: string[];
};

export type Review = {
  id: string;
  version: number;
  state: ReviewState;
  side: ReviewSide;
  /** false: the subject left the team; they read the review but change nothing. */
  canWrite: boolean;
  summary: string | null;
  lines: Line[];
  comments: { id: string; skillId: string; body: string; author: string; createdAt: string }[];
};

/**
 * What every per-state form of the review gets. `announce` puts an accepted write's line in the workspace's status,
 * which outlives the form (completing the discussion replaces it); null clears it after a refusal.
 */
export type ReviewFormProps = {
  review: Review;
  scale: ScaleLevel[];
  version: ReviewVersion;
  announce: (text: string | null) => void;
};

export const reviewInput = "min-h-11 rounded border border-slate-400 px-2 py-1";
/** Buttons of the review's forms: 44 px targets. */
export const primaryButton = "min-h-11 rounded bg-brand-700 px-4 py-2 font-medium text-white disabled:opacity-60";
export const secondaryButton =
  "min-h-11 rounded border border-brand-700 bg-white px-4 py-2 text-brand-700 disabled:opacity-60";

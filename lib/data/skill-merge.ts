/**
 * Merging one skill into another, and undoing it: what callers import. The preview, the list of merges and where a
 * merged skill's links lead (skill-merge-preview), the merge (skill-merge-apply), the undo (skill-merge-undo); the
 * checks, the undo record and the locks they share in skill-merge-checks, -record and -tx.
 */
export type { MergePair, MergeSkillsOptions } from "./skill-merge-checks";
export { listMerges, mergedInto, previewMerge, type MergeListItem, type MergePreview } from "./skill-merge-preview";
export { mergeSkills, STALE_PREVIEW, type MergeResult } from "./skill-merge-apply";
export { unmergeLatest, type UnmergeResult } from "./skill-merge-undo";

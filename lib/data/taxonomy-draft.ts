/**
 * The taxonomy editor's shared draft: what callers import. Reading and the preview with its people counts
 * (taxonomy-draft-preview), starting, editing and discarding (taxonomy-draft-edit, -skills, -roles), publishing
 * (taxonomy-draft-publish); the row itself in taxonomy-draft-store, validation errors in the form's words in
 * taxonomy-draft-words.
 */
export { DRAFT_CHANGED, DRAFT_GONE, type DraftView } from "./taxonomy-draft-store";
export { getDraft, previewDraft, type DraftPreview } from "./taxonomy-draft-preview";
export { discardDraft, startDraft } from "./taxonomy-draft-edit";
export {
  addDraftSkill,
  retireDraftSkill,
  updateDraftSkill,
  type DraftSkillInput,
  type NewDraftSkillInput,
} from "./taxonomy-draft-skills";
export { updateDraftPaths, updateDraftRole, type DraftPathsInput, type DraftRoleInput } from "./taxonomy-draft-roles";
export { publishDraft, staleMessage, VERSION_MAX } from "./taxonomy-draft-publish";

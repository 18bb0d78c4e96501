"use server";
import { revalidatePages } from "@/lib/actions/revalidate";
import { createAction } from "@/lib/actions/safe-action";
import { ConflictError, DataError } from "@/lib/data/errors";
import {
  addDraftSkill,
  discardDraft,
  publishDraft,
  retireDraftSkill,
  startDraft,
  updateDraftPaths,
  updateDraftRole,
  updateDraftSkill,
  VERSION_MAX,
} from "@/lib/data/taxonomy-draft";
import { PATH_KINDS } from "@/lib/domain/taxonomy-diff";
import { choice, id, level, list, noInput, optionalText, requiredText, wholeNumber, z } from "@/lib/validation";

const EDITOR = "/admin/taxonomy";
const revision = () => wholeNumber("Draft revision", 1, 2_000_000_000);

/** Text typed one per line or separated by commas → the distinct, trimmed items, in order. */
const itemList = (what: string, maxItems: number) =>
  optionalText(4000, what).transform((text, ctx) => {
    const items = [...new Set((text ?? "").split(/[\n,]/).map((s) => s.trim()))].filter(Boolean);
    if (items.length > maxItems) ctx.addIssue({ code: "custom", message: `${what}: at most ${maxItems}, please.` });
    const long = items.find((s) => s.length > 120);
    if (long)
      ctx.addIssue({ code: "custom", message: `${what}: "${long.slice(0, 30)}…" is longer than 120 characters.` });
    return items;
  });

/** Five descriptors (levels 1–5): all filled in, or all left empty (the generic scale applies). */
const descriptors = () =>
  z
    .array(optionalText(1000, "Level descriptor"), { message: "Send the five level descriptors as a list." })
    .length(5, "Send the five level descriptors, for levels 1 to 5.")
    .superRefine((levels, ctx) => {
      const filled = levels.filter((l) => l !== null).length;
      if (filled === 0 || filled === 5) return;
      levels.forEach((l, i) => {
        if (l === null)
          ctx.addIssue({
            code: "custom",
            path: [i],
            message: `Level ${i + 1}: write all five descriptors, or leave all five empty to use the general scale.`,
          });
      });
    })
    .transform((levels) => (levels.every((l) => l !== null) ? (levels as string[]) : []));

const httpsAddress = (what: string) =>
  requiredText(500, what).refine(
    (v) => /^https:\/\/[^\s]+$/i.test(v) && URL.canParse(v),
    `${what} must be a full https:// address, such as https://kubernetes.io/docs/.`,
  );

const resource = z.object({
  title: requiredText(200, "Title"),
  url: httpsAddress("Address"),
  level: level("Level it helps reach", 1),
});

const skillSchema = z.object({
  revision: revision(),
  skillId: id("Skill"),
  name: requiredText(120, "Name"),
  description: optionalText(2000, "Description").transform((v) => v ?? ""),
  category: id("Category"),
  aliases: itemList("Aliases", 40),
  tools: itemList("Tools", 40),
  levels: descriptors(),
  resources: list(resource, 40, "Resources"),
});

export const saveSkillAction = createAction(skillSchema, async (input, actor) => {
  const { revision: next } = await updateDraftSkill(actor, input);
  revalidatePages(EDITOR, `${EDITOR}/skills/${input.skillId}`, `${EDITOR}/preview`);
  return { revision: next };
});

export const addSkillAction = createAction(
  z.object({
    revision: revision(),
    name: requiredText(120, "Name"),
    id: optionalText(60, "Id"),
    category: id("Category"),
  }),
  async (input, actor) => {
    const result = await addDraftSkill(actor, input);
    revalidatePages(EDITOR, `${EDITOR}/preview`);
    return result;
  },
);

export const retireSkillAction = createAction(
  z.object({ revision: revision(), skillId: id("Skill") }),
  async (input, actor) => {
    const result = await retireDraftSkill(actor, input);
    revalidatePages(EDITOR, `${EDITOR}/preview`);
    return result;
  },
);

export const saveRequirementsAction = createAction(
  z.object({
    revision: revision(),
    roleId: id("Role"),
    requirements: list(
      z.object({
        skill: id("Skill"),
        level: level("Required level", 1),
        importance: choice(["core", "important", "bonus"], "Importance must be core, important or bonus."),
      }),
      80,
      "Requirements",
    ).min(1, "A role needs at least one requirement."),
  }),
  async (input, actor) => {
    const result = await updateDraftRole(actor, input);
    revalidatePages(EDITOR, `${EDITOR}/roles/${input.roleId}`, `${EDITOR}/preview`);
    return result;
  },
);

export const savePathsAction = createAction(
  z.object({
    revision: revision(),
    roleId: id("Role"),
    paths: list(
      z.object({
        to: id("Next role"),
        kind: choice(PATH_KINDS, "Kind must be entry, progression or lateral."),
      }),
      40,
      "Career paths",
    ),
  }),
  async (input, actor) => {
    const result = await updateDraftPaths(actor, input);
    revalidatePages(EDITOR, `${EDITOR}/roles/${input.roleId}`, `${EDITOR}/preview`);
    return result;
  },
);

export const startDraftAction = createAction(noInput(), async (_input, actor) => {
  const draft = await startDraft(actor);
  revalidatePages(EDITOR);
  return { revision: draft.revision };
});

export const discardDraftAction = createAction(z.object({ revision: revision() }), async (input, actor) => {
  await discardDraft(actor, input);
  revalidatePages(EDITOR, `${EDITOR}/preview`);
  return {};
});

export const publishDraftAction = createAction(
  z.object({
    revision: revision(),
    version: requiredText(VERSION_MAX, "Version", "Enter a version name, such as 2026.12."),
  }),
  async (input, actor) => {
    try {
      const result = await publishDraft(actor, input);
      // A new taxonomy changes every page that names skills and roles.
      revalidatePages(
        "/admin",
        EDITOR,
        `${EDITOR}/preview`,
        "/skills",
        "/roles",
        "/me/skills",
        "/dashboard",
        "/compare",
        "/teams",
      );
      return result;
    } catch (e) {
      // A conflict is about the draft's revision, not the version name this form calls "version".
      if (e instanceof ConflictError) throw new DataError(e.message, { revision: [e.message] });
      throw e;
    }
  },
);

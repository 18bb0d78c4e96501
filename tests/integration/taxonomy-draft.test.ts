/**
 * The taxonomy editor's draft: admins only (re-checked in the transaction), one shared draft, edits refused on a stale
 * revision or when the import's validation refuses them, a preview whose people counts are exact, and publishing that
 * applies the draft as a new version once, keeps every rating and refuses a draft the published taxonomy overtook.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { session, sessionModule } from "../support/session-mock";
import { createWorld, type World } from "../support/world";
import { publishDraftAction, saveSkillAction } from "@/app/(app)/admin/taxonomy/actions";
import type { SessionActor } from "@/lib/auth/session";
import { ConflictError, DataError, NotFoundError } from "@/lib/data/errors";
import { saveMyRatings } from "@/lib/data/ratings";
import { readTaxonomy } from "@/lib/data/taxonomy-read";
import { applyTaxonomy } from "@/lib/data/taxonomy-sync";
import {
  DRAFT_CHANGED,
  DRAFT_GONE,
  addDraftSkill,
  discardDraft,
  getDraft,
  previewDraft,
  publishDraft,
  retireDraftSkill,
  startDraft,
  updateDraftPaths,
  updateDraftRole,
  updateDraftSkill,
  type DraftSkillInput,
} from "@/lib/data/taxonomy-draft";
import { computeRoleFit } from "@/lib/domain/fit";
import type { Taxonomy } from "@/lib/domain/types";

vi.mock("@/lib/auth/session", () => sessionModule);

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w.db.close());

let n = 0;
/** A new person, uniquely named within this file. */
async function person(opts: { admin?: boolean } = {}): Promise<SessionActor> {
  n += 1;
  const u = await w.db.prisma.user.create({
    data: { email: `d${n}-${w.tag}@test.local`, name: `Drafter ${n} ${w.tag}`, isAdmin: opts.admin ?? false },
  });
  return { id: u.id, isAdmin: u.isAdmin, name: u.name, email: u.email, verified: true, sessionId: `s-${u.id}` };
}

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e,
  );
const active = () => readTaxonomy(w.db.prisma);
const draftRow = () => w.db.prisma.taxonomyDraft.findUnique({ where: { id: 1 } });
const skillIn = (t: Taxonomy, id: string) => t.skills.find((s) => s.id === id)!;
const roleIn = (t: Taxonomy, id: string) => t.roles.find((r) => r.id === id)!;

/** The form's input for a skill as it stands in `t`, with `patch` applied. */
function skillInput(t: Taxonomy, revision: number, id: string, patch: Partial<DraftSkillInput> = {}): DraftSkillInput {
  const s = skillIn(t, id);
  return {
    revision,
    skillId: id,
    name: s.name,
    description: s.description,
    aliases: s.aliases,
    tools: s.tools,
    levels: s.levels,
    resources: s.resources,
    ...patch,
  };
}

let versionNo = 0;
const nextVersion = () => `draft-test-${w.tag}-${++versionNo}`;

// Each test starts from no draft (tests in this file share the one draft row).
beforeEach(async () => {
  await w.db.prisma.taxonomyDraft.deleteMany({});
});

describe("only admins", () => {
  it("everyone else gets not found from every function, and nothing is created", async () => {
    const t = await active();
    for (const as of [w.actors.member, w.actors.manager, w.actors.otherManager]) {
      const calls = [
        () => getDraft(as),
        () => startDraft(as),
        () => previewDraft(as),
        () => updateDraftSkill(as, { ...skillInput(t, 1, "linux"), name: "Hacked" }),
        () => addDraftSkill(as, { revision: 1, name: "Hacking", category: "networking" }),
        () => retireDraftSkill(as, { revision: 1, skillId: "linux" }),
        () => updateDraftRole(as, { revision: 1, roleId: "platform-engineer", requirements: [] }),
        () => updateDraftPaths(as, { revision: 1, roleId: "platform-engineer", paths: [] }),
        () => publishDraft(as, { revision: 1, version: "hack" }),
        () => discardDraft(as, { revision: 1 }),
      ];
      for (const call of calls) expect(await refusal(call())).toBeInstanceOf(NotFoundError);
    }
    expect(await draftRow()).toBeNull();
  });

  it("an admin demoted a moment ago is refused inside the transaction, though their session still says admin", async () => {
    const admin = await person({ admin: true });
    const draft = await startDraft(admin);
    await w.db.prisma.user.update({ where: { id: admin.id }, data: { isAdmin: false } });
    const input = skillInput(draft.taxonomy, draft.revision, "linux", { name: "Demoted edit" });
    expect(await refusal(updateDraftSkill(admin, input))).toBeInstanceOf(NotFoundError);
    expect(await refusal(publishDraft(admin, { revision: draft.revision, version: nextVersion() }))).toBeInstanceOf(
      NotFoundError,
    );
    expect(await refusal(discardDraft(admin, { revision: draft.revision }))).toBeInstanceOf(NotFoundError);
    expect((await draftRow())?.revision).toBe(draft.revision);
    await w.db.prisma.taxonomyDraft.deleteMany({});
    expect(await refusal(startDraft(admin))).toBeInstanceOf(NotFoundError);
    expect(await draftRow()).toBeNull();
  });
});

describe("starting", () => {
  it("copies the active taxonomy; two admins starting at once get the same single draft", async () => {
    const other = await person({ admin: true });
    const [a, b] = await Promise.all([startDraft(w.actors.admin), startDraft(other)]);
    expect(await w.db.prisma.taxonomyDraft.count()).toBe(1);
    expect(a.revision).toBe(1);
    expect(b.revision).toBe(1);
    expect(b.taxonomy).toEqual(a.taxonomy);
    const current = await active();
    expect(a.taxonomy.skills.map((s) => s.id)).toEqual(current.skills.map((s) => s.id));
    expect(a).toMatchObject({ stale: false, appliedSince: null, baseVersion: current.version });
    expect(await getDraft(w.actors.admin)).toMatchObject({ revision: 1, baseVersionId: a.baseVersionId });
    // Read back from jsonb, the untouched draft previews as no change at all.
    const preview = (await previewDraft(w.actors.admin))!;
    expect(preview.empty).toBe(true);
    expect(preview.people.roles).toEqual([]);
    const started = await w.db.prisma.auditLog.count({
      where: { action: "taxonomy.draft.started", actorId: { in: [w.actors.admin.id, other.id] } },
    });
    expect(started).toBe(1);
  });
});

describe("editing", () => {
  it("saves a skill edit with revision + 1 and an audit row naming what changed", async () => {
    const d = await startDraft(w.actors.admin);
    const levels = [...skillIn(d.taxonomy, "linux").levels];
    levels[2] = "  Runs fleets of servers alone.  ";
    const saved = await updateDraftSkill(
      w.actors.admin,
      skillInput(d.taxonomy, d.revision, "linux", {
        levels,
        aliases: [...skillIn(d.taxonomy, "linux").aliases, "GNU/Linux"],
      }),
    );
    expect(saved.revision).toBe(d.revision + 1);
    const after = (await getDraft(w.actors.admin))!;
    expect(skillIn(after.taxonomy, "linux").levels[2]).toBe("Runs fleets of servers alone."); // trimmed as an import is
    expect(skillIn(after.taxonomy, "linux").aliases).toContain("GNU/Linux");
    expect(after.updatedBy).toBe(w.actors.admin.name);
    const audit = await w.db.prisma.auditLog.findFirst({
      where: { action: "taxonomy.draft.edited", actorId: w.actors.admin.id },
      orderBy: { id: "desc" },
    });
    expect(audit?.data).toMatchObject({ edit: "skill", skillId: "linux", fields: ["aliases", "levels"] });
  });

  it("refuses an edit made on an older revision and changes nothing", async () => {
    const d = await startDraft(w.actors.admin);
    await updateDraftSkill(w.actors.admin, skillInput(d.taxonomy, d.revision, "linux", { name: "Linux (first)" }));
    const before = await draftRow();
    const late = await refusal(
      updateDraftSkill(w.actors.admin, skillInput(d.taxonomy, d.revision, "linux", { name: "Linux (second)" })),
    );
    expect(late).toBeInstanceOf(ConflictError);
    expect((late as Error).message).toBe(DRAFT_CHANGED);
    expect(await draftRow()).toEqual(before);

    await discardDraft(w.actors.admin, { revision: before!.revision });
    const gone = await refusal(
      updateDraftRole(w.actors.admin, { revision: before!.revision, roleId: "platform-engineer", requirements: [] }),
    );
    expect(gone).toBeInstanceOf(ConflictError);
    expect((gone as Error).message).toBe(DRAFT_GONE);
  });

  it("refuses what the JSON import refuses, naming the field, and changes nothing", async () => {
    const d = await startDraft(w.actors.admin);
    const t = d.taxonomy;
    const pe = roleIn(t, "platform-engineer");
    const otherAlias = t.skills.find((s) => s.id !== "linux" && s.aliases.length > 0)!;
    const cases: { call: () => Promise<unknown>; field: string; says: RegExp }[] = [
      {
        call: () =>
          updateDraftSkill(w.actors.admin, skillInput(t, d.revision, "linux", { aliases: [otherAlias.aliases[0]!] })),
        field: "aliases",
        says: new RegExp(`already used by the skill "${otherAlias.name.replace(/[()]/g, ".")}"`),
      },
      {
        call: () =>
          updateDraftSkill(
            w.actors.admin,
            skillInput(t, d.revision, "linux", {
              resources: [{ title: "Docs", url: "http://example.org/", level: 2 }],
            }),
          ),
        field: "resources.0.url",
        says: /https:\/\//,
      },
      {
        call: () => updateDraftSkill(w.actors.admin, skillInput(t, d.revision, "linux", { levels: ["a", "b", "c"] })),
        field: "levels",
        says: /5 descriptors/,
      },
      {
        call: () =>
          updateDraftSkill(w.actors.admin, skillInput(t, d.revision, "linux", { levels: ["a", "b", " ", "d", "e"] })),
        field: "levels.2",
        says: /must not be empty/,
      },
      {
        call: () =>
          updateDraftSkill(w.actors.admin, skillInput(t, d.revision, "linux", { name: otherAlias.aliases[0]! })),
        field: "name",
        says: new RegExp(
          `already an alias of the skill "${otherAlias.name.replace(/[()]/g, ".")}"; choose another name`,
        ),
      },
      {
        call: () =>
          updateDraftSkill(w.actors.admin, skillInput(t, d.revision, "linux", { name: skillIn(t, "scripting").name })),
        field: "name",
        says: /^Duplicate skill name .*\(also skill "/,
      },
      {
        call: () =>
          updateDraftRole(w.actors.admin, {
            revision: d.revision,
            roleId: pe.id,
            requirements: [{ ...pe.requirements[0]!, level: 7 }],
          }),
        field: "requirements.0.level",
        says: new RegExp(`^Level for ${skillIn(t, pe.requirements[0]!.skill).name.replace(/[()]/g, ".")}: .*1 to 5`),
      },
      {
        call: () =>
          updateDraftRole(w.actors.admin, {
            revision: d.revision,
            roleId: pe.id,
            requirements: [pe.requirements[0]!, { skill: "no-such-skill", level: 2, importance: "core" }],
          }),
        field: "requirements.1.skill",
        says: /unknown skill id "no-such-skill"/,
      },
      {
        call: () => updateDraftRole(w.actors.admin, { revision: d.revision, roleId: pe.id, requirements: [] }),
        field: "requirements",
        says: /at least one requirement/,
      },
      {
        call: () =>
          updateDraftPaths(w.actors.admin, {
            revision: d.revision,
            roleId: "cto",
            paths: [{ to: "system-administrator", kind: "progression" }],
          }),
        field: "paths.0.kind",
        says: /higher seniority/,
      },
      {
        call: () =>
          updateDraftPaths(w.actors.admin, {
            revision: d.revision,
            roleId: "cto",
            paths: [{ to: "cto", kind: "lateral" }],
          }),
        field: "paths.0.to",
        says: /to itself/,
      },
      {
        call: () => updateDraftSkill(w.actors.admin, skillInput(t, d.revision, "linux", { description: "a\u0000b" })),
        field: "description",
        says: /NUL/,
      },
    ];
    const before = await draftRow();
    for (const c of cases) {
      const e = await refusal(c.call());
      expect(e, c.field).toBeInstanceOf(DataError);
      const errors = (e as DataError).fieldErrors;
      expect(Object.keys(errors), c.field).toContain(c.field);
      expect(errors[c.field]![0], c.field).toMatch(c.says);
      expect(errors[c.field]![0], c.field).not.toMatch(/skills\[|roles\[|paths\[/);
    }
    expect(await draftRow()).toEqual(before);
  });

  it("adds a skill after its category and refuses an id any skill ever had", async () => {
    const d = await startDraft(w.actors.admin);
    const added = await addDraftSkill(w.actors.admin, {
      revision: d.revision,
      name: "Service mesh!",
      category: "networking",
    });
    expect(added).toEqual({ revision: d.revision + 1, skillId: "service-mesh" });
    const t = (await getDraft(w.actors.admin))!.taxonomy;
    const at = t.skills.findIndex((s) => s.id === "service-mesh");
    expect(t.skills[at - 1]!.category).toBe("networking");
    const again = await refusal(
      addDraftSkill(w.actors.admin, { revision: added.revision, name: "Linux", id: "linux", category: "networking" }),
    );
    expect((again as DataError).fieldErrors.id?.[0]).toMatch(/already used by the skill/);
    const badCategory = await refusal(
      addDraftSkill(w.actors.admin, { revision: added.revision, name: "Mesh two", category: "nope" }),
    );
    expect((badCategory as DataError).fieldErrors.category?.[0]).toMatch(/^Unknown category id "nope"/);
  });

  it("retiring a skill takes it out of every role, prerequisite list and certification, retiring what only it filled", async () => {
    const d = await startDraft(w.actors.admin);
    const t = d.taxonomy;
    const categories = new Set(t.categories.map((c) => c.id));
    const target = t.skills.find(
      (s) =>
        !categories.has(s.id) &&
        t.roles.some((r) => r.requirements.some((q) => q.skill === s.id)) &&
        t.skills.some((x) => x.prerequisites.includes(s.id)) &&
        t.certifications.some((c) => c.skills.length === 1 && c.skills[0] === s.id) &&
        t.certifications.some((c) => c.skills.length > 1 && c.skills.includes(s.id)),
    )!;
    const r = await retireDraftSkill(w.actors.admin, { revision: d.revision, skillId: target.id });
    expect(r.roles).toEqual(t.roles.filter((x) => x.requirements.some((q) => q.skill === target.id)).map((x) => x.id));
    expect(r.skills).toEqual(t.skills.filter((x) => x.prerequisites.includes(target.id)).map((x) => x.id));
    const sole = t.certifications.filter((c) => c.skills.length === 1 && c.skills[0] === target.id).map((c) => c.id);
    expect(r.retiredCertifications).toEqual(sole);
    expect(r.certifications.length).toBeGreaterThan(0);
    const after = (await getDraft(w.actors.admin))!.taxonomy;
    expect(after.skills.some((s) => s.id === target.id)).toBe(false);
    expect(JSON.stringify(after)).not.toContain(`"${target.id}"`);
    expect(after.certifications.map((c) => c.id)).toEqual(
      t.certifications.map((c) => c.id).filter((id) => !sole.includes(id)),
    );

    // A role whose only requirement is the skill: refused, naming the role.
    const pe = roleIn(after, "platform-engineer");
    const only = pe.requirements[0]!;
    const revision = (
      await updateDraftRole(w.actors.admin, { revision: r.revision, roleId: pe.id, requirements: [only] })
    ).revision;
    const refused = await refusal(retireDraftSkill(w.actors.admin, { revision, skillId: only.skill }));
    expect((refused as DataError).message).toMatch(/only requirement of the role "Platform Engineer"/);
    expect((await draftRow())?.revision).toBe(revision);
  });

  it("replaces the paths leaving a role, keeping the sources of paths that stay", async () => {
    const d = await startDraft(w.actors.admin);
    const leaving = d.taxonomy.paths.filter((p) => p.from === "infrastructure-engineer");
    expect(leaving.length).toBeGreaterThan(0);
    const kept = leaving[0]!;
    await updateDraftPaths(w.actors.admin, {
      revision: d.revision,
      roleId: "infrastructure-engineer",
      paths: [
        { to: kept.to, kind: kept.kind },
        { to: "cto", kind: "progression" },
      ],
    });
    const after = (await getDraft(w.actors.admin))!.taxonomy.paths.filter((p) => p.from === "infrastructure-engineer");
    expect(after).toEqual([
      { from: "infrastructure-engineer", to: kept.to, kind: kept.kind, sources: kept.sources },
      { from: "infrastructure-engineer", to: "cto", kind: "progression", sources: [] },
    ]);
  });
});

describe("preview", () => {
  it("counts exactly the people each change touches, with the engine's fit, leaving out deactivated people", async () => {
    const t = await active();
    const pe = roleIn(t, "platform-engineer");
    const ie = roleIn(t, "infrastructure-engineer");
    const raised = pe.requirements.find((q) => q.level >= 2 && q.level < 5)!;
    const lowered = ie.requirements.find((q) => q.level >= 2 && q.skill !== raised.skill)!;
    const sole = new Set(t.roles.filter((r) => r.requirements.length === 1).map((r) => r.requirements[0]!.skill));
    const retired = t.skills.find(
      (s) =>
        ![...pe.requirements, ...ie.requirements].some((q) => q.skill === s.id) &&
        !sole.has(s.id) &&
        !t.certifications.some((c) => c.skills.length === 1 && c.skills[0] === s.id),
    )!;

    const mk = async (levels: Record<string, number>, roles: { current?: string; target?: string }, off = false) => {
      const p = await person();
      const entries = Object.entries(levels).map(([skillId, level]) => ({
        skillId,
        level,
        note: null,
        evidenceUrl: null,
        wantsToGrow: false,
      }));
      if (entries.length) await saveMyRatings(p, entries);
      await w.db.prisma.user.update({
        where: { id: p.id },
        data: { currentRoleId: roles.current, targetRoleId: roles.target, deactivatedAt: off ? new Date() : null },
      });
      return p;
    };
    // P1 holds PE and meets the raised requirement exactly: down. Rates the retired skill.
    await mk({ [raised.skill]: raised.level, [retired.id]: 2 }, { current: pe.id });
    // P2 targets PE above the new level: unchanged. Rates the retired skill.
    await mk({ [raised.skill]: 5, [retired.id]: 1 }, { target: pe.id });
    // P3 holds IE one below the lowered requirement (up), targets PE at level 1 of the raised one (down).
    await mk({ [raised.skill]: 1, [lowered.skill]: lowered.level - 1 }, { current: ie.id, target: pe.id });
    // P4 is deactivated: holds PE, rates the retired skill; counted nowhere.
    await mk({ [raised.skill]: raised.level, [retired.id]: 3 }, { current: pe.id }, true);
    // P5 holds PE with no ratings: unchanged.
    await mk({}, { current: pe.id });

    const d = await startDraft(w.actors.admin);
    let revision = (
      await updateDraftRole(w.actors.admin, {
        revision: d.revision,
        roleId: pe.id,
        requirements: pe.requirements.map((q) => (q.skill === raised.skill ? { ...q, level: q.level + 1 } : q)),
      })
    ).revision;
    revision = (
      await updateDraftRole(w.actors.admin, {
        revision,
        roleId: ie.id,
        requirements: ie.requirements.map((q) => (q.skill === lowered.skill ? { ...q, level: q.level - 1 } : q)),
      })
    ).revision;
    revision = (await retireDraftSkill(w.actors.admin, { revision, skillId: retired.id })).revision;

    const p = (await previewDraft(w.actors.admin))!;
    expect(p.draft.revision).toBe(revision);
    expect(p.empty).toBe(false);
    expect(p.diff.skills.retired.map((s) => s.id)).toEqual([retired.id]);
    expect(p.people.retiredSkills).toEqual([{ skillId: retired.id, name: retired.name, people: 2 }]);
    const roles = new Map(p.people.roles.map((r) => [r.roleId, r]));
    expect(roles.get(pe.id)).toMatchObject({ hold: 2, target: 2, people: 4 });
    expect(roles.get(ie.id)).toMatchObject({ hold: 1, target: 0, people: 1 });
    expect(p.people.fits.target).toMatchObject({ people: 2, up: 0, down: 1, unchanged: 1 });
    expect(p.people.fits.current).toMatchObject({ people: 3, up: 1, down: 1, unchanged: 1 });

    // The biggest fall is P1's, as the engine computes it.
    const draftPe = roleIn(p.draft.taxonomy, pe.id);
    const p1 = { [raised.skill]: raised.level };
    const fall = computeRoleFit(p1, draftPe).fit - computeRoleFit(p1, pe).fit;
    const peRow = p.people.fits.current.byRole.find((r) => r.roleId === pe.id)!;
    expect(peRow).toMatchObject({ people: 2, down: 1, up: 0, biggestDown: Math.round(fall * 10) / 10 });
    expect(fall).toBeLessThan(0);
  });

  it("costs the same number of queries for 2 people as for 12", async () => {
    const pe = roleIn(await active(), "platform-engineer");
    const d = await startDraft(w.actors.admin);
    await updateDraftRole(w.actors.admin, {
      revision: d.revision,
      roleId: pe.id,
      requirements: pe.requirements.map((q, i) => (i === 0 ? { ...q, level: q.level === 5 ? 4 : q.level + 1 } : q)),
    });
    const cost = async () => {
      await previewDraft(w.actors.admin); // warms the taxonomy cache
      const before = w.db.queries.count;
      await previewDraft(w.actors.admin);
      return w.db.queries.count - before;
    };
    const few = await cost();
    for (let i = 0; i < 10; i++) {
      const p = await person();
      await w.db.prisma.user.update({ where: { id: p.id }, data: { targetRoleId: pe.id } });
    }
    expect(await cost()).toBe(few);
  });
});

describe("publishing", () => {
  it("applies the draft as a new version: the new descriptor, every rating kept, the retired skill retired", async () => {
    const rater = await person();
    const current = await active();
    const retired = current.skills.find(
      (s) =>
        !current.roles.some((r) => r.requirements.length === 1 && r.requirements[0]!.skill === s.id) &&
        !current.certifications.some((c) => c.skills.length === 1 && c.skills[0] === s.id) &&
        s.id !== "linux",
    )!;
    await saveMyRatings(rater, [
      { skillId: "linux", level: 3, note: null, evidenceUrl: null, wantsToGrow: false },
      { skillId: retired.id, level: 2, note: null, evidenceUrl: null, wantsToGrow: false },
    ]);
    const ratingsBefore = await w.db.prisma.rating.count();
    const currentBefore = await w.db.prisma.currentRating.count();

    const d = await startDraft(w.actors.admin);
    const levels = [...skillIn(d.taxonomy, "linux").levels];
    levels[2] = `Keeps a fleet healthy alone (${w.tag}).`;
    let revision = (await updateDraftSkill(w.actors.admin, skillInput(d.taxonomy, d.revision, "linux", { levels })))
      .revision;
    revision = (await retireDraftSkill(w.actors.admin, { revision, skillId: retired.id })).revision;
    const preview = (await previewDraft(w.actors.admin))!;

    const taken = await refusal(publishDraft(w.actors.admin, { revision, version: current.version }));
    expect((taken as DataError).fieldErrors.version?.[0]).toMatch(/already used/);
    const wrong = await refusal(
      publishDraft(w.actors.admin, { revision: revision - 1, version: preview.suggestedVersion }),
    );
    expect(wrong).toBeInstanceOf(ConflictError);

    const result = await publishDraft(w.actors.admin, { revision, version: preview.suggestedVersion });
    expect(result).toMatchObject({ changed: true, version: preview.suggestedVersion, retiredSkills: [retired.id] });
    const after = await active();
    expect(after.version).toBe(preview.suggestedVersion);
    expect(skillIn(after, "linux").levels[2]).toBe(levels[2]);
    expect(after.skills.some((s) => s.id === retired.id)).toBe(false);
    expect((await w.db.prisma.skill.findUniqueOrThrow({ where: { id: retired.id } })).retired).toBe(true);
    expect(await w.db.prisma.rating.count()).toBe(ratingsBefore);
    expect(await w.db.prisma.currentRating.count()).toBe(currentBefore);
    expect(await draftRow()).toBeNull();
    const audit = await w.db.prisma.auditLog.findFirst({
      where: { action: "taxonomy.published", actorId: w.actors.admin.id },
      orderBy: { id: "desc" },
    });
    expect(audit?.data).toMatchObject({ version: preview.suggestedVersion, retiredSkills: [retired.id] });
  });

  it("refuses a draft with no change", async () => {
    const d = await startDraft(w.actors.admin);
    const e = await refusal(publishDraft(w.actors.admin, { revision: d.revision, version: nextVersion() }));
    expect((e as DataError).message).toMatch(/changes nothing/);
    expect(await draftRow()).not.toBeNull();
  });

  it("refuses a draft the published taxonomy overtook (another version applied since it began)", async () => {
    const d = await startDraft(w.actors.admin);
    const { revision } = await updateDraftSkill(
      w.actors.admin,
      skillInput(d.taxonomy, d.revision, "linux", { description: "Edited in the draft." }),
    );
    const other = structuredClone(await active());
    other.version = nextVersion();
    skillIn(other, "scripting").description = `Changed by an import (${w.tag}).`;
    await applyTaxonomy(w.db.prisma, other, "test");

    const view = (await getDraft(w.actors.admin))!;
    expect(view).toMatchObject({ stale: true, appliedSince: other.version });
    const e = await refusal(publishDraft(w.actors.admin, { revision, version: nextVersion() }));
    expect(e).toBeInstanceOf(DataError);
    expect((e as Error).message).toBe(
      `The published taxonomy changed since this draft began (version ${other.version} was applied). Discard the draft and start again.`,
    );
    expect((await active()).version).toBe(other.version);
    expect(await draftRow()).not.toBeNull();
  });

  it("two admins publishing at once: exactly one wins, the other is refused clearly", async () => {
    const second = await person({ admin: true });
    const d = await startDraft(w.actors.admin);
    const { revision } = await updateDraftSkill(
      w.actors.admin,
      skillInput(d.taxonomy, d.revision, "linux", { description: `Published once (${w.tag}).` }),
    );
    const versionsBefore = await w.db.prisma.taxonomyVersion.count();
    const [a, b] = [nextVersion(), nextVersion()];
    const results = await Promise.allSettled([
      publishDraft(w.actors.admin, { revision, version: a }),
      publishDraft(second, { revision, version: b }),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toBeInstanceOf(ConflictError);
    expect((lost[0]!.reason as Error).message).toBe(DRAFT_GONE);
    expect(await w.db.prisma.taxonomyVersion.count()).toBe(versionsBefore + 1);
    expect(
      (await w.db.prisma.auditLog.count({
        where: { action: "taxonomy.published", data: { path: ["version"], equals: a } },
      })) +
        (await w.db.prisma.auditLog.count({
          where: { action: "taxonomy.published", data: { path: ["version"], equals: b } },
        })),
    ).toBe(1);
  });
});

describe("discarding", () => {
  it("refuses a stale revision, then throws the draft away and audits it", async () => {
    const d = await startDraft(w.actors.admin);
    const { revision } = await updateDraftSkill(
      w.actors.admin,
      skillInput(d.taxonomy, d.revision, "linux", { description: "To be discarded." }),
    );
    expect(await refusal(discardDraft(w.actors.admin, { revision: d.revision }))).toBeInstanceOf(ConflictError);
    expect(await draftRow()).not.toBeNull();
    await discardDraft(w.actors.admin, { revision });
    expect(await getDraft(w.actors.admin)).toBeNull();
    expect(await previewDraft(w.actors.admin)).toBeNull();
    expect(
      await w.db.prisma.auditLog.count({ where: { action: "taxonomy.draft.discarded", actorId: w.actors.admin.id } }),
    ).toBeGreaterThan(0);
  });
});

describe("the editor's server actions", () => {
  afterAll(() => {
    session.actor = null;
  });
  const form = (t: Taxonomy, revision: number, patch: Record<string, unknown> = {}) => {
    const s = skillIn(t, "linux");
    return {
      revision: String(revision),
      skillId: s.id,
      name: s.name,
      description: s.description,
      category: s.category,
      aliases: s.aliases.join("\n"),
      tools: s.tools.join(", "),
      levels: [0, 1, 2, 3, 4].map((i) => s.levels[i] ?? ""),
      resources: s.resources.map((r) => ({ ...r, level: String(r.level) })),
      ...patch,
    };
  };

  it("parse the form, name the bad field, keep a conflict off the fields, and answer others not found", async () => {
    const d = await startDraft(w.actors.admin);
    session.actor = w.actors.admin;
    const ok = await saveSkillAction(form(d.taxonomy, d.revision, { aliases: "GNU/Linux, Tux\n\n  Tux  " }));
    expect(ok).toEqual({ ok: true, data: { revision: d.revision + 1 } });
    expect(skillIn((await getDraft(w.actors.admin))!.taxonomy, "linux").aliases).toEqual(["GNU/Linux", "Tux"]);

    const partial = await saveSkillAction(form(d.taxonomy, d.revision + 1, { levels: ["a", "b", "", "d", "e"] }));
    expect(partial.ok).toBe(false);
    if (!partial.ok) expect(partial.errors["levels.2"]?.[0]).toMatch(/^Level 3: write all five/);
    const http = await saveSkillAction(
      form(d.taxonomy, d.revision + 1, { resources: [{ title: "Docs", url: "http://example.org/", level: "2" }] }),
    );
    expect(http.ok).toBe(false);
    if (!http.ok) expect(http.errors["resources.0.url"]?.[0]).toMatch(/https:\/\//);

    const stale = await saveSkillAction(form(d.taxonomy, d.revision, { name: "Late" }));
    expect(stale).toMatchObject({ ok: false, status: 409, message: DRAFT_CHANGED });

    const publishStale = await publishDraftAction({ revision: String(d.revision), version: nextVersion() });
    expect(publishStale.ok).toBe(false);
    if (!publishStale.ok) {
      expect(publishStale.errors.version).toBeUndefined();
      expect(publishStale.errors.revision?.[0]).toBe(DRAFT_CHANGED);
    }

    session.actor = w.actors.member;
    expect(await saveSkillAction(form(d.taxonomy, d.revision + 1))).toMatchObject({ ok: false, status: 404 });
    expect(await publishDraftAction({ revision: "2", version: "x" })).toMatchObject({ ok: false, status: 404 });
    expect((await draftRow())?.revision).toBe(d.revision + 1);
  });
});

import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, type World } from "../support/world";
import { applyTaxonomy } from "@/lib/data/taxonomy-sync";
import { importTaxonomy } from "@/lib/data/admin";
import { saveMyRatings, getMySkillsPage } from "@/lib/data/ratings";
import { DataError, NotFoundError } from "@/lib/data/errors";
import { loadTaxonomy, toExportDocument } from "@/lib/taxonomy";
import { seed } from "@/prisma/seed";
import type { Taxonomy } from "@/lib/domain/types";

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w.db.close());

const TABLES = [
  "user",
  "skill",
  "role",
  "roleRequirement",
  "careerPath",
  "category",
  "scaleLevel",
  "skillPrerequisite",
  "taxonomyVersion",
  "rating",
  "currentRating",
  "team",
  "teamMembership",
] as const;
async function counts() {
  const p = w.db.prisma as unknown as Record<string, { count: () => Promise<number> }>;
  return Object.fromEntries(await Promise.all(TABLES.map(async (t) => [t, await p[t]!.count()] as const)));
}

/** A mutable copy of the shipped taxonomy (the loaded one is frozen). */
const copy = (): Taxonomy => structuredClone(loadTaxonomy()) as Taxonomy;

describe("seeding", () => {
  it("changes nothing the second time", async () => {
    const first = await seed(w.db.prisma, { demo: true });
    expect(first).toMatch(/taxonomy .* unchanged/); // the world applied the same taxonomy already
    const before = await counts();
    const second = await seed(w.db.prisma, { demo: true });
    expect(second).toMatch(/unchanged/);
    expect(await counts()).toEqual(before);
  });
});

describe("a new taxonomy version", () => {
  it("renames and re-levels in place, keeps ratings, keeps the old name as an alias, retires what is gone", async () => {
    const me = w.actors.member;
    await saveMyRatings(me, [
      { skillId: "linux", level: 3, note: null, evidenceUrl: null, wantsToGrow: false },
      { skillId: "itsm-itil", level: 2, note: null, evidenceUrl: null, wantsToGrow: false },
    ]);
    const next = copy();
    next.version = "2026.12.0-test";
    const linux = next.skills.find((s) => s.id === "linux")!;
    const oldName = linux.name;
    linux.name = "Linux operating systems";
    const pe = next.roles.find((r) => r.id === "platform-engineer")!;
    const req = pe.requirements[0]!;
    req.level = req.level === 5 ? 4 : req.level + 1;
    // Retire ITIL: drop it and every reference to it.
    next.skills = next.skills.filter((s) => s.id !== "itsm-itil");
    for (const s of next.skills) s.prerequisites = s.prerequisites.filter((p) => p !== "itsm-itil");
    for (const r of next.roles) r.requirements = r.requirements.filter((q) => q.skill !== "itsm-itil");

    const result = await applyTaxonomy(w.db.prisma, next, "test");
    expect(result).toMatchObject({ changed: true, version: "2026.12.0-test", retiredSkills: ["itsm-itil"] });
    const skill = await w.db.prisma.skill.findUniqueOrThrow({ where: { id: "linux" } });
    expect(skill.name).toBe("Linux operating systems");
    expect(skill.aliases).toContain(oldName);
    const stored = await w.db.prisma.roleRequirement.findUniqueOrThrow({
      where: { roleId_skillId: { roleId: "platform-engineer", skillId: req.skill } },
    });
    expect(stored.level).toBe(req.level);
    // Ratings survive: linux as it was; the retired skill's history is kept in the database.
    const current = (await getMySkillsPage(me)).ratings;
    expect(current.find((r) => r.skillId === "linux")?.level).toBe(3);
    expect(await w.db.prisma.rating.count({ where: { userId: me.id, skillId: "itsm-itil" } })).toBe(1);
    expect((await w.db.prisma.skill.findUniqueOrThrow({ where: { id: "itsm-itil" } })).retired).toBe(true);

    // Back to the shipped version: the retired skill returns with its ratings.
    await applyTaxonomy(w.db.prisma, loadTaxonomy(), "test");
    expect((await w.db.prisma.skill.findUniqueOrThrow({ where: { id: "itsm-itil" } })).retired).toBe(false);
    expect((await getMySkillsPage(me)).ratings.find((r) => r.skillId === "itsm-itil")?.level).toBe(2);
  });
});

describe("importing a taxonomy file", () => {
  it("lists every problem of a broken file and changes nothing", async () => {
    const text = readFileSync(path.resolve(import.meta.dirname, "../fixtures/taxonomy/broken-taxonomy.json"), "utf8");
    const before = await counts();
    const err = await importTaxonomy(w.actors.admin, "broken-taxonomy.json", text).catch((e) => e);
    expect(err).toBeInstanceOf(DataError);
    expect(err.fieldErrors.file.length).toBeGreaterThan(3);
    expect(err.fieldErrors.file.every((line: string) => line.includes("broken-taxonomy.json"))).toBe(true);
    expect(err.message).toMatch(/problems? found; nothing was changed/);
    expect(await counts()).toEqual(before);
  });

  it("refuses a file that is not JSON, naming it", async () => {
    const err = await importTaxonomy(w.actors.admin, "mine.json", "{ not json").catch((e) => e);
    expect(err).toBeInstanceOf(DataError);
    expect(err.message).toContain("mine.json is not valid JSON");
  });

  it("applies a valid file in one go, and the exported document re-imports as unchanged", async () => {
    const custom = toExportDocument(copy());
    custom.version = "2026.12.1-custom";
    custom.skills.push({
      ...custom.skills.find((s) => s.id === "linux")!,
      id: "our-internal-paas",
      name: "Our internal PaaS",
      prerequisites: [],
      tools: ["Acme Deploy"],
      aliases: [],
      sources: [],
    });
    custom.roles
      .find((r) => r.id === "platform-engineer")!
      .requirements.push({ skill: "our-internal-paas", level: 2, importance: "bonus" });
    const applied = await importTaxonomy(w.actors.admin, "custom.json", JSON.stringify(custom));
    expect(applied).toMatchObject({ changed: true, version: "2026.12.1-custom" });
    expect(await w.db.prisma.skill.findUnique({ where: { id: "our-internal-paas" } })).not.toBeNull();
    const again = await importTaxonomy(w.actors.admin, "custom.json", JSON.stringify(custom));
    expect(again.changed).toBe(false);
    await applyTaxonomy(w.db.prisma, loadTaxonomy(), "test");
  });

  it("is for administrators only", async () => {
    const text = JSON.stringify(toExportDocument(loadTaxonomy()));
    await expect(importTaxonomy(w.actors.manager, "t.json", text)).rejects.toBeInstanceOf(NotFoundError);
  });
});

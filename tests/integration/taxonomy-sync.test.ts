import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, type World } from "../support/world";
import { applyTaxonomy } from "@/lib/data/taxonomy-sync";
import { getAdminOverview, importTaxonomy } from "@/lib/data/admin";
import { readTaxonomy } from "@/lib/data/taxonomy-read";
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

describe("importing the taxonomy that is already current", () => {
  const versionRows = () => w.db.prisma.taxonomyVersion.count();

  it("answers unchanged for the exported taxonomy (as /api/v1/taxonomy serves it) and adds no version row", async () => {
    await applyTaxonomy(w.db.prisma, loadTaxonomy(), "test");
    // The export reads the database back: paths and prerequisites come out in another order than the data files.
    const exported = JSON.stringify(toExportDocument(await readTaxonomy(w.db.prisma)));
    expect(exported).not.toBe(JSON.stringify(toExportDocument(loadTaxonomy())));
    const before = await counts();
    const result = await importTaxonomy(w.actors.admin, "skillgap-taxonomy.json", exported);
    expect(result).toMatchObject({ changed: false, version: loadTaxonomy().version });
    expect(await counts()).toEqual(before);
  });

  it("answers unchanged for the shipped files after a rename added aliases the files do not list", async () => {
    const renamed = copy();
    renamed.version = `2026.12.2-rename-${w.tag}`;
    renamed.skills.find((s) => s.id === "linux")!.name = "Linux systems";
    await applyTaxonomy(w.db.prisma, renamed, "test");
    await applyTaxonomy(w.db.prisma, loadTaxonomy(), "test"); // back: linux keeps "Linux systems" as an alias
    const rows = await versionRows();
    expect((await applyTaxonomy(w.db.prisma, loadTaxonomy(), "test")).changed).toBe(false);
    expect(await versionRows()).toBe(rows);
  });

  it("refuses the current version string with other content, and changes nothing", async () => {
    const edited = toExportDocument(copy());
    edited.skills.find((s) => s.id === "linux")!.description = "Edited without a new version number.";
    const before = await counts();
    const err = await importTaxonomy(w.actors.admin, "edited.json", JSON.stringify(edited)).catch((e) => e);
    expect(err).toBeInstanceOf(DataError);
    expect(err.message).toBe(
      `Version ${edited.version} already exists with different content; give the new file a new version.`,
    );
    expect(await counts()).toEqual(before);
    expect((await w.db.prisma.skill.findUniqueOrThrow({ where: { id: "linux" } })).description).not.toBe(
      "Edited without a new version number.",
    );
  });

  it("refuses an earlier version string with other content, but goes back to an earlier version's own content", async () => {
    const earlier = copy();
    earlier.version = `2026.12.3-earlier-${w.tag}`;
    earlier.skills.find((s) => s.id === "linux")!.description = "The earlier wording of Linux, long enough.";
    await applyTaxonomy(w.db.prisma, earlier, "test");
    await applyTaxonomy(w.db.prisma, loadTaxonomy(), "test");
    const other = structuredClone(earlier);
    other.skills.find((s) => s.id === "linux")!.description = "Yet another wording of Linux, long enough.";
    await expect(applyTaxonomy(w.db.prisma, other, "test")).rejects.toThrow(/already exists with different content/);
    const back = await applyTaxonomy(w.db.prisma, earlier, "test");
    expect(back.changed).toBe(true);
    expect((await w.db.prisma.skill.findUniqueOrThrow({ where: { id: "linux" } })).description).toBe(
      "The earlier wording of Linux, long enough.",
    );
    await applyTaxonomy(w.db.prisma, loadTaxonomy(), "test");
  });
});

describe("the admin page's version history", () => {
  it("names who applied each version: name, else email, else deleted user", async () => {
    const mkAdmin = async (key: string, name: string | null) => {
      const u = await w.db.prisma.user.create({
        data: { email: `${key}-${w.tag}@test.local`, name, isAdmin: true, emailVerified: new Date() },
      });
      return { id: u.id, isAdmin: true, name: u.name, email: u.email, verified: true };
    };
    const named = await mkAdmin("named-admin", `Ada ${w.tag}`);
    const unnamed = await mkAdmin("unnamed-admin", null);
    const gone = await mkAdmin("gone-admin", `Gone ${w.tag}`);
    const as = async (actor: typeof named, version: string) => {
      const doc = toExportDocument(copy());
      doc.version = version;
      expect((await importTaxonomy(actor, `${version}.json`, JSON.stringify(doc))).changed).toBe(true);
    };
    await as(named, `by-named-${w.tag}`);
    await as(unnamed, `by-unnamed-${w.tag}`);
    await as(gone, `by-gone-${w.tag}`);
    await w.db.prisma.user.delete({ where: { id: gone.id } });

    const { versions } = await getAdminOverview(w.actors.admin);
    const by = (version: string) => versions.find((v) => v.version === version)?.appliedBy;
    expect(by(`by-named-${w.tag}`)).toBe(`Ada ${w.tag}`);
    expect(by(`by-unnamed-${w.tag}`)).toBe(unnamed.email);
    expect(by(`by-gone-${w.tag}`)).toBe("deleted user");
    for (const v of versions) expect(v.appliedBy).not.toMatch(/^c[a-z0-9]{20,}$/); // never a raw user id
    await applyTaxonomy(w.db.prisma, loadTaxonomy(), "test");
  });
});

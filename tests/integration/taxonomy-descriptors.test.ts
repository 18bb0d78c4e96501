import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, type World } from "../support/world";
import { getAdminOverview, importTaxonomy } from "@/lib/data/admin";
import { getTaxonomy } from "@/lib/data/taxonomy";
import { readTaxonomy } from "@/lib/data/taxonomy-read";
import { applyTaxonomy, versionTakenMessage } from "@/lib/data/taxonomy-sync";
import { levelDescriptor, resourcesFor } from "@/lib/domain/level-descriptors";
import type { Taxonomy } from "@/lib/domain/types";
import { loadTaxonomy, toExportDocument } from "@/lib/taxonomy";

let w: World;
beforeAll(async () => {
  w = await createWorld(); // applies the shipped taxonomy
});
afterAll(() => w.db.close());

const shipped = () => loadTaxonomy();
/** A mutable copy of the shipped taxonomy (the loaded one is frozen). */
const copy = (): Taxonomy => structuredClone(loadTaxonomy()) as Taxonomy;
const IAC = "infrastructure-as-code";

describe("the shipped taxonomy in the database", () => {
  it("stores every skill's descriptors and resources, and the certification catalogue", async () => {
    const t = shipped();
    const rows = await w.db.prisma.skill.findMany({ where: { retired: false }, orderBy: { position: "asc" } });
    expect(rows.map((r) => r.id)).toEqual(t.skills.map((s) => s.id));
    for (const [i, row] of rows.entries()) {
      expect(row.levels).toEqual(t.skills[i]!.levels);
      expect(row.resources).toEqual(t.skills[i]!.resources);
    }
    const iac = rows.find((r) => r.id === IAC)!;
    expect(iac.levels).toHaveLength(5);

    const catalogue = await w.db.prisma.certification.findMany({ orderBy: { position: "asc" } });
    expect(
      catalogue.map(({ id, name, short, issuer, validityMonths, skills, url }) => ({
        id,
        name,
        short,
        issuer,
        validityMonths,
        skills,
        url,
      })),
    ).toEqual(t.certifications);
    expect(catalogue.every((c) => !c.retired)).toBe(true);
  });

  it("getTaxonomy and readTaxonomy serve them", async () => {
    const t = shipped();
    const served = await getTaxonomy();
    expect(served.version).toBe(t.version);
    expect(served.certifications).toEqual(t.certifications);
    expect(served.skills.map((s) => [s.id, s.levels, s.resources])).toEqual(
      t.skills.map((s) => [s.id, s.levels, s.resources]),
    );
    const iac = served.skills.find((s) => s.id === IAC)!;
    expect(levelDescriptor(iac, served.scale, 3)).toMatchObject({ specific: true, text: iac.levels[2] });
    expect(resourcesFor(iac, 0, 5).length).toBeGreaterThan(0);
    // The export read back from the database holds them too.
    const exported = toExportDocument(await readTaxonomy(w.db.prisma));
    expect(exported.certifications).toEqual(t.certifications);
    expect(exported.skills.find((s) => s.id === IAC)!.levels).toEqual(iac.levels);
  });

  it("re-applying the shipped files is unchanged", async () => {
    expect((await applyTaxonomy(w.db.prisma, shipped(), "test")).changed).toBe(false);
  });
});

describe("the same version with other descriptors, resources or certifications", () => {
  const edits: [string, (t: Taxonomy) => void][] = [
    ["a descriptor", (t) => (t.skills.find((s) => s.id === IAC)!.levels[2] = "Edited without a new version number.")],
    [
      "a resource",
      (t) =>
        t.skills
          .find((s) => s.id === IAC)!
          .resources.push({ title: "Extra", url: "https://kubernetes.io/docs/", level: 2 }),
    ],
    ["a certification", (t) => (t.certifications[0]!.validityMonths = 12)],
    ["the catalogue's length", (t) => t.certifications.pop()],
  ];

  it.each(edits)("is refused when %s changes, and nothing is written", async (_what, edit) => {
    const edited = copy();
    edit(edited);
    const versions = await w.db.prisma.taxonomyVersion.count();
    await expect(applyTaxonomy(w.db.prisma, edited, "test")).rejects.toThrow(versionTakenMessage(edited.version));
    expect(await w.db.prisma.taxonomyVersion.count()).toBe(versions);
    const iac = await w.db.prisma.skill.findUniqueOrThrow({ where: { id: IAC } });
    expect(iac.levels).toEqual(shipped().skills.find((s) => s.id === IAC)!.levels);
    expect(await w.db.prisma.certification.count({ where: { retired: false } })).toBe(shipped().certifications.length);
  });
});

describe("an organisation's own taxonomy without descriptors, resources or certifications", () => {
  it("applies, falls back to the generic scale, and retires (never deletes) the catalogue", async () => {
    // A person holds a catalogue certification: retiring the catalogue entry must keep it.
    const held = await w.db.prisma.personCertification.create({
      data: { userId: w.actors.member.id, certificationId: "cka", issuedOn: new Date("2026-01-15") },
    });
    const doc = JSON.parse(JSON.stringify(toExportDocument(shipped()))) as Record<string, unknown> & {
      skills: Record<string, unknown>[];
    };
    doc.version = `2026.12.9-own-${w.tag}`;
    delete doc.certifications;
    for (const s of doc.skills) {
      delete s.levels;
      delete s.resources;
    }
    const result = await importTaxonomy(w.actors.admin, "own.json", JSON.stringify(doc));
    expect(result).toMatchObject({ changed: true, version: doc.version });

    const iacRow = await w.db.prisma.skill.findUniqueOrThrow({ where: { id: IAC } });
    expect(iacRow.levels).toEqual([]);
    expect(iacRow.resources).toEqual([]);
    expect(await w.db.prisma.certification.count()).toBe(shipped().certifications.length);
    expect(await w.db.prisma.certification.count({ where: { retired: false } })).toBe(0);
    expect((await w.db.prisma.personCertification.findUniqueOrThrow({ where: { id: held.id } })).certificationId).toBe(
      "cka",
    );

    const served = await getTaxonomy();
    expect(served.version).toBe(doc.version);
    expect(served.certifications).toEqual([]);
    const iac = served.skills.find((s) => s.id === IAC)!;
    expect(iac.levels).toEqual([]);
    expect(resourcesFor(iac, 0, 5)).toEqual([]);
    for (let level = 0; level <= 5; level++) {
      const generic = served.scale.find((l) => l.level === level)!;
      expect(levelDescriptor(iac, served.scale, level)).toEqual({
        level,
        name: generic.name,
        text: generic.description,
        specific: false,
      });
    }
    // Importing the same file again is unchanged.
    expect((await importTaxonomy(w.actors.admin, "own.json", JSON.stringify(doc))).changed).toBe(false);

    // Back to the shipped version: descriptors return and the catalogue is active again.
    expect((await applyTaxonomy(w.db.prisma, shipped(), "test")).changed).toBe(true);
    expect(await w.db.prisma.certification.count({ where: { retired: false } })).toBe(shipped().certifications.length);
    expect((await getTaxonomy()).skills.find((s) => s.id === IAC)!.levels).toHaveLength(5);
    const { versions } = await getAdminOverview(w.actors.admin);
    expect(versions.map((v) => v.version)).toContain(doc.version);
  });
});

import { describe, expect, it } from "vitest";
import { loadSourceCatalogue, loadTaxonomy } from "../../lib/taxonomy/load";
import { sourceCatalogueSchema } from "../../lib/taxonomy/schema";
import { sourceTitles } from "../../lib/domain/taxonomy-views";

const t = loadTaxonomy();
const catalogue = loadSourceCatalogue();
const used = [...new Set([...t.skills, ...t.roles, ...t.paths].flatMap((item) => item.sources))].sort();

describe("the source catalogue (data/sources.json)", () => {
  it.each(used)("has an entry for the source %s that the data cites", (id) => {
    expect(catalogue.map((s) => s.id)).toContain(id);
  });

  it("titles the seed articles by their headlines and our own additions as the skillgap editors", () => {
    const title = new Map(catalogue.map((s) => [s.id, s.title]));
    expect(title.get("000_8da864b1b68d8576.txt")).toBe(
      "Infrastructure Engineer vs. Platform Engineer: Key Differences in Tech Roles",
    );
    expect(title.get("003_6744d7590a6c39cd.txt")).toMatch(/^Platform Engineering Manager vs\. Infrastructure Manager/);
    expect(title.get("ours")).toBe("skillgap editors");
    for (const s of catalogue) expect(s.title).not.toMatch(/\.txt$|^\d{3}_/);
  });

  it("is validated: duplicate ids and empty titles are refused", () => {
    const bad = sourceCatalogueSchema.safeParse([
      { id: "a", title: "A" },
      { id: "a", title: " " },
    ]);
    expect(bad.success).toBe(false);
    const messages = bad.error!.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    expect(messages).toContain('1.id: duplicate source id "a"');
    expect(messages).toContain("1.title: source title must not be empty");
  });
});

describe("sourceTitles", () => {
  const cat = [
    { id: "000_x.txt", title: "An article" },
    { id: "ours", title: "skillgap editors" },
  ];
  it.each([
    [["000_x.txt"], ["An article"]],
    [
      ["000_x.txt", "ours"],
      ["An article", "skillgap editors"],
    ],
    [["ours", "ours"], ["skillgap editors"]],
    [["Our internal wiki"], ["Our internal wiki"]], // an imported taxonomy's own source, shown as written
    [[], []],
  ])("%j → %j", (ids, titles) => {
    expect(sourceTitles(ids, cat)).toEqual(titles);
  });

  it("gives every role and skill of the shipped data a title, never a file name", () => {
    for (const item of [...t.roles, ...t.skills]) {
      const titles = sourceTitles(item.sources, catalogue);
      expect(titles.length).toBeGreaterThan(0);
      for (const title of titles) expect(title).not.toMatch(/\.txt$/);
    }
  });
});

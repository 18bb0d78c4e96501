import { describe, expect, it } from "vitest";
import {
  hasSpecificLevels,
  levelDescriptor,
  levelDescriptors,
  resourceHost,
  resourcesFor,
} from "../../lib/domain/level-descriptors";
import { DomainError } from "../../lib/domain/scale";
import type { LearningResource, ScaleLevel } from "../../lib/domain/types";
import { loadTaxonomy } from "../../lib/taxonomy/load";

const scale: ScaleLevel[] = [
  { level: 0, name: "None", description: "Has not used it." },
  { level: 1, name: "Aware", description: "Knows what it is." },
  { level: 2, name: "Working", description: "Uses it with help." },
  { level: 3, name: "Practitioner", description: "Uses it alone." },
  { level: 4, name: "Advanced", description: "Guides others." },
  { level: 5, name: "Expert", description: "Sets direction." },
];
const levels = ["one", "two", "three", "four", "five"];
const specific = { levels };
const generic = { levels: [] as string[] };

describe("levelDescriptor", () => {
  it("gives the skill's own text for levels 1–5, with the scale's name", () => {
    for (let level = 1; level <= 5; level++) {
      expect(levelDescriptor(specific, scale, level)).toEqual({
        level,
        name: scale[level]!.name,
        text: levels[level - 1],
        specific: true,
      });
    }
  });

  it("level 0 is always the generic scale's", () => {
    expect(levelDescriptor(specific, scale, 0)).toEqual({
      level: 0,
      name: "None",
      text: "Has not used it.",
      specific: false,
    });
  });

  it("falls back to the generic scale for a skill without descriptors, or no skill at all", () => {
    expect(levelDescriptor(generic, scale, 3)).toEqual({
      level: 3,
      name: "Practitioner",
      text: "Uses it alone.",
      specific: false,
    });
    expect(levelDescriptor(null, scale, 2)).toMatchObject({ text: "Uses it with help.", specific: false });
    expect(levelDescriptor(undefined, scale, 5)).toMatchObject({ text: "Sets direction.", specific: false });
  });

  it("treats an incomplete set of descriptors as none", () => {
    expect(levelDescriptor({ levels: ["one", "two", "three"] }, scale, 2)).toMatchObject({
      text: "Uses it with help.",
      specific: false,
    });
  });

  it('names a level the scale lacks "Level n", with empty generic text', () => {
    expect(levelDescriptor(generic, [], 4)).toEqual({ level: 4, name: "Level 4", text: "", specific: false });
    expect(levelDescriptor(specific, [], 4)).toEqual({ level: 4, name: "Level 4", text: "four", specific: true });
  });

  it("refuses a level off the 0–5 scale", () => {
    for (const bad of [-1, 6, 2.5, Number.NaN]) {
      expect(() => levelDescriptor(specific, scale, bad)).toThrow(DomainError);
    }
  });
});

describe("levelDescriptors and hasSpecificLevels", () => {
  it("lists levels 1–5 in order", () => {
    expect(levelDescriptors(specific, scale).map((d) => [d.level, d.text, d.specific])).toEqual([
      [1, "one", true],
      [2, "two", true],
      [3, "three", true],
      [4, "four", true],
      [5, "five", true],
    ]);
    expect(levelDescriptors(generic, scale).map((d) => d.specific)).toEqual([false, false, false, false, false]);
  });

  it("says whether a skill has all five of its own", () => {
    expect(hasSpecificLevels(specific)).toBe(true);
    expect(hasSpecificLevels(generic)).toBe(false);
    expect(hasSpecificLevels({ levels: ["a", "b", "c", "d", "e", "f"] })).toBe(false);
    expect(hasSpecificLevels(null)).toBe(false);
    expect(hasSpecificLevels(undefined)).toBe(false);
  });

  it("the shipped infrastructure-as-code skill has its own level 3", () => {
    const t = loadTaxonomy();
    const iac = t.skills.find((s) => s.id === "infrastructure-as-code")!;
    const d = levelDescriptor(iac, t.scale, 3);
    expect(d.specific).toBe(true);
    expect(d.text).toMatch(/Terraform modules/);
    expect(d.name).toBe(t.scale.find((l) => l.level === 3)!.name);
  });
});

describe("resourcesFor", () => {
  const r = (title: string, level: number): LearningResource => ({
    title,
    url: `https://docs.example.org/${title}`,
    level,
  });
  const skill = { resources: [r("d", 4), r("a", 1), r("c", 3), r("b", 2), r("c2", 3), r("e", 5)] };

  it("keeps the levels above `from` up to and including `to`, lowest first, data order within a level", () => {
    expect(resourcesFor(skill, 2, 4).map((x) => x.title)).toEqual(["c", "c2", "d"]);
    expect(resourcesFor(skill, 0, 5).map((x) => x.title)).toEqual(["a", "b", "c", "c2", "d", "e"]);
    expect(resourcesFor(skill, 0, 1).map((x) => x.title)).toEqual(["a"]);
  });

  it("is empty for a step that does not go up, a skill without resources, or no skill", () => {
    expect(resourcesFor(skill, 3, 3)).toEqual([]);
    expect(resourcesFor(skill, 4, 2)).toEqual([]);
    expect(resourcesFor({ resources: [] }, 0, 5)).toEqual([]);
    expect(resourcesFor(null, 0, 5)).toEqual([]);
    expect(resourcesFor(undefined, 0, 5)).toEqual([]);
  });

  it("does not change the skill's list", () => {
    const before = skill.resources.map((x) => x.title);
    resourcesFor(skill, 0, 5);
    expect(skill.resources.map((x) => x.title)).toEqual(before);
  });
});

describe("resourceHost", () => {
  it("shows the host without www.", () => {
    expect(resourceHost("https://www.rfc-editor.org/rfc/rfc1918")).toBe("rfc-editor.org");
    expect(resourceHost("https://developer.hashicorp.com/terraform")).toBe("developer.hashicorp.com");
  });

  it("returns text that is not a URL as it is", () => {
    expect(resourceHost("not a url")).toBe("not a url");
  });
});

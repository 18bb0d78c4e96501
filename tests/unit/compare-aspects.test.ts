import { describe, expect, it } from "vitest";
import {
  ASPECT_LABELS,
  compareAspects,
  compareRoles,
  describeNeed,
  fitSummary,
  formatSalaryBand,
  personSkillRows,
  roleAspects,
  type AspectCell,
  type CompareAspect,
} from "../../lib/domain";
import type { Role } from "../../lib/domain/types";
import { loadTaxonomy } from "../../lib/taxonomy/load";
import { alex, emptyRole, infra, platform, sre, taxonomy as small } from "../fixtures/domain-taxonomy";

const t = loadTaxonomy();
const role = (id: string): Role => {
  const r = t.roles.find((x) => x.id === id);
  if (!r) throw new Error(`no role ${id}`);
  return r;
};
/** A cell as plain text: "Label: item, item | item". */
const flat = (cell: AspectCell) =>
  cell.lines.map((l) => `${l.label ? `${l.label}: ` : ""}${l.items.map((i) => i.text).join(", ")}`).join(" | ");
const byKey = (aspects: CompareAspect[], key: string) => aspects.find((a) => a.key === key)!;

describe("compareAspects: Infrastructure Engineer vs Platform Engineer (our data)", () => {
  const infraEng = role("infrastructure-engineer");
  const platformEng = role("platform-engineer");
  const aspects = compareAspects(t, infraEng, platformEng);

  it("lists the articles' aspects in their order, plus who the role works with", () => {
    expect(aspects.map((a) => a.label)).toEqual([
      "Primary focus",
      "Responsibilities",
      "Key skills and tools",
      "Objective",
      "Typical environment",
      "Output",
      "Works with",
      "Reporting line",
      "Entry points",
      "Career ladder",
      "Salary band",
    ]);
    expect(ASPECT_LABELS).toEqual(aspects.map((a) => a.label));
  });

  it("takes focus, objective (from the summary), environment, output and reporting line from the role", () => {
    expect(flat(byKey(aspects, "focus").a)).toBe(infraEng.focus);
    expect(flat(byKey(aspects, "objective").b)).toBe(platformEng.summary);
    expect(byKey(aspects, "objective").basis).toMatch(/summary/);
    expect(flat(byKey(aspects, "environment").a)).toBe(infraEng.environment);
    expect(flat(byKey(aspects, "output").b)).toBe(platformEng.output);
    expect(flat(byKey(aspects, "reportsTo").a)).toBe("Infrastructure Manager");
    expect(flat(byKey(aspects, "reportsTo").b)).toBe("Platform Engineering Manager");
  });

  it("derives responsibilities from the categories of the core skills, in category order", () => {
    const r = byKey(aspects, "responsibilities");
    expect(flat(r.a)).toContain("Networking");
    expect(flat(r.a)).toContain("Virtualization");
    expect(flat(r.a)).not.toContain("Developer platforms");
    expect(flat(r.b)).toContain("Containers & orchestration");
    expect(flat(r.b)).toContain("CI/CD & automation");
    expect(flat(r.b)).not.toContain("Virtualization");
  });

  it("key skills are the core requirements with their levels; tools are the main tool of each of those skills", () => {
    const k = byKey(aspects, "skills");
    const [skillsA, toolsA] = k.a.lines;
    expect(skillsA.label).toBe("Skills");
    // Highest level first: the level-4 core skills lead.
    expect(skillsA.items.slice(0, 3).map((i) => i.text)).toEqual([
      "Networking fundamentals & protocols (level 4)",
      "Server virtualization (level 4)",
      "System administration (level 4)",
    ]);
    expect(skillsA.items).toHaveLength(infraEng.requirements.filter((q) => q.importance === "core").length);
    expect(toolsA.label).toBe("Tools");
    expect(toolsA.items.map((i) => i.text)).toEqual(expect.arrayContaining(["VMware", "Terraform", "Ansible"]));
    // Nagios belongs to an "important" skill, not a core one.
    expect(toolsA.items.map((i) => i.text)).not.toContain("Nagios");
    const toolsB = k.b.lines[1].items.map((i) => i.text);
    expect(toolsB).toEqual(["Docker", "Kubernetes", "Jenkins", "Terraform", "Bash", "Dev Containers"]);
    expect(new Set(toolsB).size).toBe(toolsB.length);
  });

  it("entry points are the incoming entry paths, linked to their roles", () => {
    const e = byKey(aspects, "entry");
    expect(e.a.lines[0].label).toBeNull();
    expect(e.a.lines[0].items).toEqual([
      { text: "Cloud Engineer", roleId: "cloud-engineer" },
      { text: "IT Operations Engineer", roleId: "it-operations-engineer" },
      { text: "Network Engineer", roleId: "network-engineer" },
      { text: "System Administrator", roleId: "system-administrator" },
    ]);
    expect(flat(e.b)).toBe("Cloud Engineer, DevOps Engineer, Site Reliability Engineer");
  });

  it("career ladder gives seniority, the steps up and the sideways moves", () => {
    const l = byKey(aspects, "ladder");
    expect(flat(l.a)).toBe(
      "Seniority: 2 of 8, individual contributor | Steps up to: Infrastructure Manager, IT Manager, Systems Architect | Moves sideways to: Platform Engineer",
    );
    expect(flat(l.b)).toContain(
      "Steps up to: Cloud-Native Architect, Platform Engineering Manager, Senior DevOps Engineer",
    );
  });

  it("says nothing (an empty cell, shown as Not described) for a salary the data lacks", () => {
    expect(byKey(aspects, "salary").a.lines).toEqual([]);
    expect(byKey(aspects, "salary").b.lines).toEqual([]);
  });
});

describe("compareAspects: managers and edge cases", () => {
  it("formats a salary band with its currency", () => {
    const a = compareAspects(t, role("platform-engineering-manager"), role("infrastructure-manager"));
    expect(flat(byKey(a, "salary").a)).toBe("$150,000 – $250,000 a year");
    expect(flat(byKey(a, "salary").b)).toBe("$140,000 – $230,000 a year");
    expect(formatSalaryBand({ min: 50000, max: 60000, currency: "EUR" })).toBe("€50,000 – €60,000 a year");
    expect(formatSalaryBand(null)).toBeNull();
  });

  it("a role nobody enters directly is reached by promotion", () => {
    const cto = roleAspects(t, role("cto"));
    expect(flat(cto.entry)).toBe("Reached by promotion from: VP of Platform Engineering");
    expect(flat(cto.ladder)).toContain("Moves sideways to: CIO");
  });

  it("a role with empty fields has empty cells rather than missing rows", () => {
    const a = compareAspects(small, emptyRole, infra);
    expect(a).toHaveLength(ASPECT_LABELS.length);
    for (const key of ["focus", "responsibilities", "skills", "objective", "reportsTo", "entry", "salary"]) {
      expect(byKey(a, key).a.lines).toEqual([]);
    }
    // Seniority is always known.
    expect(flat(byKey(a, "ladder").a)).toBe("Seniority: 1 of 8, individual contributor");
    expect(flat(byKey(a, "responsibilities").b)).toBe("Systems");
    expect(flat(byKey(a, "ladder").b)).toBe(
      "Seniority: 3 of 8, individual contributor | Steps up to: Platform Engineer | Moves sideways to: Site Reliability Engineer | Promoted from: Systems Administrator",
    );
  });
});

describe("personSkillRows: a person against two roles", () => {
  const c = compareRoles(alex, infra, platform, { taxonomy: small });
  const rows = personSkillRows(c, alex);

  it("lists every skill either role needs once, the separating ones first", () => {
    const ids = rows.map((r) => r.skill);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(new Set([...infra.requirements, ...platform.requirements].map((q) => q.skill)));
    const firstShared = rows.findIndex((r) => !r.differs);
    expect(rows.slice(0, firstShared).map((r) => r.skill)).toEqual(c.separating.map((s) => s.skill));
    expect(rows.slice(firstShared).every((r) => !r.differs)).toBe(true);
  });

  it("puts the person's level beside each role's need with the gap to it", () => {
    const terraform = rows.find((r) => r.skill === "terraform")!;
    expect(terraform).toMatchObject({
      current: 2,
      differs: false,
      a: { required: 3, gap: 1, importance: "important" },
      b: { required: 3, gap: 1, importance: "core" },
    });
    const golang = rows.find((r) => r.skill === "golang")!;
    expect(golang.current).toBeNull(); // not rated
    expect(golang.a).toBeNull();
    expect(golang.b).toEqual({ required: 2, gap: 2, importance: "bonus" });
    expect(rows.find((r) => r.skill === "linux")!.b).toBeNull();
  });

  it("tells an explicit 0 from not rated", () => {
    const withZero = { ...alex, golang: 0 };
    const r = personSkillRows(compareRoles(withZero, infra, platform), withZero).find((x) => x.skill === "golang");
    expect(r?.current).toBe(0);
  });

  it.each([
    [null, "not needed"],
    [{ required: 3, gap: 1, importance: "core" as const }, "needs 3 → 1 short"],
    [{ required: 3, gap: 0, importance: "core" as const }, "needs 3 → met"],
  ])("describeNeed(%o) = %s", (need, text) => expect(describeNeed(need)).toBe(text));

  it("summarises the fit to each role from the engine's numbers", () => {
    expect(fitSummary(c.b)).toBe(
      `Platform Engineer: fit ${c.b.fit}%, still far. 0 of 3 core skills met; ${c.b.effort} level steps to go.`,
    );
    const ready = compareRoles({ observability: 4, linux: 4, kubernetes: 3, golang: 2 }, sre, infra).a;
    expect(fitSummary(ready)).toBe(
      "Site Reliability Engineer: fit 100%, ready. 2 of 2 core skills met; nothing to go.",
    );
  });
});

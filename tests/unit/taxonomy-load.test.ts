import { describe, expect, it } from "vitest";
import { loadTaxonomy, parseTaxonomyDocument, toExportDocument } from "../../lib/taxonomy/load";
import { taxonomyDocumentSchema } from "../../lib/taxonomy/schema";

const t = loadTaxonomy();
const doc = toExportDocument(t);
const title = (id: string) => doc.roles.find((r) => r.id === id)?.title;
const hasPath = (from: string, to: string, kind: string) =>
  doc.paths.some((p) => p.from === from && p.to === to && p.kind === kind);

const TITLES = [
  "Infrastructure Engineer",
  "Platform Engineer",
  "Platform Engineering Manager",
  "Infrastructure Manager",
  "System Administrator",
  "Network Engineer",
  "IT Operations Engineer",
  "DevOps Engineer",
  "Cloud Engineer",
  "Site Reliability Engineer",
  "Systems Architect",
  "IT Manager",
  "Senior DevOps Engineer",
  "Cloud-Native Architect",
  "Senior Platform Engineering Manager",
  "Director of Platform Engineering",
  "VP of Platform Engineering",
  "CTO",
  "Senior Infrastructure Manager",
  "Director of Infrastructure",
  "VP of IT Operations",
  "CIO",
];

const SEED_TOOLS = [
  "Ansible",
  "Terraform",
  "CloudFormation",
  "Nagios",
  "Cisco",
  "VMware",
  "Hyper-V",
  "Jenkins",
  "GitLab CI",
  "Docker",
  "Kubernetes",
  "Prometheus",
  "ELK Stack",
  "AWS",
  "Azure",
  "GCP",
  "Google Cloud",
];

const LADDERS = {
  platform: [
    "platform-engineering-manager",
    "senior-platform-engineering-manager",
    "director-of-platform-engineering",
    "vp-of-platform-engineering",
    "cto",
  ],
  infrastructure: [
    "infrastructure-manager",
    "senior-infrastructure-manager",
    "director-of-infrastructure",
    "vp-of-it-operations",
    "cio",
  ],
};

describe("loadTaxonomy", () => {
  it("loads the versioned data with realistic counts", () => {
    expect(t.version).toMatch(/^\d{4}\.\d+\.\d+$/);
    expect(t.scale.map((l) => l.level)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(t.skills.length).toBeGreaterThanOrEqual(45);
    expect(t.skills.length).toBeLessThanOrEqual(70);
    expect(t.roles).toHaveLength(22);
    expect(new Set(t.categories.map((c) => c.kind))).toEqual(new Set(["technical", "leadership"]));
  });

  it("returns the same cached, frozen object each time", () => {
    expect(loadTaxonomy()).toBe(t);
    expect(Object.isFrozen(t.skills[0]!.tools)).toBe(true);
    expect(() => (t.roles as unknown[]).push({})).toThrow(TypeError);
  });
});

describe("the export document holds the seed content", () => {
  it.each(TITLES)("role %s", (roleTitle) => {
    expect(doc.roles.map((r) => r.title)).toContain(roleTitle);
  });

  it.each(SEED_TOOLS)("tool %s is attached to a skill", (tool) => {
    expect(doc.skills.filter((s) => s.tools.includes(tool)).length).toBeGreaterThan(0);
  });

  it.each(Object.entries(LADDERS))("the %s manager ladder is a chain of progression paths", (_track, ladder) => {
    for (let i = 0; i + 1 < ladder.length; i++) {
      expect(title(ladder[i]!), ladder[i]).toBeDefined();
      expect(hasPath(ladder[i]!, ladder[i + 1]!, "progression"), `${ladder[i]} → ${ladder[i + 1]}`).toBe(true);
    }
  });

  it("entry points lead into the engineer and manager roles", () => {
    for (const from of ["system-administrator", "network-engineer", "it-operations-engineer"]) {
      expect(hasPath(from, "infrastructure-engineer", "entry"), from).toBe(true);
      expect(hasPath(from, "infrastructure-manager", "entry"), from).toBe(true);
    }
    for (const from of ["devops-engineer", "cloud-engineer", "site-reliability-engineer"]) {
      expect(hasPath(from, "platform-engineer", "entry"), from).toBe(true);
      expect(hasPath(from, "platform-engineering-manager", "entry"), from).toBe(true);
    }
  });

  it("engineers grow into the roles the seeds name", () => {
    for (const to of ["systems-architect", "it-manager"])
      expect(hasPath("infrastructure-engineer", to, "progression"), to).toBe(true);
    for (const to of ["senior-devops-engineer", "cloud-native-architect"])
      expect(hasPath("platform-engineer", to, "progression"), to).toBe(true);
    expect(doc.paths.some((p) => p.from === "platform-engineer" && p.to === "site-reliability-engineer")).toBe(true);
  });

  it("infrastructure and platform connect laterally in both directions", () => {
    for (const [a, b] of [
      ["infrastructure-engineer", "platform-engineer"],
      ["infrastructure-manager", "platform-engineering-manager"],
    ] as const) {
      expect(hasPath(a, b, "lateral")).toBe(true);
      expect(hasPath(b, a, "lateral")).toBe(true);
    }
  });

  it("every role is on some path, every role below C-level has a next step, and the C-level is the top", () => {
    for (const r of doc.roles) {
      const out = doc.paths.filter((p) => p.from === r.id);
      expect(doc.paths.some((p) => p.to === r.id) || out.length > 0, r.id).toBe(true);
      if (r.seniority < 8) expect(out.length, r.id).toBeGreaterThan(0);
      else
        expect(
          out.filter((p) => p.kind !== "lateral"),
          r.id,
        ).toEqual([]);
    }
  });
});

describe("export and import", () => {
  it("the export document matches the schema and re-imports to the same taxonomy", () => {
    expect(taxonomyDocumentSchema.safeParse(doc).success).toBe(true);
    const again = parseTaxonomyDocument(JSON.parse(JSON.stringify(doc)), "export.json");
    expect(again.ok && again.taxonomy).toEqual(t);
  });

  it("has exactly the documented keys", () => {
    expect(Object.keys(doc)).toEqual(["version", "scale", "categories", "skills", "roles", "paths", "certifications"]);
    expect(Object.keys(doc.skills[0]!)).toEqual([
      "id",
      "name",
      "category",
      "description",
      "tools",
      "aliases",
      "prerequisites",
      "sources",
      "levels",
      "resources",
    ]);
    expect(Object.keys(doc.skills[0]!.resources[0]!)).toEqual(["title", "url", "level"]);
    expect(Object.keys(doc.certifications[0]!)).toEqual([
      "id",
      "name",
      "short",
      "issuer",
      "validityMonths",
      "skills",
      "url",
    ]);
    expect(Object.keys(doc.roles[0]!)).toEqual([
      "id",
      "title",
      "track",
      "kind",
      "seniority",
      "summary",
      "focus",
      "environment",
      "output",
      "collaborates",
      "reportsTo",
      "salary",
      "requirements",
      "sources",
    ]);
    expect(Object.keys(doc.paths[0]!)).toEqual(["from", "to", "kind", "sources"]);
  });

  it("returns a copy: changing the document leaves the taxonomy alone", () => {
    const copy = toExportDocument(t);
    copy.skills[0]!.tools.push("Changed");
    expect(t.skills[0]!.tools).not.toContain("Changed");
  });

  it("fills in defaults for optional fields on import", () => {
    const minimal = {
      version: "custom-1",
      scale: doc.scale,
      categories: [{ id: "ops", name: "Operations" }],
      skills: [{ id: "on-call", name: "On-call", category: "ops" }],
      roles: [
        {
          id: "operator",
          title: "Operator",
          track: "infrastructure",
          seniority: 1,
          requirements: [{ skill: "on-call", level: 2, importance: "core" }],
        },
      ],
      paths: [],
    };
    const result = parseTaxonomyDocument(minimal, "minimal.json");
    expect(result.ok ? null : result.errors).toBeNull();
    if (!result.ok) return;
    expect(result.taxonomy.categories[0]).toEqual({
      id: "ops",
      name: "Operations",
      kind: "technical",
      description: "",
    });
    expect(result.taxonomy.skills[0]).toMatchObject({
      tools: [],
      aliases: [],
      prerequisites: [],
      sources: [],
      description: "",
      levels: [],
      resources: [],
    });
    expect(result.taxonomy.certifications).toEqual([]);
    expect(result.taxonomy.roles[0]).toMatchObject({
      kind: "ic",
      salary: null,
      reportsTo: null,
      collaborates: [],
      sources: [],
    });
  });

  it("defaults a salary's currency to USD and rejects max below min", () => {
    const base = JSON.parse(JSON.stringify(doc));
    base.roles[0].salary = { min: 100000, max: 120000 };
    const ok = parseTaxonomyDocument(base, "t.json");
    expect(ok.ok && ok.taxonomy.roles[0]!.salary).toEqual({ min: 100000, max: 120000, currency: "USD" });
    base.roles[0].salary = { min: 120000, max: 100000, currency: "USD" };
    const bad = parseTaxonomyDocument(base, "t.json");
    expect(bad.ok ? [] : bad.errors).toEqual([
      { file: "t.json", path: "roles[0].salary.max", message: "salary max must not be below min" },
    ]);
  });
});

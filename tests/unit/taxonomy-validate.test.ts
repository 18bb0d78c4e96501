import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  parseTaxonomyDocument,
  readTaxonomyDataFiles,
  validateTaxonomyDataFiles,
  type TaxonomyDataFiles,
} from "../../lib/taxonomy/load";
import {
  formatTaxonomyError,
  formatTaxonomyErrors,
  validateTaxonomy,
  type TaxonomyError,
} from "../../lib/taxonomy/validate";

type Files = {
  meta: any;
  scale: any[];
  categories: any[];
  skills: any[];
  roles: any[];
  paths: any[];
  certifications: any[];
};
const files = () => readTaxonomyDataFiles() as unknown as Files;
const indexOf = (list: { id: string }[], id: string) => list.findIndex((x) => x.id === id);

function errorsOf(f: Files): TaxonomyError[] {
  const result = validateTaxonomyDataFiles(f as unknown as TaxonomyDataFiles);
  return result.ok ? [] : result.errors;
}

describe("the shipped taxonomy", () => {
  it("passes validation with no errors", () => {
    const result = validateTaxonomyDataFiles(readTaxonomyDataFiles());
    expect(result.ok ? [] : formatTaxonomyErrors(result.errors).split("\n")).toEqual([]);
  });
});

type Case = { name: string; breakIt: (f: Files) => void; expected: string[] };

const iOrch = () => indexOf(files().skills, "container-orchestration");
const iPE = () => indexOf(files().roles, "platform-engineer");
const iIaC = () => indexOf(files().skills, "infrastructure-as-code");
const iCKA = () => indexOf(files().certifications, "cka");

const cases: Case[] = [
  {
    name: "unknown skill id in a requirement",
    breakIt: (f) => (f.roles[iPE()].requirements[1].skill = "kubernetess"),
    expected: [`roles.json: roles[${iPE()}].requirements[1].skill: unknown skill id "kubernetess"`],
  },
  {
    name: "unknown skill id in prerequisites",
    breakIt: (f) => f.skills[iOrch()].prerequisites.push("containerz"),
    expected: [`skills.json: skills[${iOrch()}].prerequisites[2]: unknown skill id "containerz"`],
  },
  {
    name: "unknown category id",
    breakIt: (f) => (f.skills[iIaC()].category = "iac"),
    expected: [`skills.json: skills[${iIaC()}].category: unknown category id "iac"`],
  },
  {
    name: "unknown role id in a path",
    breakIt: (f) => (f.paths[0].from = "junior-sysadmin"),
    expected: [`paths.json: paths[0].from: unknown role id "junior-sysadmin"`],
  },
  {
    name: "path edge to a missing role",
    breakIt: (f) =>
      f.paths.push({ from: "platform-engineer", to: "chief-platform-officer", kind: "progression", sources: ["ours"] }),
    expected: [`paths.json: paths[${files().paths.length}].to: unknown role id "chief-platform-officer"`],
  },
  {
    name: "duplicate skill id",
    breakIt: (f) => f.skills.push({ ...f.skills[iIaC()], name: "IaC again", aliases: [] }),
    expected: [
      `skills.json: skills[${files().skills.length}].id: duplicate skill id "infrastructure-as-code" (first at skills[${iIaC()}])`,
    ],
  },
  {
    name: "duplicate role id",
    breakIt: (f) => f.roles.push({ ...f.roles[iPE()], title: "Platform Engineer II" }),
    expected: [
      `roles.json: roles[${files().roles.length}].id: duplicate role id "platform-engineer" (first at roles[${iPE()}])`,
    ],
  },
  {
    name: "duplicate category id",
    breakIt: (f) => f.categories.push({ ...f.categories[0], name: "More networking" }),
    expected: [
      `categories.json: categories[${files().categories.length}].id: duplicate category id "networking" (first at categories[0])`,
    ],
  },
  {
    name: "duplicate scale level (and the level it replaced goes missing)",
    breakIt: (f) => (f.scale[3].level = 2),
    expected: [
      "scale.json: scale[3].level: duplicate scale level 2 (first at scale[2])",
      "scale.json: scale: scale is missing level 3",
    ],
  },
  {
    name: "required level out of range",
    breakIt: (f) => {
      f.roles[iPE()].requirements[0].level = 6;
      f.roles[iPE()].requirements[1].level = 0;
    },
    expected: [
      `roles.json: roles[${iPE()}].requirements[0].level: required level must be an integer from 1 to 5 (got 6)`,
      `roles.json: roles[${iPE()}].requirements[1].level: required level must be an integer from 1 to 5 (got 0)`,
    ],
  },
  {
    name: "scale level out of range",
    breakIt: (f) => (f.scale[5].level = 5.5),
    expected: [
      "scale.json: scale[5].level: level must be an integer from 0 to 5 (got 5.5)",
      "scale.json: scale: scale is missing level 5",
    ],
  },
  {
    name: "prerequisite cycle, named in full",
    breakIt: (f) => f.skills[indexOf(f.skills, "containers")].prerequisites.push("container-orchestration"),
    expected: [
      `skills.json: skills[${iOrch()}].prerequisites[0]: prerequisite cycle: container-orchestration → containers → container-orchestration`,
    ],
  },
  {
    name: "a skill that requires itself",
    breakIt: (f) => f.skills[iIaC()].prerequisites.push("infrastructure-as-code"),
    expected: [
      `skills.json: skills[${iIaC()}].prerequisites[3]: prerequisite cycle: infrastructure-as-code → infrastructure-as-code`,
    ],
  },
  {
    name: "alias claimed by two skills",
    breakIt: (f) => f.skills[indexOf(f.skills, "gitops")].aliases.push("iac"),
    expected: [
      `skills.json: skills[${indexOf(files().skills, "gitops")}].aliases[1]: alias "iac" is already used by skill "infrastructure-as-code"`,
    ],
  },
  {
    name: "alias that is another skill's name",
    breakIt: (f) => f.skills[iOrch()].aliases.push("infrastructure AS code"),
    expected: [
      `skills.json: skills[${iOrch()}].aliases[2]: alias "infrastructure AS code" is already used by skill "infrastructure-as-code"`,
    ],
  },
  {
    name: "progression that does not go up in seniority",
    breakIt: (f) => f.paths.push({ from: "cto", to: "platform-engineer", kind: "progression", sources: ["ours"] }),
    expected: [
      `paths.json: paths[${files().paths.length}].kind: progression path must lead to a higher seniority ("cto" is 8, "platform-engineer" is 2); use "lateral"`,
    ],
  },
  {
    name: "bad shape: wrong types and a missing field",
    breakIt: (f) => {
      f.roles[iPE()].seniority = "senior";
      delete f.roles[iPE()].track;
      f.skills[iIaC()].tools = "Terraform";
    },
    expected: [
      `skills.json: skills[${iIaC()}].tools: Invalid input: expected array, received string`,
      `roles.json: roles[${iPE()}].track: track must be one of "infrastructure", "platform" (got nothing)`,
      `roles.json: roles[${iPE()}].seniority: seniority must be an integer from 1 to 8 (got "senior")`,
    ],
  },
  {
    name: "a missing version in meta.json",
    breakIt: (f) => (f.meta = {}),
    expected: ["meta.json: version: expected version to be a string"],
  },
  {
    name: "a data file that is not an array",
    breakIt: (f) => (f.paths = { from: "a", to: "b" } as any),
    expected: ["paths.json: paths: expected an array of paths"],
  },
  {
    name: "wrong number of level descriptors",
    breakIt: (f) => (f.skills[iIaC()].levels = f.skills[iIaC()].levels.slice(0, 3)),
    expected: [`skills.json: skills[${iIaC()}].levels: levels must list 5 descriptors, for levels 1 to 5 (got 3)`],
  },
  {
    name: "an empty level descriptor",
    breakIt: (f) => (f.skills[iIaC()].levels[1] = "   "),
    expected: [`skills.json: skills[${iIaC()}].levels[1]: level descriptor must not be empty`],
  },
  {
    name: "a resource that is not https",
    breakIt: (f) => (f.skills[iIaC()].resources[0].url = "http://developer.hashicorp.com/terraform"),
    expected: [
      `skills.json: skills[${iIaC()}].resources[0].url: resource url must be a full https:// address (got "http://developer.hashicorp.com/terraform")`,
    ],
  },
  {
    name: "a resource level off the scale, and one without a title",
    breakIt: (f) => {
      f.skills[iIaC()].resources[0].level = 0;
      f.skills[iIaC()].resources[1].title = "";
    },
    expected: [
      `skills.json: skills[${iIaC()}].resources[0].level: resource level must be an integer from 1 to 5 (got 0)`,
      `skills.json: skills[${iIaC()}].resources[1].title: resource title must not be empty`,
    ],
  },
  {
    name: "a resource listed twice for one skill",
    breakIt: (f) => f.skills[iIaC()].resources.push({ ...f.skills[iIaC()].resources[0], title: "Again" }),
    expected: [
      `skills.json: skills[${iIaC()}].resources[${files().skills[iIaC()].resources.length}].url: resource url "${files().skills[iIaC()].resources[0].url}" is listed twice (first at skills[${iIaC()}].resources[0])`,
    ],
  },
  {
    name: "a certification naming an unknown skill",
    breakIt: (f) => f.certifications[iCKA()].skills.push("kubernetess"),
    expected: [
      `certifications.json: certifications[${iCKA()}].skills[${files().certifications[iCKA()].skills.length}]: unknown skill id "kubernetess"`,
    ],
  },
  {
    name: "duplicate certification id",
    breakIt: (f) => f.certifications.push({ ...f.certifications[iCKA()], short: "CKA again" }),
    expected: [
      `certifications.json: certifications[${files().certifications.length}].id: duplicate certification id "cka" (first at certifications[${iCKA()}])`,
    ],
  },
  {
    name: "duplicate certification short name",
    breakIt: (f) => f.certifications.push({ ...f.certifications[iCKA()], id: "cka-2" }),
    expected: [
      `certifications.json: certifications[${files().certifications.length}].short: duplicate certification short name "CKA" (first at certifications[${iCKA()}])`,
    ],
  },
  {
    name: "a certification with a bad validity and a plain-http url",
    breakIt: (f) => {
      f.certifications[iCKA()].validityMonths = 0;
      f.certifications[iCKA()].url = "http://example.org/cka";
    },
    expected: [
      `certifications.json: certifications[${iCKA()}].validityMonths: validityMonths must be an integer from 1 to 120 (got 0)`,
      `certifications.json: certifications[${iCKA()}].url: certification url must be a full https:// address (got "http://example.org/cka")`,
    ],
  },
  {
    name: "a certifications file that is not an array",
    breakIt: (f) => (f.certifications = { id: "cka" } as any),
    expected: ["certifications.json: certifications: expected an array of certifications"],
  },
];

describe("validateTaxonomy catches each kind of error", () => {
  it.each(cases)("$name", ({ breakIt, expected }) => {
    const f = files();
    breakIt(f);
    expect(errorsOf(f).map(formatTaxonomyError)).toEqual(expected);
  });

  it("reports every problem at once when several files are broken", () => {
    const f = files();
    const some = cases.slice(0, 8);
    for (const c of some) c.breakIt(f);
    const lines = errorsOf(f).map(formatTaxonomyError);
    for (const c of some) for (const line of c.expected) expect(lines).toContain(line);
    expect(new Set(errorsOf(f).map((e) => e.file))).toEqual(
      new Set(["skills.json", "roles.json", "paths.json", "categories.json"]),
    );
  });

  it("a malformed item still has its references checked", () => {
    const f = files();
    f.roles[iPE()].requirements[0].level = 9;
    f.roles[iPE()].requirements[1].skill = "dockr";
    expect(errorsOf(f).map((e) => e.path)).toEqual([
      `roles[${iPE()}].requirements[0].level`,
      `roles[${iPE()}].requirements[1].skill`,
    ]);
  });
});

describe("a broken import file", () => {
  const fixture = path.resolve(__dirname, "../fixtures/taxonomy/broken-taxonomy.json");
  const text = readFileSync(fixture, "utf8");

  it("reports all of its errors with file and path", () => {
    const result = parseTaxonomyDocument(JSON.parse(text), "broken-taxonomy.json");
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : formatTaxonomyErrors(result.errors).split("\n")).toEqual([
      "broken-taxonomy.json: version: version must not be empty",
      "broken-taxonomy.json: scale[3].level: duplicate scale level 2 (first at scale[2])",
      "broken-taxonomy.json: scale[5].level: level must be an integer from 0 to 5 (got 6)",
      "broken-taxonomy.json: scale: scale is missing level 3",
      "broken-taxonomy.json: scale: scale is missing level 5",
      'broken-taxonomy.json: categories[1].id: duplicate category id "net" (first at categories[0])',
      'broken-taxonomy.json: skills[1].category: unknown category id "security"',
      'broken-taxonomy.json: skills[1].aliases[0]: alias "bgp" is already used by skill "routing"',
      "broken-taxonomy.json: skills[3].prerequisites[0]: prerequisite cycle: egg → chicken → egg",
      'broken-taxonomy.json: skills[4].prerequisites[0]: unknown skill id "containerz"',
      'broken-taxonomy.json: skills[5].id: id must be kebab-case (a-z, 0-9, "-"), got "Bad Id"',
      "broken-taxonomy.json: roles[0].requirements[2].level: required level must be an integer from 1 to 5 (got 7)",
      'broken-taxonomy.json: roles[0].requirements[1].skill: unknown skill id "kubernetess"',
      'broken-taxonomy.json: roles[1].id: duplicate role id "net-eng" (first at roles[0])',
      'broken-taxonomy.json: roles[2].track: track must be one of "infrastructure", "platform" (got "platforms")',
      'broken-taxonomy.json: roles[2].requirements[0].importance: importance must be one of "core", "important", "bonus" (got "essential")',
      'broken-taxonomy.json: paths[0].to: unknown role id "staff-network-engineer"',
      'broken-taxonomy.json: paths[1].to: path leads from "net-eng" to itself',
    ]);
  });

  it("accepts the raw JSON text too, and reports text that is not JSON", () => {
    const fromText = parseTaxonomyDocument(text, "broken-taxonomy.json");
    expect(fromText.ok ? 0 : fromText.errors.length).toBe(18);
    const notJson = parseTaxonomyDocument("{ version: 1", "upload.json");
    expect(notJson.ok).toBe(false);
    expect(notJson.ok ? null : notJson.errors[0]).toMatchObject({ file: "upload.json", path: "" });
  });

  it("rejects something that is not a taxonomy object", () => {
    for (const input of [null, 42, [], "[]"]) {
      const result = parseTaxonomyDocument(input, "x.json");
      expect(result.ok ? [] : result.errors.map(formatTaxonomyError)).toEqual([
        "x.json: (root): expected a taxonomy object with version, scale, categories, skills, roles and paths",
      ]);
    }
  });

  it("uses the given file name, or the default one", () => {
    const result = validateTaxonomy({ version: "1" });
    expect(result.ok ? [] : result.errors.map((e) => e.file)).toContain("taxonomy.json");
  });
});

import fc from "fast-check";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { checkCsvRows, csvDelimiter, editDistance, nearestSkill, stripBom, type SkillName } from "../../lib/domain/csv";

const SKILLS: SkillName[] = [
  {
    id: "infrastructure-as-code",
    name: "Infrastructure as code",
    aliases: ["IaC"],
    tools: ["Terraform", "OpenTofu", "Pulumi"],
  },
  {
    id: "container-orchestration",
    name: "Container orchestration (Kubernetes)",
    aliases: ["K8s"],
    tools: ["Kubernetes"],
  },
  { id: "containers", name: "Containers", aliases: [], tools: ["Docker"] },
  { id: "linux", name: "Linux administration", aliases: ["Linux"], tools: [] },
  { id: "aws", name: "Amazon Web Services (AWS)", aliases: [], tools: ["AWS"] },
  { id: "gcp", name: "Google Cloud (GCP)", aliases: [], tools: ["GCP"] },
];

/** Parses a file the way the import does: BOM stripped, separator detected, header row. */
const parse = (text: string) =>
  Papa.parse<Record<string, string>>(stripBom(text), {
    header: true,
    delimiter: csvDelimiter(stripBom(text)),
    skipEmptyLines: "greedy",
  });

describe("separators and byte-order mark", () => {
  it.each([
    ["skill_id,level\nlinux,3", ","],
    ["skill_id;level\nlinux;3", ";"],
    ["\uFEFFskill_id;level;note\r\nlinux;3;a, b\r\n", ";"],
    ['"skill, id";level;note\nx;1;y', ";"], // a comma inside a quoted header does not count
    ["skill_id\nlinux", ","], // one column: nothing to choose, the default
    ["\n\nskill_id;level\nlinux;2", ";"], // blank lines before the header
  ])("%j is separated by %j", (text, expected) => {
    expect(csvDelimiter(stripBom(text))).toBe(expected);
  });

  it("reads an Excel-style file (BOM, semicolons, CRLF, a comma inside a note) into the same rows as a plain one", () => {
    const excel = "\uFEFFskill_id;level;note\r\nlinux;3;ran 40 servers, mostly RHEL\r\ncontainers;2;\r\n";
    const plain = 'skill_id,level,note\nlinux,3,"ran 40 servers, mostly RHEL"\ncontainers,2,\n';
    expect(parse(excel).data).toEqual(parse(plain).data);
    expect(parse(excel).meta.fields).toEqual(["skill_id", "level", "note"]); // no BOM glued to the first column
  });

  it("leaves text without a BOM alone and removes only a leading one", () => {
    expect(stripBom("abc")).toBe("abc");
    expect(stripBom("\uFEFFa\uFEFFb")).toBe("a\uFEFFb");
  });
});

describe("editDistance (optimal string alignment)", () => {
  it.each([
    ["", "", 0],
    ["abc", "", 3],
    ["", "ab", 2],
    ["terraform", "terraform", 0],
    ["terrafrom", "terraform", 1], // swap of neighbours is one edit
    ["kubernetess", "kubernetes", 1],
    ["kitten", "sitting", 3],
    ["ca", "abc", 3], // OSA, not unrestricted Damerau (which gives 2)
  ])("%j → %j is %i", (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });

  it("is symmetric, zero only for equal strings, and at most the longer length", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        const d = editDistance(a, b);
        expect(d).toBe(editDistance(b, a));
        expect(d === 0).toBe(a === b);
        expect(d).toBeLessThanOrEqual(Math.max(a.length, b.length));
        expect(d).toBeGreaterThanOrEqual(Math.abs(a.length - b.length));
      }),
    );
  });
});

describe("nearestSkill", () => {
  it.each([
    ["Terrafrom", "Infrastructure as code"], // a tool, misspelt
    ["kubernetess", "Container orchestration (Kubernetes)"],
    ["infrastructure-as-cod", "Infrastructure as code"], // an id, one letter short
    ["Linux administartion", "Linux administration"],
    ["Containres", "Containers"],
  ])("%j → %j", (typed, name) => {
    expect(nearestSkill(typed, SKILLS)?.name).toBe(name);
  });

  it.each(["no-such-skill", "cooking", "", "  "])("suggests nothing for %j", (typed) => {
    expect(nearestSkill(typed, SKILLS)).toBeNull();
  });
});

describe("checkCsvRows", () => {
  const check = (text: string) => checkCsvRows(parse(text).data, SKILLS);

  it("names the row and column of an empty cell", () => {
    const { problems, ratings } = check("skill_id;level\nlinux;3\ncontainers;\n;2\n");
    expect(problems.map((p) => p.message)).toEqual(['Row 3, column "level": empty', 'Row 4, column "skill_id": empty']);
    expect(ratings.map((r) => [r.row, r.skillId])).toEqual([[2, "linux"]]);
  });

  it("reports a short row's missing cell as empty, not as an unknown skill", () => {
    expect(check("skill_name,level\nLinux administration\n").problems.map((p) => p.message)).toEqual([
      'Row 2, column "level": empty',
    ]);
  });

  it("suggests the nearest skill for a name nobody has, and says nothing when none is near", () => {
    const { problems } = check("skill_name,level\nLinux,3\nContainers,2\nTerrafrom,2\nno-such-skill,1\n");
    expect(problems.map((p) => p.message)).toEqual([
      'Row 4: no skill called "Terrafrom". Did you mean "Infrastructure as code"?',
      'Row 5: no skill called "no-such-skill".',
    ]);
  });

  it("finds skills by id, name, alias or a tool only one skill lists, whatever the case", () => {
    const { ratings, problems } = check(
      "skill,level\ninfrastructure-as-code,1\ncontainers,2\nk8s,3\nLINUX ADMINISTRATION,4\naws,5\n",
    );
    expect(problems).toEqual([]);
    expect(ratings.map((r) => r.skillId)).toEqual([
      "infrastructure-as-code",
      "containers",
      "container-orchestration",
      "linux",
      "aws",
    ]);
  });

  it("uses skill_name when skill_id is empty, and refuses a skill listed twice", () => {
    const { ratings, problems } = check("skill_id,skill_name,level\n,Containers,2\ncontainers,,3\n");
    expect(ratings.map((r) => r.skillId)).toEqual(["containers"]);
    expect(problems.map((p) => p.message)).toEqual(['Row 3: "Containers" is already on row 2.']);
  });
});

import { describe, expect, it } from "vitest";
import { loadTaxonomy } from "../../lib/taxonomy/load";
import { searchSkillMatches, searchSkills } from "../../lib/taxonomy/search";

const t = loadTaxonomy();
const ids = (q: string) => searchSkills(t, q).map((s) => s.id);

describe("searchSkills", () => {
  it.each([
    ["terraform", "infrastructure-as-code"],
    ["TERRAFORM", "infrastructure-as-code"],
    ["cloudformation", "infrastructure-as-code"],
    ["iac", "infrastructure-as-code"],
    ["elk", "log-management"],
    ["ELK Stack", "log-management"],
    ["ansible", "configuration-management"],
    ["nagios", "infrastructure-monitoring"],
    ["prometheus", "metrics-observability"],
    ["cisco", "network-routing-switching"],
    ["vmware", "virtualization"],
    ["hyper-v", "virtualization"],
    ["hyper v", "virtualization"],
    ["jenkins", "ci-cd-pipelines"],
    ["gitlab ci", "ci-cd-pipelines"],
    ["gitlab-ci", "ci-cd-pipelines"],
    ["docker", "containers"],
    ["kubernetes", "container-orchestration"],
    ["k8s", "container-orchestration"],
    ["google cloud", "gcp"],
    ["itil", "itsm-itil"],
    ["sre", "site-reliability-engineering"],
    ["container-orchestration", "container-orchestration"],
  ])("%s → %s first", (query, expected) => {
    expect(ids(query)[0]).toBe(expected);
  });

  it("ranks exact tool hits above partial ones", () => {
    const matches = searchSkillMatches(t, "aws");
    expect(matches[0]!.skill.id).toBe("aws");
    expect(matches[0]!.score).toBeGreaterThan(matches[1]!.score);
    expect(matches.map((m) => m.skill.id)).toContain("cloud-cost-optimization"); // "AWS Cost Explorer"
  });

  it("finds every skill of a category by the category's name", () => {
    const found = ids("disaster recovery & business continuity");
    for (const id of ["backup-restore", "disaster-recovery-planning", "high-availability"]) expect(found).toContain(id);
  });

  it("needs every word of a multi-word query to match", () => {
    expect(ids("gitlab pipelines")).toEqual(["ci-cd-pipelines"]);
    expect(ids("kubernetes nonsense")).toEqual([]);
  });

  it("returns nothing for an empty or unknown query", () => {
    expect(ids("")).toEqual([]);
    expect(ids("   ")).toEqual([]);
    expect(ids("zzzz-no-such-tool")).toEqual([]);
  });

  it("works on a slice of the taxonomy with only the fields it reads", () => {
    const slim = {
      categories: t.categories.map(({ id, name }) => ({ id, name })),
      skills: t.skills.map(({ id, name, category, description, tools, aliases }) => ({
        id,
        name,
        category,
        description,
        tools,
        aliases,
      })),
    };
    expect(searchSkills(slim, "terraform").map((s) => s.id)[0]).toBe("infrastructure-as-code");
  });

  it("is deterministic: equal scores are ordered by name", () => {
    const matches = searchSkillMatches(t, "cloud");
    for (let i = 1; i < matches.length; i++) {
      const [a, b] = [matches[i - 1]!, matches[i]!];
      expect(a.score > b.score || (a.score === b.score && a.skill.name.localeCompare(b.skill.name) <= 0)).toBe(true);
    }
  });
});

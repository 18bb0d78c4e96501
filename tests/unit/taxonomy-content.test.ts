import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Role } from "../../lib/domain/types";
import { loadTaxonomy } from "../../lib/taxonomy/load";
import { hashShingle, shingles, SHINGLE_WORDS } from "../fixtures/taxonomy/shingles";
import seedShingles from "../fixtures/taxonomy/seed-shingles.json";

const t = loadTaxonomy();
const SEEDS = ["000_8da864b1b68d8576.txt", "003_6744d7590a6c39cd.txt"];
const role = (id: string): Role => {
  const r = t.roles.find((x) => x.id === id);
  if (!r) throw new Error(`no role ${id}`);
  return r;
};
const levels = (r: Role) => new Map(r.requirements.map((q) => [q.skill, q.level]));

/** Every prose field, labelled so a failure says where the copied run is. */
function proseFields(): [string, string][] {
  return [
    ...t.scale.map((l): [string, string] => [`scale ${l.level}`, l.description]),
    ...t.categories.map((c): [string, string] => [`category ${c.id}`, c.description]),
    ...t.skills.flatMap((s): [string, string][] => [
      [`skill ${s.id} name`, s.name],
      [`skill ${s.id} description`, s.description],
      ...s.levels.map((text, i): [string, string] => [`skill ${s.id} level ${i + 1}`, text]),
    ]),
    ...t.roles.flatMap((r): [string, string][] => [
      [`role ${r.id} summary`, r.summary],
      [`role ${r.id} focus`, r.focus],
      [`role ${r.id} environment`, r.environment],
      [`role ${r.id} output`, r.output],
      [`role ${r.id} reportsTo`, r.reportsTo ?? ""],
      [`role ${r.id} collaborates`, r.collaborates.join(", ")],
    ]),
  ];
}

describe("provenance", () => {
  const items = [
    ...t.skills.map((s) => [`skill ${s.id}`, s.sources] as const),
    ...t.roles.map((r) => [`role ${r.id}`, r.sources] as const),
    ...t.paths.map((p) => [`path ${p.from} → ${p.to}`, p.sources] as const),
  ];

  it.each(items)('%s has sources that are seed file names or "ours"', (_label, sources) => {
    expect(sources.length).toBeGreaterThan(0);
    for (const s of sources) expect(["ours", ...SEEDS]).toContain(s);
    expect(new Set(sources).size).toBe(sources.length);
    if (sources.includes("ours")) expect(sources).toEqual(["ours"]);
  });

  it("draws on both seed articles", () => {
    const used = new Set(items.flatMap(([, s]) => s));
    for (const seed of SEEDS) expect(used).toContain(seed);
  });
});

describe("descriptions are written in our own words", () => {
  it.each(proseFields().filter(([label]) => /description|summary/.test(label)))(
    "%s is at least 40 characters",
    (_label, text) => {
      expect(text.trim().length).toBeGreaterThanOrEqual(40);
    },
  );

  it.each(t.roles.map((r) => [r.id, r] as const))("role %s has focus, environment and output filled in", (_id, r) => {
    for (const text of [r.focus, r.environment, r.output]) expect(text.trim().length).toBeGreaterThanOrEqual(20);
    expect(r.collaborates.length).toBeGreaterThan(0);
  });

  it(`no prose field repeats a ${SHINGLE_WORDS}-word run from a seed article`, () => {
    const seed = new Set(seedShingles.shingles);
    const copied = proseFields().flatMap(([label, text]) =>
      shingles(text)
        .filter((s) => seed.has(hashShingle(s)))
        .map((s) => `${label}: "${s}"`),
    );
    expect(copied).toEqual([]);
  });

  it("the shingle check can fail: a sentence lifted from the seeds is caught", () => {
    const lifted = "Platform Engineering is not simply rebranded Infrastructure Management, says the article";
    const seed = new Set(seedShingles.shingles);
    expect(shingles(lifted).some((s) => seed.has(hashShingle(s)))).toBe(true);
  });

  // The hashes stand in for the seed text (which is not stored in the repository); when the
  // seeds are at hand, check that the hashes still match them.
  const seedDir = process.env.SKILLGAP_SEEDS_DIR ?? path.resolve(__dirname, "../../../shared/seeds");
  it.runIf(SEEDS.every((f) => existsSync(path.join(seedDir, f))))(
    "seed-shingles.json matches the seed articles",
    () => {
      const fresh = new Set(
        SEEDS.flatMap((f) => shingles(readFileSync(path.join(seedDir, f), "utf8")).map(hashShingle)),
      );
      expect([...fresh].sort()).toEqual(seedShingles.shingles);
    },
  );
});

describe("level policy", () => {
  const progressions = t.paths.filter((p) => p.kind === "progression");

  it.each(progressions.map((p) => [p.from, p.to] as const))(
    "%s → %s never asks for less on a shared skill",
    (from, to) => {
      const before = levels(role(from));
      const lower = role(to)
        .requirements.filter((r) => (before.get(r.skill) ?? 0) > r.level)
        .map((r) => `${r.skill}: ${before.get(r.skill)} → ${r.level}`);
      expect(lower).toEqual([]);
    },
  );

  it.each(t.roles.map((r) => [r.id, r] as const))(
    "role %s has 8–25 requirements with at least three core",
    (_id, r) => {
      expect(r.requirements.length).toBeGreaterThanOrEqual(8);
      expect(r.requirements.length).toBeLessThanOrEqual(25);
      expect(r.requirements.filter((q) => q.importance === "core").length).toBeGreaterThanOrEqual(3);
    },
  );

  it("seniority follows the documented scheme", () => {
    const expected: Record<string, number> = {
      "system-administrator": 1,
      "network-engineer": 1,
      "it-operations-engineer": 1,
      "devops-engineer": 1,
      "cloud-engineer": 1,
      "site-reliability-engineer": 1,
      "infrastructure-engineer": 2,
      "platform-engineer": 2,
      "systems-architect": 3,
      "senior-devops-engineer": 3,
      "cloud-native-architect": 3,
      "infrastructure-manager": 4,
      "platform-engineering-manager": 4,
      "it-manager": 4,
      "senior-infrastructure-manager": 5,
      "senior-platform-engineering-manager": 5,
      "director-of-infrastructure": 6,
      "director-of-platform-engineering": 6,
      "vp-of-it-operations": 7,
      "vp-of-platform-engineering": 7,
      cto: 8,
      cio: 8,
    };
    expect(Object.fromEntries(t.roles.map((r) => [r.id, r.seniority]))).toEqual(expected);
    for (const r of t.roles) {
      if (r.seniority <= 3) expect(r.kind, r.id).toBe("ic");
      else if (r.seniority <= 6) expect(r.kind, r.id).toBe("manager");
      else expect(r.kind, r.id).toBe("executive");
    }
  });

  it("Infrastructure Engineer and Platform Engineer differ where the seeds say, and share scripting, cloud and IaC", () => {
    const ie = levels(role("infrastructure-engineer"));
    const pe = levels(role("platform-engineer"));
    for (const s of [
      "network-fundamentals",
      "virtualization",
      "server-hardware",
      "storage-systems",
      "system-administration",
    ]) {
      expect(ie.get(s) ?? 0, s).toBeGreaterThan(pe.get(s) ?? 0);
    }
    for (const s of ["container-orchestration", "ci-cd-pipelines", "developer-experience", "containers"]) {
      expect(pe.get(s) ?? 0, s).toBeGreaterThan(ie.get(s) ?? 0);
    }
    for (const s of ["scripting", "cloud-fundamentals", "infrastructure-as-code"]) {
      expect(ie.get(s), s).toBeGreaterThanOrEqual(3);
      expect(pe.get(s), s).toBe(ie.get(s));
    }
  });

  it("salary bands come from the seeds and nowhere else", () => {
    const withSalary = Object.fromEntries(t.roles.filter((r) => r.salary).map((r) => [r.id, r.salary]));
    expect(withSalary).toEqual({
      "platform-engineering-manager": { min: 150000, max: 250000, currency: "USD" },
      "infrastructure-manager": { min: 140000, max: 230000, currency: "USD" },
    });
  });
});

/**
 * Hosts that learning resources may link to: official documentation, standards bodies and project sites.
 * A subdomain of a listed host is allowed too (docs.aws.amazon.com under aws.amazon.com).
 */
const ALLOWED_RESOURCE_HOSTS = [
  // clouds and vendors' official documentation
  "aws.amazon.com",
  "learn.microsoft.com",
  "cloud.google.com",
  "developers.google.com",
  "sre.google",
  "developer.hashicorp.com",
  "redhat.com",
  "docs.github.com",
  "docs.gitlab.com",
  "docs.docker.com",
  "grafana.com",
  "elastic.co",
  "atlassian.com",
  "response.pagerduty.com",
  "docs.haproxy.org",
  "nginx.org",
  "pve.proxmox.com",
  // open-source projects
  "kubernetes.io",
  "prometheus.io",
  "docs.ansible.com",
  "cncf.io",
  "helm.sh",
  "opentofu.org",
  "argo-cd.readthedocs.io",
  "fluxcd.io",
  "tekton.dev",
  "jenkins.io",
  "istio.io",
  "envoyproxy.io",
  "opentelemetry.io",
  "openpolicyagent.org",
  "backstage.io",
  "containers.dev",
  "podman.io",
  "docs.ceph.com",
  "docs.openstack.org",
  "docs.netbox.dev",
  "docs.kernel.org",
  "man7.org",
  "gnu.org",
  "debian.org",
  "git-scm.com",
  "docs.python.org",
  "go.dev",
  "postgresql.org",
  "wireshark.org",
  // standards, research and practice sites
  "rfc-editor.org",
  "nist.gov",
  "iso.org",
  "cisecurity.org",
  "owasp.org",
  "dmtf.org",
  "finops.org",
  "axelos.com",
  "dora.dev",
  "12factor.net",
  "semver.org",
  "conventionalcommits.org",
  "trunkbaseddevelopment.com",
];
const allowedHost = (host: string) => ALLOWED_RESOURCE_HOSTS.some((h) => host === h || host.endsWith(`.${h}`));
const normText = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();

describe("skill-specific level descriptors", () => {
  it.each(t.skills.map((s) => [s.id, s.levels] as const))("skill %s has 5 descriptors", (_id, levels) => {
    expect(levels).toHaveLength(5);
    for (const text of levels) expect(text.trim().length).toBeGreaterThanOrEqual(30);
  });

  it("no descriptor text repeats anywhere, nor copies the generic scale", () => {
    const first = new Map<string, string>();
    for (const l of t.scale) first.set(normText(l.description), `scale ${l.level}`);
    const repeats: string[] = [];
    for (const s of t.skills) {
      s.levels.forEach((text, i) => {
        const key = normText(text);
        const seen = first.get(key);
        if (seen) repeats.push(`skill ${s.id} level ${i + 1} repeats ${seen}`);
        else first.set(key, `skill ${s.id} level ${i + 1}`);
      });
    }
    expect(repeats).toEqual([]);
  });
});

describe("learning resources", () => {
  const all = t.skills.flatMap((s) => s.resources.map((r) => [s.id, r] as const));

  it("most skills have some", () => {
    expect(all.length).toBeGreaterThan(100);
    expect(t.skills.filter((s) => s.resources.length > 0).length).toBeGreaterThanOrEqual(50);
  });

  it("every resource is https on an allow-listed host, with a title and a level 1–5", () => {
    const bad = all.flatMap(([id, r]) => {
      const url = new URL(r.url);
      const problems: string[] = [];
      if (url.protocol !== "https:") problems.push(`${id}: ${r.url} is not https`);
      if (!allowedHost(url.hostname)) problems.push(`${id}: ${url.hostname} is not on the allow-list`);
      if (!r.title.trim()) problems.push(`${id}: ${r.url} has no title`);
      if (!Number.isInteger(r.level) || r.level < 1 || r.level > 5) problems.push(`${id}: ${r.url} level ${r.level}`);
      return problems;
    });
    expect(bad).toEqual([]);
  });

  it("the allow-list check takes subdomains but not look-alikes", () => {
    expect(allowedHost("docs.aws.amazon.com")).toBe(true);
    expect(allowedHost("kubernetes.io")).toBe(true);
    expect(allowedHost("evilkubernetes.io")).toBe(false);
    expect(allowedHost("kubernetes.io.example.com")).toBe(false);
  });

  it("every allow-listed host is used (the list stays tight)", () => {
    const used = all.map(([, r]) => new URL(r.url).hostname);
    const unused = ALLOWED_RESOURCE_HOSTS.filter((h) => !used.some((u) => u === h || u.endsWith(`.${h}`)));
    expect(unused).toEqual([]);
  });
});

describe("certification catalogue", () => {
  it("holds the common infrastructure and platform certifications", () => {
    const shorts = new Set(t.certifications.map((c) => c.short));
    for (const short of ["CKA", "CKAD", "CKS", "AWS SAA", "AZ-104", "AZ-400", "Terraform Associate", "RHCSA", "CCNA"])
      expect(shorts).toContain(short);
    expect(t.certifications.length).toBeGreaterThanOrEqual(20);
  });

  it.each(t.certifications.map((c) => [c.id, c] as const))(
    "%s names existing skills, a validity of 1–60 months or none, and an https url",
    (_id, c) => {
      const skills = new Set(t.skills.map((s) => s.id));
      expect(c.skills.length).toBeGreaterThan(0);
      for (const id of c.skills) expect(skills).toContain(id);
      if (c.validityMonths !== null) {
        expect(Number.isInteger(c.validityMonths)).toBe(true);
        expect(c.validityMonths).toBeGreaterThanOrEqual(1);
        expect(c.validityMonths).toBeLessThanOrEqual(60);
      }
      expect(new URL(c.url).protocol).toBe("https:");
      expect(c.issuer.trim()).not.toBe("");
    },
  );
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  isLater,
  latestRow,
  mergedRows,
  mergeTaxonomy,
  nextVersion,
  planRatingMerge,
  prerequisiteLoop,
  unmergedRows,
  type MergeRatingRow,
} from "../../lib/domain/skill-merge";
import type { Importance, Requirement, Skill, Taxonomy } from "../../lib/domain/types";
import { role } from "../fixtures/domain-taxonomy";

const A = "alpha";
const B = "beta";
const NOW = new Date("2027-01-01T12:00:00Z");
const day = (n: number) => new Date(Date.UTC(2026, 0, n));

let nextId = 1;
const row = (userId: string, skillId: string, level: number, at: Date, more: Partial<MergeRatingRow> = {}) => ({
  id: String(nextId++),
  userId,
  skillId,
  level,
  note: null,
  evidenceUrl: null,
  wantsToGrow: false,
  source: "self" as const,
  confirmedById: null,
  reviewId: null,
  certificationId: null,
  createdAt: at,
  ...more,
});
const plan = (rows: MergeRatingRow[]) => planRatingMerge(rows, { sourceId: B, targetId: A, now: NOW });

describe("planRatingMerge", () => {
  it("moves every row of a person who rated only the source; their latest row stays current", () => {
    const rows = [row("p", B, 2, day(1)), row("p", B, 4, day(5))];
    const p = plan(rows);
    expect(p).toMatchObject({ moved: [rows[0]!.id, rows[1]!.id], appended: [], people: ["p"], bothRated: 0 });
    expect(p.levels).toEqual({ p: 4 });
  });

  const cases: { name: string; a: [number, number]; b: [number, number]; level: number; appends: boolean }[] = [
    { name: "the source is higher and later", a: [2, 1], b: [4, 3], level: 4, appends: false },
    { name: "the source is higher, the target later", a: [2, 3], b: [4, 1], level: 4, appends: true },
    { name: "the target is higher, the source later", a: [5, 1], b: [3, 3], level: 5, appends: true },
    { name: "the target is higher and later", a: [5, 3], b: [3, 1], level: 5, appends: false },
    { name: "a tie, the source later", a: [3, 1], b: [3, 3], level: 3, appends: false },
    { name: "a tie, the target later", a: [3, 3], b: [3, 1], level: 3, appends: false },
  ];
  it.each(cases)("rated both, $name: level $level, appends a row: $appends", ({ a, b, level, appends }) => {
    const rows = [row("p", A, a[0], day(a[1]), { note: "on A" }), row("p", B, b[0], day(b[1]), { note: "on B" })];
    const p = plan(rows);
    expect(p.levels.p).toBe(level);
    expect(p.bothRated).toBe(1);
    expect(p.raised).toBe(b[0] > a[0] ? 1 : 0);
    expect(p.appended).toHaveLength(appends ? 1 : 0);
    if (appends) {
      const winner = a[0] > b[0] ? rows[0]! : rows[1]!;
      expect(p.appended[0]).toEqual({ ...winner, id: undefined, skillId: A, reviewId: null, createdAt: NOW });
    }
  });

  it("copies the winner's provenance but not its review; the copy is later than any row, even one dated ahead", () => {
    const future = new Date(NOW.getTime() + 86_400_000);
    const rows = [
      row("p", B, 5, day(1), {
        source: "manager",
        confirmedById: "m",
        reviewId: "r",
        note: "n",
        evidenceUrl: "https://e.example",
        wantsToGrow: true,
        certificationId: "c",
      }),
      row("p", A, 1, future),
    ];
    const [copy] = plan(rows).appended;
    expect(copy).toMatchObject({ source: "manager", confirmedById: "m", reviewId: null, note: "n", level: 5 });
    expect(copy).toMatchObject({ evidenceUrl: "https://e.example", wantsToGrow: true, certificationId: "c" });
    expect(copy!.createdAt.getTime()).toBe(future.getTime() + 1);
  });

  it("breaks a tie in time by id, and leaves out people who rated only the target and other skills", () => {
    const first = row("p", A, 1, day(2));
    const second = row("p", B, 1, day(2));
    expect(isLater(second, first)).toBe(true);
    expect(latestRow([second, first])).toBe(second);
    const p = plan([first, second, row("q", A, 3, day(1)), row("p", "other", 5, day(9))]);
    expect(p.people).toEqual(["p"]);
    expect(p.moved).toEqual([second.id]);
    expect(p.levels).toEqual({ p: 1 });
  });
});

describe("planRatingMerge properties", () => {
  const people = ["p1", "p2", "p3", "p4"];
  const rowsArb = fc
    .array(
      fc.record({
        userId: fc.constantFrom(...people),
        skillId: fc.constantFrom(A, B, B, "other"),
        level: fc.integer({ min: 0, max: 5 }),
        // Few distinct instants, so rows often share one and the id decides.
        day: fc.integer({ min: 1, max: 6 }),
        source: fc.constantFrom("self" as const, "import" as const, "manager" as const),
        note: fc.option(fc.string({ maxLength: 5 }), { nil: null }),
      }),
      { maxLength: 24 },
    )
    .chain((specs) =>
      // Ids in any order relative to time: a history is not always inserted chronologically.
      fc
        .shuffledSubarray(
          specs.map((_, i) => i + 1),
          { minLength: specs.length, maxLength: specs.length },
        )
        .map((order) =>
          specs.map((s, i) =>
            row(s.userId, s.skillId, s.level, day(s.day), { id: String(order[i]), source: s.source, note: s.note }),
          ),
        ),
    );

  it("loses no row, keeps max(currentA, currentB) as the latest row, and unmerging restores the history", () => {
    fc.assert(
      fc.property(rowsArb, (rows) => {
        const p = plan(rows);
        const appendedIds = p.appended.map((_, i) => String(1000 + i));
        const after = mergedRows(rows, p, A, appendedIds);
        // Every row is still there (same id, same fields except the skill), plus the appended ones.
        expect(after).toHaveLength(rows.length + p.appended.length);
        expect(new Set(p.moved)).toEqual(new Set(rows.filter((r) => r.skillId === B).map((r) => r.id)));
        for (const r of rows) {
          const now = after.find((x) => x.id === r.id)!;
          expect(now).toEqual(r.skillId === B ? { ...r, skillId: A } : r);
        }
        expect(after.some((r) => r.skillId === B)).toBe(false);
        for (const person of people) {
          const of = (list: MergeRatingRow[], skill: string) =>
            list.filter((r) => r.userId === person && r.skillId === skill);
          const curA = latestRow(of(rows, A));
          const curB = latestRow(of(rows, B));
          const appended = p.appended.filter((r) => r.userId === person);
          expect(appended.length).toBeLessThanOrEqual(1);
          if (!curB) {
            expect(p.people).not.toContain(person);
            expect(appended).toHaveLength(0);
            continue;
          }
          const expected = Math.max(curA?.level ?? 0, curB.level);
          expect(p.levels[person]).toBe(expected);
          expect(latestRow(of(after, A))!.level).toBe(expected);
        }
        expect(p.bothRated).toBe(
          people.filter((u) => rows.some((r) => r.userId === u && r.skillId === A) && p.people.includes(u)).length,
        );
        const undone = unmergedRows(after, { sourceId: B, targetId: A, moved: p.moved, appended: appendedIds });
        expect(undone).toEqual(rows);
      }),
      { numRuns: 300 },
    );
  });

  it("ratings made on the target after the merge stay there when it is undone", () => {
    const rows = [row("p", B, 3, day(1)), row("p", A, 1, day(2))];
    const p = plan(rows);
    const after = [...mergedRows(rows, p, A, ["900"]), row("p", A, 5, day(9), { id: "901" })];
    const undone = unmergedRows(after, { sourceId: B, targetId: A, moved: p.moved, appended: ["900"] });
    expect(undone.map((r) => [r.id, r.skillId])).toEqual([
      [rows[0]!.id, B],
      [rows[1]!.id, A],
      ["901", A],
    ]);
  });
});

const skill = (id: string, more: Partial<Skill> = {}): Skill => ({
  id,
  name: `Skill ${id}`,
  category: "c",
  description: "",
  tools: [],
  aliases: [],
  prerequisites: [],
  sources: ["ours"],
  levels: [],
  resources: [],
  ...more,
});
const req = (s: string, level: number, importance: Importance): Requirement => ({ skill: s, level, importance });
const taxonomy = (over: Partial<Taxonomy> = {}): Taxonomy => ({
  version: "1.0",
  scale: [],
  categories: [{ id: "c", name: "C", kind: "technical", description: "" }],
  skills: [
    skill(A, { aliases: ["First"], tools: ["tool-a", "shared"] }),
    skill(B, { name: "Beta skill", aliases: ["Second"], tools: ["shared", "tool-b"], prerequisites: ["gamma", A] }),
    skill("gamma"),
    skill("delta", { prerequisites: [B, A] }),
    skill("eps", { prerequisites: [B] }),
  ],
  roles: [
    role("only-b", "Only B", 2, [req("gamma", 1, "bonus"), req(B, 3, "core")]),
    role("both", "Both", 3, [req(A, 2, "bonus"), req("gamma", 2, "core"), req(B, 4, "important")]),
    role("both-a-wins", "A wins", 4, [req(B, 1, "bonus"), req(A, 5, "core")]),
    role("neither", "Neither", 1, [req("gamma", 1, "core")]),
  ],
  paths: [],
  certifications: [
    {
      id: "cert-b",
      name: "B cert",
      short: "BC",
      issuer: "x",
      validityMonths: null,
      skills: [B],
      url: "https://x.example",
    },
    {
      id: "cert-ab",
      name: "AB cert",
      short: "ABC",
      issuer: "x",
      validityMonths: 12,
      skills: [B, "gamma", A],
      url: "https://x.example",
    },
  ],
  ...over,
});

describe("mergeTaxonomy", () => {
  it("removes the source and gives the target its name, aliases, tools, requirements and prerequisites", () => {
    const result = mergeTaxonomy(taxonomy(), B, A, "1.0-merge.1");
    if (!result.ok) throw new Error(result.problems.join());
    const t = result.taxonomy;
    expect(t.version).toBe("1.0-merge.1");
    expect(t.skills.map((s) => s.id)).toEqual([A, "gamma", "delta", "eps"]);
    const a = t.skills[0]!;
    expect(a.aliases).toEqual(["First", "Beta skill", "Second"]);
    expect(a.tools).toEqual(["tool-a", "shared", "tool-b"]);
    // B's prerequisites join A's, without A itself.
    expect(a.prerequisites).toEqual(["gamma"]);
    expect(t.skills.find((s) => s.id === "delta")!.prerequisites).toEqual([A]);
    expect(t.skills.find((s) => s.id === "eps")!.prerequisites).toEqual([A]);
    expect(result.prerequisites).toEqual([A, "delta", "eps"]);
    const reqs = (id: string) => t.roles.find((r) => r.id === id)!.requirements;
    expect(reqs("only-b")).toEqual([req("gamma", 1, "bonus"), req(A, 3, "core")]);
    expect(reqs("both")).toEqual([req(A, 4, "important"), req("gamma", 2, "core")]);
    expect(reqs("both-a-wins")).toEqual([req(A, 5, "core")]);
    expect(reqs("neither")).toEqual([req("gamma", 1, "core")]);
    expect(result.requirements.map((c) => [c.roleId, c.result.level, c.result.importance])).toEqual([
      ["only-b", 3, "core"],
      ["both", 4, "important"],
      ["both-a-wins", 5, "core"],
    ]);
    expect(t.certifications.map((c) => c.skills)).toEqual([[A], [A, "gamma"]]);
    expect(result.certifications).toEqual(["cert-b", "cert-ab"]);
    expect(prerequisiteLoop(t)).toBeNull();
  });

  it("leaves the input untouched", () => {
    const t = taxonomy();
    const copy = structuredClone(t);
    mergeTaxonomy(t, B, A, "2");
    expect(t).toEqual(copy);
  });

  it("refuses a merge that would make a prerequisite loop, naming the skills", () => {
    // gamma needs B, and A needs gamma: once B is A, A and gamma need each other.
    const t = taxonomy({
      skills: [skill(A, { prerequisites: ["gamma"] }), skill(B), skill("gamma", { name: "Gamma", prerequisites: [B] })],
      roles: [],
      certifications: [],
    });
    const result = mergeTaxonomy(t, B, A, "2");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]).toMatch(/prerequisites of each other: .*Gamma.*Skill alpha/);
  });

  it("refuses the same skill or an unknown one", () => {
    expect(mergeTaxonomy(taxonomy(), A, A, "2").ok).toBe(false);
    expect(mergeTaxonomy(taxonomy(), "nope", A, "2").ok).toBe(false);
  });

  it("keeps the higher level and importance for every role, and no role names the source after", () => {
    const importance = fc.constantFrom<Importance>("core", "important", "bonus");
    const reqArb = fc.option(fc.record({ level: fc.integer({ min: 1, max: 5 }), importance }), { nil: null });
    const rank = { core: 3, important: 2, bonus: 1 };
    fc.assert(
      fc.property(fc.array(fc.tuple(reqArb, reqArb), { minLength: 1, maxLength: 6 }), (pairs) => {
        const roles = pairs.map(([a, b], i) =>
          role(`r${i}`, `Role ${i}`, 1, [
            req("gamma", 1, "core"),
            ...(a ? [req(A, a.level, a.importance)] : []),
            ...(b ? [req(B, b.level, b.importance)] : []),
          ]),
        );
        const result = mergeTaxonomy(taxonomy({ roles }), B, A, "2");
        if (!result.ok) throw new Error(result.problems.join());
        result.taxonomy.roles.forEach((r, i) => {
          const [a, b] = pairs[i]!;
          expect(r.requirements.some((q) => q.skill === B)).toBe(false);
          const onA = r.requirements.filter((q) => q.skill === A);
          if (!a && !b) return expect(onA).toHaveLength(0);
          expect(onA).toHaveLength(1);
          expect(onA[0]!.level).toBe(Math.max(a?.level ?? 0, b?.level ?? 0));
          expect(rank[onA[0]!.importance]).toBe(Math.max(a ? rank[a.importance] : 0, b ? rank[b.importance] : 0));
        });
      }),
    );
  });
});

describe("nextVersion", () => {
  it.each([
    ["2026.11.2", "merge", [], "2026.11.2-merge.1"],
    ["2026.11.2", "merge", ["2026.11.2", "2026.11.2-merge.1", "2026.11.2-unmerge.2"], "2026.11.2-merge.3"],
    ["2026.11.2-merge.3", "unmerge", ["2026.11.2-merge.3"], "2026.11.2-unmerge.4"],
    [
      "2026.11.2-unmerge.4",
      "merge",
      ["2026.11.2-merge.3", "2026.11.2-unmerge.4", "2026.11.20-merge.9"],
      "2026.11.2-merge.5",
    ],
  ] as const)("%s (%s) → %s", (current, kind, taken, expected) => {
    expect(nextVersion(current, kind, taken)).toBe(expected);
  });
});

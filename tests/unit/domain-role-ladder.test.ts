import { describe, expect, it } from "vitest";
import { loadTaxonomy } from "../../lib/taxonomy/load";
import { roleLadder, SENIORITY_LABEL } from "../../lib/domain/taxonomy-views";

const t = loadTaxonomy();
const idsOf = (rows: ReturnType<typeof roleLadder>) =>
  rows.flatMap((r) => [...r.tracks.infrastructure, ...r.tracks.platform].map((x) => x.id));

describe("roleLadder (the role map)", () => {
  it("places every role exactly once, in its track and at its seniority, rows ascending", () => {
    const rows = roleLadder(t);
    const ids = idsOf(rows);
    expect(ids.sort()).toEqual(t.roles.map((r) => r.id).sort());
    expect(rows.map((r) => r.seniority)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    for (const row of rows) {
      for (const track of ["infrastructure", "platform"] as const) {
        for (const cell of row.tracks[track]) {
          const role = t.roles.find((r) => r.id === cell.id)!;
          expect([role.track, role.seniority, cell.title]).toEqual([track, row.seniority, role.title]);
        }
      }
      expect(row.label).toBe(SENIORITY_LABEL[row.seniority]);
    }
    expect(rows.at(-1)!.tracks.infrastructure.map((r) => r.title)).toEqual(["CIO"]);
    expect(rows.at(-1)!.tracks.platform.map((r) => r.title)).toEqual(["CTO"]);
  });

  it("with a focus, keeps the role and its one-step neighbours, and marks the role current", () => {
    const rows = roleLadder(t, { focus: "platform-engineer", hops: 1 });
    const expected = new Set(["platform-engineer"]);
    for (const p of t.paths) {
      if (p.from === "platform-engineer") expected.add(p.to);
      if (p.to === "platform-engineer") expected.add(p.from);
    }
    expect(new Set(idsOf(rows))).toEqual(expected);
    const current = rows.flatMap((r) => [...r.tracks.infrastructure, ...r.tracks.platform]).filter((x) => x.current);
    expect(current.map((x) => x.id)).toEqual(["platform-engineer"]);
  });
});

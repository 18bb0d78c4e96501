import { describe, expect, it } from "vitest";
import { careerRoute } from "../../lib/domain/career-route";
import { doorOpeningGaps, DOOR_WEIGHT_ROUTE, DOOR_WEIGHT_TRACK } from "../../lib/domain/doors";
import { suggestNextRoles } from "../../lib/domain";
import type { Levels } from "../../lib/domain/types";
import { loadTaxonomy } from "../../lib/taxonomy/load";

const t = loadTaxonomy();
const kind = new Map(t.roles.map((r) => [r.id, r.kind]));

/** The doors as the dashboard computes them: the engine's candidates, the route, current and target roles. */
function doors(levels: Levels, currentRoleId: string | null, targetRoleId: string | null) {
  const candidates = suggestNextRoles(levels, currentRoleId, t, { limit: Infinity }).suggestions.map((s) => s.roleId);
  const route = currentRoleId && targetRoleId ? (careerRoute(t, currentRoleId, targetRoleId) ?? []) : [];
  return doorOpeningGaps(levels, t, {
    currentRoleId,
    targetRoleId,
    candidateRoleIds: candidates,
    routeRoleIds: route.map((s) => s.id),
  });
}

const sysadmin: Levels = { linux: 3, "windows-server": 3, "system-administration": 3, scripting: 2 };

describe("doorOpeningGaps", () => {
  it("lists each skill once, with every role it opens", () => {
    for (const [cur, target] of [
      ["system-administrator", "platform-engineer"],
      ["infrastructure-engineer", "platform-engineer"],
      [null, null],
      ["it-manager", "director-of-infrastructure"],
    ] as const) {
      const list = doors(sysadmin, cur, target);
      expect(list.length).toBeGreaterThan(0);
      expect(new Set(list.map((d) => d.skill)).size).toBe(list.length);
      for (const d of list) {
        expect(new Set(d.roles.map((r) => r.id)).size).toBe(d.roles.length);
        expect(d.level).toBe(Math.max(...d.roles.map((r) => r.required)));
        expect(d.weight).toBe(d.roles.reduce((n, r) => n + r.weight, 0));
      }
    }
  });

  it("gives an IC System Administrator targeting Platform Engineer no leadership skill and no management role first", () => {
    const list = doors(sysadmin, "system-administrator", "platform-engineer");
    for (const d of list.slice(0, 3)) expect(d.categoryKind).toBe("technical");
    for (const d of list) for (const r of d.roles) expect(kind.get(r.id)).toBe("ic");
    // Both are core for the two roles on the route (Infrastructure Engineer and Platform Engineer); scripting is the
    // smaller step (2 → 3 against 0 → 3), so it comes first.
    expect(list.slice(0, 2).map((d) => `${d.name} ${d.current}→${d.level}`)).toEqual([
      "Scripting & shell automation 2→3",
      "Infrastructure as code 0→3",
    ]);
    expect(list[0]!.roles.map((r) => [r.title, r.weight])).toEqual([
      ["Infrastructure Engineer", DOOR_WEIGHT_ROUTE],
      ["Platform Engineer", DOOR_WEIGHT_ROUTE],
    ]);
  });

  it("counts roles on the route more than roles on the track, and those more than others", () => {
    const list = doors(sysadmin, "system-administrator", "platform-engineer");
    const weightOf = (id: string) => list.flatMap((d) => d.roles).find((r) => r.id === id)?.weight;
    expect(weightOf("platform-engineer")).toBe(DOOR_WEIGHT_ROUTE);
    expect(weightOf("it-operations-engineer")).toBe(DOOR_WEIGHT_TRACK);
    for (let i = 1; i < list.length; i++) expect(list[i - 1]!.weight).toBeGreaterThanOrEqual(list[i]!.weight);
  });

  it("counts management roles when the person is or aims to be a manager", () => {
    const manager = doors(sysadmin, "it-manager", "director-of-infrastructure");
    expect(manager.some((d) => d.roles.some((r) => kind.get(r.id) !== "ic"))).toBe(true);
    const aiming = doors(sysadmin, "infrastructure-engineer", "infrastructure-manager");
    expect(aiming.some((d) => d.roles.some((r) => r.id === "infrastructure-manager"))).toBe(true);
  });

  it("is empty when every candidate's core requirements are met", () => {
    const maxed = Object.fromEntries(t.skills.map((s) => [s.id, 5]));
    expect(doors(maxed, "system-administrator", "platform-engineer")).toEqual([]);
  });
});

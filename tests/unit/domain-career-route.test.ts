import { describe, expect, it } from "vitest";
import { careerRoute, careerView, nextRoles } from "../../lib/domain/career-route";
import type { Taxonomy } from "../../lib/domain/types";
import { loadTaxonomy } from "../../lib/taxonomy/load";
import { taxonomy as fixture } from "../fixtures/domain-taxonomy";

const t = loadTaxonomy();
const titles = (steps: { title: string }[] | null) => steps?.map((s) => s.title) ?? null;

describe("careerRoute", () => {
  it("finds System Administrator → Infrastructure Engineer → Platform Engineer (entry, then lateral)", () => {
    const route = careerRoute(t, "system-administrator", "platform-engineer");
    expect(titles(route)).toEqual(["System Administrator", "Infrastructure Engineer", "Platform Engineer"]);
    expect(route!.map((s) => s.via)).toEqual([null, "entry", "lateral"]);
  });

  it("takes the fewest moves, and follows progressions forward only", () => {
    expect(titles(careerRoute(fixture, "sysadmin", "staff-platform"))).toEqual([
      "Systems Administrator",
      "Infrastructure Engineer",
      "Platform Engineer",
      "Staff Platform Engineer",
    ]);
    // Progressions do not run backwards…
    expect(careerRoute(fixture, "platform", "infra")).toBeNull();
    // …but lateral moves run both ways.
    expect(titles(careerRoute(fixture, "sre", "platform"))).toEqual([
      "Site Reliability Engineer",
      "Infrastructure Engineer",
      "Platform Engineer",
    ]);
  });

  it("is the role alone from a role to itself, and null for an unknown role", () => {
    expect(titles(careerRoute(t, "cto", "cto"))).toEqual(["CTO"]);
    expect(careerRoute(t, "cto", "nowhere")).toBeNull();
    expect(careerRoute(t, "nowhere", "cto")).toBeNull();
  });

  it("does not depend on the order of paths in the taxonomy", () => {
    const reversed: Taxonomy = { ...t, paths: [...t.paths].reverse(), roles: [...t.roles].reverse() };
    for (const [a, b] of [
      ["system-administrator", "platform-engineer"],
      ["network-engineer", "cto"],
      ["devops-engineer", "cio"],
    ] as const) {
      expect(careerRoute(reversed, a, b)).toEqual(careerRoute(t, a, b));
    }
  });
});

describe("nextRoles", () => {
  it("lists the roles one move on from System Administrator, by title", () => {
    expect(nextRoles(t, "system-administrator").map((n) => `${n.title} (${n.via})`)).toEqual([
      "Infrastructure Engineer (entry)",
      "Infrastructure Manager (entry)",
      "IT Operations Engineer (lateral)",
    ]);
  });
});

describe("careerView", () => {
  it("puts the current role, the route, the target and the next roles on the graph, the route highlighted", () => {
    const v = careerView(t, { currentId: "system-administrator", targetId: "platform-engineer" });
    expect(titles(v.route)).toEqual(["System Administrator", "Infrastructure Engineer", "Platform Engineer"]);
    const ids = v.graph.nodes.map((n) => n.id).sort();
    expect(ids).toEqual([
      "infrastructure-engineer",
      "infrastructure-manager",
      "it-operations-engineer",
      "platform-engineer",
      "system-administrator",
    ]);
    const node = (id: string) => v.graph.nodes.find((n) => n.id === id)!;
    expect(node("system-administrator")).toMatchObject({ current: true, onRoute: true, target: false });
    expect(node("platform-engineer")).toMatchObject({ current: false, onRoute: true, target: true });
    expect(node("infrastructure-manager").onRoute).toBe(false);
    // The platform row is not empty any more.
    expect(v.graph.nodes.some((n) => n.track === "platform")).toBe(true);
    const routeEdges = v.graph.edges.filter((e) => e.onRoute).map((e) => `${e.from}>${e.to}`);
    expect(routeEdges).toContain("system-administrator>infrastructure-engineer");
    expect(routeEdges).toContain("infrastructure-engineer>platform-engineer");
    expect(routeEdges).not.toContain("system-administrator>infrastructure-manager");
  });

  it("has no route without a target, or when the target cannot be reached, but still shows both roles", () => {
    expect(careerView(t, { currentId: "system-administrator", targetId: null }).route).toBeNull();
    const v = careerView(t, { currentId: "cto", targetId: "system-administrator" });
    expect(v.route).toBeNull();
    expect(v.graph.nodes.map((n) => n.id)).toEqual(expect.arrayContaining(["cto", "system-administrator", "cio"]));
  });

  it("shows the whole graph when neither role is set", () => {
    expect(careerView(t, { currentId: null, targetId: null }).graph.nodes).toHaveLength(t.roles.length);
  });
});

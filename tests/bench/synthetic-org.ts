/**
 * Deterministic synthetic organisation for the gap-engine benchmark (seeded PRNG):
 * 1,000 people × 150 skills × 40 roles (10–25 requirements each), 4 tracks of 10 roles with
 * progression paths along a track and lateral paths between neighbouring tracks.
 */
import type { CareerPath, Importance, Levels, Role, Skill, Taxonomy } from "../../lib/domain/types";

/** mulberry32: a small seeded PRNG, returns [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const N_PEOPLE = 1000;
export const N_SKILLS = 150;
export const N_ROLES = 40;
const TRACKS = 4;
export const TEAM = 500;

export function syntheticOrg(seed = 42) {
  const rnd = prng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const skills: Skill[] = Array.from({ length: N_SKILLS }, (_, i) => ({
    id: `skill-${String(i).padStart(3, "0")}`,
    name: `Skill ${i}`,
    category: `cat-${i % 10}`,
    description: "",
    tools: [],
    aliases: [],
    prerequisites: i > 10 && rnd() < 0.4 ? [`skill-${String(int(0, i - 1)).padStart(3, "0")}`] : [],
    sources: [],
    levels: [],
    resources: [],
  }));
  const importance = (): Importance => {
    const x = rnd();
    return x < 0.3 ? "core" : x < 0.75 ? "important" : "bonus";
  };
  const perTrack = N_ROLES / TRACKS;
  const roles: Role[] = Array.from({ length: N_ROLES }, (_, i) => {
    const n = int(10, 25);
    const picked = new Set<number>();
    while (picked.size < n) picked.add(int(0, N_SKILLS - 1));
    return {
      id: `role-${String(i).padStart(2, "0")}`,
      title: `Role ${i}`,
      track: i % 2 ? "platform" : "infrastructure",
      kind: "ic",
      seniority: 1 + Math.floor(((i % perTrack) * 8) / perTrack),
      summary: "",
      focus: "",
      environment: "",
      output: "",
      collaborates: [],
      reportsTo: null,
      salary: null,
      requirements: [...picked].map((s) => ({ skill: skills[s]!.id, level: int(1, 5), importance: importance() })),
      sources: [],
    };
  });
  const paths: CareerPath[] = [];
  for (let i = 0; i < N_ROLES; i++) {
    if ((i + 1) % perTrack !== 0)
      paths.push({ from: roles[i]!.id, to: roles[i + 1]!.id, kind: "progression", sources: [] });
    if (i + perTrack < N_ROLES)
      paths.push({ from: roles[i]!.id, to: roles[i + perTrack]!.id, kind: "lateral", sources: [] });
  }
  const taxonomy: Taxonomy = { version: "bench", scale: [], categories: [], skills, roles, paths, certifications: [] };
  const people = Array.from({ length: N_PEOPLE }, (_, p) => {
    const skew = rnd() * 3;
    const levels: Record<string, number> = {};
    for (const s of skills) levels[s.id] = Math.min(5, Math.floor(rnd() * 3 + skew * rnd()));
    return {
      id: `person-${p}`,
      name: `Person ${p}`,
      levels: levels as Levels,
      roleId: rnd() < 0.1 ? null : roles[int(0, N_ROLES - 1)]!.id,
    };
  });
  return { taxonomy, people };
}

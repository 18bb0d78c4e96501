/**
 * Skill search: case-insensitive, punctuation-insensitive match on name, id, tools, aliases
 * and category name ("k8s", "hyper v", "gitlab-ci" all work). Pure; no I/O.
 */
import type { Category, Skill } from "../domain/types";

/** The skill fields search reads; a full Skill qualifies. */
export type SearchableSkill = Pick<Skill, "id" | "name" | "category" | "description" | "tools" | "aliases">;
/** What search needs from a taxonomy; a full Taxonomy qualifies. */
export type SkillSearchSource<S extends SearchableSkill> = {
  skills: readonly S[];
  categories: readonly Pick<Category, "id" | "name">[];
};
export type SkillMatch<S extends SearchableSkill = Skill> = { skill: S; score: number; matchedOn: string };

// Higher is better. Exact hits beat prefixes, prefixes beat word starts, which beat substrings.
const EXACT = { name: 100, id: 95, tool: 90, alias: 85 } as const;
const PREFIX = 60;
const WORD_START = 45;
const SUBSTRING = 30;
const CATEGORY = 15;
const DESCRIPTION = 5;

const lower = (s: string) => s.toLowerCase().trim();
const compact = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "");
const words = (s: string) =>
  s
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

/** How well one label matches the query; 0 when it does not match at all. */
function scoreLabel(label: string, query: string, exactScore: number): number {
  const l = lower(label);
  const c = compact(label);
  const cq = compact(query);
  if (l === query || (cq !== "" && c === cq)) return exactScore;
  if (l.startsWith(query) || (cq !== "" && c.startsWith(cq))) return PREFIX;
  if (words(label).some((w) => w.startsWith(query))) return WORD_START;
  if (l.includes(query) || (cq !== "" && c.includes(cq))) return SUBSTRING;
  return 0;
}

/** Scores one skill against the whole query, or against each word of a multi-word query (all must match). */
function scoreSkill(skill: SearchableSkill, categoryName: string, query: string): { score: number; matchedOn: string } {
  const labels: [string, number][] = [
    [skill.name, EXACT.name],
    [skill.id, EXACT.id],
    ...skill.tools.map((t): [string, number] => [t, EXACT.tool]),
    ...skill.aliases.map((a): [string, number] => [a, EXACT.alias]),
  ];
  let best = { score: 0, matchedOn: "" };
  for (const [label, exact] of labels) {
    const score = scoreLabel(label, query, exact);
    if (score > best.score) best = { score, matchedOn: label };
  }
  if (best.score > 0) return best;
  if (scoreLabel(categoryName, query, CATEGORY) > 0) return { score: CATEGORY, matchedOn: categoryName };
  if (query.length >= 4 && skill.description.toLowerCase().includes(query))
    return { score: DESCRIPTION, matchedOn: "description" };

  // "gitlab pipelines" → every word must hit some label; the weakest word decides the score.
  const terms = words(query);
  if (terms.length < 2) return best;
  const all = [...labels.map(([l]) => l), categoryName];
  const termScores = terms.map((term) => Math.max(0, ...all.map((l) => scoreLabel(l, term, PREFIX))));
  const weakest = Math.min(...termScores);
  return weakest > 0 ? { score: Math.min(weakest, SUBSTRING) - 1, matchedOn: query } : best;
}

/** Matching skills with scores (higher first; ties by name). An empty query matches nothing. */
export function searchSkillMatches<S extends SearchableSkill>(t: SkillSearchSource<S>, query: string): SkillMatch<S>[] {
  const q = lower(query);
  if (q === "") return [];
  const categoryNames = new Map(t.categories.map((c) => [c.id, c.name]));
  const matches: SkillMatch<S>[] = [];
  for (const skill of t.skills) {
    const { score, matchedOn } = scoreSkill(skill, categoryNames.get(skill.category) ?? "", q);
    if (score > 0) matches.push({ skill, score, matchedOn });
  }
  return matches.sort((a, b) => b.score - a.score || a.skill.name.localeCompare(b.skill.name));
}

/** Skills matching `query`, best first: exact name/tool/alias hits, then prefixes, substrings, category and description hits. */
export function searchSkills<S extends SearchableSkill>(t: SkillSearchSource<S>, query: string): S[] {
  return searchSkillMatches(t, query).map((m) => m.skill);
}

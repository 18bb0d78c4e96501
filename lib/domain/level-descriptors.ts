/**
 * What a level of a skill looks like: the skill's own descriptor where the taxonomy has one,
 * the generic scale otherwise; and the learning resources for a step from one level to another.
 * Pure: no imports from next, react, prisma or node.
 */
import { assertLevel } from "./scale";
import { MAX_LEVEL, MIN_LEVEL, type LearningResource, type Level, type ScaleLevel, type Skill } from "./types";

export type LevelDescriptor = {
  level: Level;
  /** The generic scale's name for the level ("Practitioner"), or "Level n" when the scale lacks it. */
  name: string;
  /** What the level looks like; empty only when neither the skill nor the scale describes it. */
  text: string;
  /** True when `text` is the skill's own descriptor, false when it is the generic scale's. */
  specific: boolean;
};

/** Skill-specific descriptors cover exactly the levels above "none": 1 to 5. */
const SPECIFIC_COUNT = MAX_LEVEL - MIN_LEVEL;

/** True when the skill has its own descriptor for every level 1–5. */
export function hasSpecificLevels(skill: Pick<Skill, "levels"> | null | undefined): boolean {
  return (skill?.levels.length ?? 0) === SPECIFIC_COUNT;
}

/**
 * The descriptor for `level` (0–5) of `skill`: the skill's own text for levels 1–5 when it has all five,
 * the generic scale's text otherwise. Level 0 ("none") is always generic. Throws a DomainError for a level off the scale.
 */
export function levelDescriptor(
  skill: Pick<Skill, "levels"> | null | undefined,
  scale: readonly ScaleLevel[],
  level: Level,
): LevelDescriptor {
  assertLevel(level, "level descriptor");
  const generic = scale.find((s) => s.level === level);
  const name = generic?.name ?? `Level ${level}`;
  if (level > MIN_LEVEL && hasSpecificLevels(skill)) {
    return { level, name, text: skill!.levels[level - 1]!, specific: true };
  }
  return { level, name, text: generic?.description ?? "", specific: false };
}

/** The descriptors for levels 1–5 of a skill, in order (what the skill page lists). */
export function levelDescriptors(
  skill: Pick<Skill, "levels"> | null | undefined,
  scale: readonly ScaleLevel[],
): LevelDescriptor[] {
  const out: LevelDescriptor[] = [];
  for (let level = MIN_LEVEL + 1; level <= MAX_LEVEL; level++) out.push(levelDescriptor(skill, scale, level));
  return out;
}

/**
 * The resources for a step from `fromLevel` to `toLevel`: those tagged with a level above `fromLevel` and
 * at most `toLevel`, lowest level first (the data's order within a level). Empty when the step does not go up.
 */
export function resourcesFor(
  skill: Pick<Skill, "resources"> | null | undefined,
  fromLevel: Level,
  toLevel: Level,
): LearningResource[] {
  if (!skill) return [];
  return skill.resources
    .map((resource, index) => ({ resource, index }))
    .filter(({ resource }) => resource.level > fromLevel && resource.level <= toLevel)
    .sort((a, b) => a.resource.level - b.resource.level || a.index - b.index)
    .map(({ resource }) => resource);
}

/** A resource's host name without "www." ("developer.hashicorp.com"), or the whole url if it does not parse. */
export function resourceHost(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return url;
  }
}

/**
 * Plain data types shared by the taxonomy, the gap engine and the UI.
 * Pure: no imports from next, react, prisma or node.
 */

/** A proficiency level on the 0–5 scale (0 = none, 5 = expert). */
export type Level = number;

export const MIN_LEVEL = 0;
export const MAX_LEVEL = 5;

// The unions below mirror the schema's enums; lib/data/schema-types.ts fails to compile when they drift apart.
export type Importance = "core" | "important" | "bonus";
export type Track = "infrastructure" | "platform";
export type RoleKind = "ic" | "manager" | "executive";
export type PathKind = "entry" | "progression" | "lateral";
export type CategoryKind = "technical" | "leadership";
export type TeamRole = "member" | "manager";
export type RatingSource = "self" | "import" | "manager";
export type GoalStatus = "open" | "done" | "dropped";

/** Seed file names (e.g. "000_8da864b1b68d8576.txt") or the literal "ours" for content we added. */
export type Source = string;

export type ScaleLevel = { level: Level; name: string; description: string };

export type Category = { id: string; name: string; kind: CategoryKind; description: string };

export type Skill = {
  id: string;
  name: string;
  category: string; // Category.id
  description: string;
  /** Named products/tools (Terraform, Kubernetes…) that a search must find. */
  tools: string[];
  /** Other names, including former names after a rename. */
  aliases: string[];
  /** Skill ids that should be learned first. Never cyclic. */
  prerequisites: string[];
  sources: Source[];
  /** Skill-specific descriptors for levels 1–5, in order (levels[0] is level 1); empty: the generic scale applies. */
  levels: string[];
  /** Official documentation and project pages, each tagged with the level it helps reach. */
  resources: LearningResource[];
};

/** A link to official documentation or a project site; `level` (1–5) is the level it helps reach. */
export type LearningResource = { title: string; url: string; level: Level };

/** An entry of the certification catalogue (not a person's certificate). */
export type CertificationType = {
  id: string;
  name: string;
  /** Short label, e.g. "CKA". Unique. */
  short: string;
  issuer: string;
  /** Typical validity in months; null when it does not expire. */
  validityMonths: number | null;
  /** Skill ids the certification evidences. */
  skills: string[];
  url: string;
};

export type Requirement = { skill: string; level: Level; importance: Importance };

export type Salary = { min: number; max: number; currency: string } | null;

export type Role = {
  id: string;
  title: string;
  track: Track;
  kind: RoleKind;
  /** 1 (entry) … 8 (C-level). A move to a higher number is a step up. */
  seniority: number;
  summary: string;
  focus: string;
  environment: string;
  output: string;
  collaborates: string[];
  /** Title (free text) of whom this role usually reports to, or null. */
  reportsTo: string | null;
  salary: Salary;
  requirements: Requirement[];
  sources: Source[];
};

export type CareerPath = { from: string; to: string; kind: PathKind; sources: Source[] };

export type Taxonomy = {
  version: string;
  scale: ScaleLevel[];
  categories: Category[];
  skills: Skill[];
  roles: Role[];
  paths: CareerPath[];
  /** The certification catalogue; empty for an imported taxonomy that has none. */
  certifications: CertificationType[];
};

/** A person's current levels, keyed by skill id. Missing skills count as level 0. */
export type Levels = Readonly<Record<string, Level>>;

/** Who is acting: the signed-in user's id and whether they are an admin. */
export type Actor = { id: string; isAdmin: boolean };

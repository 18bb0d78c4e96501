/**
 * What /api/v1 answers with, as zod schemas: the handlers must return these types (apiRoute's `response`) and the
 * OpenAPI document shows them. Dates are Date here and ISO 8601 strings on the wire.
 */
import { z } from "@/lib/validation";
import { taxonomyDocumentSchema } from "@/lib/taxonomy/schema";
import { SCOPE_NAMES, type ScopeName } from "@/lib/domain/api-scopes";
import { REVIEW_STATES } from "@/lib/domain/review";
import { pageOf } from "./cursor";

const at = (description: string) => z.date().meta({ description });
const levelValue = (description: string) => z.number().int().min(0).max(5).meta({ description });
const maybeLevel = (description: string) => levelValue(description).nullable();
const ref = (description: string) => z.object({ id: z.string(), name: z.string() }).meta({ description });
const SOURCES = ["self", "import", "manager"] as const;
const source = z.enum(SOURCES).meta({ description: "Who set it: the person, a CSV import, or a manager in a review." });

export const meResponse = z
  .object({
    id: z.string(),
    name: z.string().nullable(),
    email: z.string(),
    actsAsAdmin: z
      .boolean()
      .meta({ description: "True when the owner is an administrator and the token has `admin`." }),
    token: z.object({
      id: z.string(),
      name: z.string(),
      kind: z.enum(["personal", "service"]),
      scopes: z.array(z.enum(SCOPE_NAMES as [ScopeName, ...ScopeName[]])),
      expiresAt: at("When the token stops working; null: never (service tokens only).").nullable(),
      createdAt: at("When the token was made."),
    }),
  })
  .meta({ id: "Me", description: "The person the token acts for, and the token itself." });

export const myRating = z
  .object({
    skillId: z.string(),
    level: levelValue("0–5 on the skill scale."),
    note: z.string().nullable(),
    evidenceUrl: z.string().nullable(),
    certificationId: z.string().nullable(),
    wantsToGrow: z.boolean(),
    source,
    updatedAt: at("When this level was set."),
    stale: z.boolean().meta({ description: "Not updated for six months or more." }),
  })
  .meta({ id: "MyRating", description: "One of your current ratings." });
export const myRatingsPage = pageOf(myRating, "MyRatingsPage", "Your current ratings, by skill id.");

export const putRatingsResponse = z
  .object({
    changed: z.number().int().min(0).meta({ description: "Ratings that changed (identical ones add nothing)." }),
  })
  .meta({ id: "RatingsSaved" });

export const historyEntry = z
  .object({
    level: levelValue("0–5 on the skill scale."),
    source,
    note: z.string().nullable(),
    evidenceUrl: z.string().nullable(),
    wantsToGrow: z.boolean(),
    createdAt: at("When it was rated."),
  })
  .meta({ id: "RatingHistoryEntry", description: "One rating of a skill, as it was set." });
export const historyPage = pageOf(historyEntry, "RatingHistoryPage", "A skill's rating history, newest first.");

export const person = z
  .object({
    id: z.string(),
    name: z.string(),
    level: maybeLevel("Their current level of the searched skill; null without `skill`."),
    isMe: z.boolean(),
  })
  .meta({ id: "Person", description: "Someone the expert finder would show you." });
export const peoplePage = pageOf(person, "PeoplePage", "People you may find, by name.");

const teamRole = z.enum(["member", "manager", "admin"]).nullable().meta({
  description: "Your role in the team; admin: you see it as an administrator.",
});

export const teamSummary = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    myRole: teamRole,
    members: z.number().int().min(0),
    managers: z.number().int().min(0),
  })
  .meta({ id: "TeamSummary", description: "A team you belong to (or, with `admin`, any team)." });
export const teamsPage = pageOf(teamSummary, "TeamsPage", "Your teams, by name.");

export const teamDetail = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    myRole: teamRole,
    canSeeCells: z.boolean().meta({ description: "Whether you see each member's levels (managers, admins)." }),
    memberCount: z.number().int().min(0),
    managerCount: z.number().int().min(0),
    targetRoles: z.array(z.object({ roleId: z.string(), count: z.number().int() })),
    targetSkills: z.array(
      z.object({ skillId: z.string(), level: levelValue("Target level."), count: z.number().int() }),
    ),
    people: z
      .array(
        z.object({
          userId: z.string(),
          name: z.string(),
          email: z.string(),
          role: z.enum(["member", "manager"]),
          since: at("When they joined."),
        }),
      )
      .meta({ description: "Members and managers; empty unless you manage the team." }),
  })
  .meta({ id: "Team", description: "A team as its page shows it to you." });

const cell = z.object({
  level: levelValue("0–5."),
  confirmed: z.boolean().meta({ description: "Confirmed by a manager in a review." }),
  certified: z.boolean().meta({ description: "Backed by a current certification." }),
  endorsements: z.number().int().min(0),
});
const count = z.number().int().min(0);
const aggregates = z
  .object({
    coverage: z.array(
      z.object({
        skill: z.string(),
        count,
        holders: z.array(z.string()).meta({ description: "Empty for members." }),
        total: count,
      }),
    ),
    busFactor: z.array(
      z.object({
        skill: z.string(),
        level: levelValue("Needed level."),
        holders: z.array(z.string()),
        risk: z.enum(["none", "single"]),
      }),
    ),
    gap: z.array(
      z.object({
        skill: z.string(),
        required: levelValue("Required level."),
        importance: z.string(),
        needed: count,
        have: count,
        shortfall: count,
        best: levelValue("Best level in the team."),
      }),
    ),
    distribution: z.array(z.object({ category: z.string(), counts: z.array(count), total: count })),
  })
  .nullable()
  .meta({ description: "Team figures; null when too few colleagues rated for a member to see them." });

export const teamMatrix = z
  .object({
    team: ref("The team."),
    canSeeCells: z.boolean(),
    memberCount: count,
    ratedCount: count,
    minAggregate: count.meta({ description: "Fewest colleagues behind a figure a member may see." }),
    matrix: z
      .object({
        rows: z.array(z.object({ userId: z.string(), name: z.string(), cells: z.record(z.string(), cell) })),
      })
      .nullable()
      .meta({ description: "Each member's levels by skill id; null unless you manage the team." }),
    aggregates,
    hidden: z
      .object({ coverage: count, busFactor: count, gap: count, distribution: count, total: count })
      .nullable()
      .meta({ description: "Rows left out for a member because too few colleagues back them." }),
  })
  .meta({ id: "TeamMatrix", description: "The team's skill matrix, exactly as its page shows it to you." });

const reviewState = z.enum(REVIEW_STATES);
const side = z.enum(["subject", "manager", "observer"]).meta({ description: "Your part in the review." });

export const reviewSummary = z
  .object({
    id: z.string(),
    period: z.string(),
    state: reviewState,
    dueDate: at("When it is due."),
    createdAt: at("When it started."),
    completedAt: at("When it was completed.").nullable(),
    overdue: z.boolean(),
    side,
    team: ref("The review's team."),
    subject: ref("The person reviewed."),
    managerName: z.string(),
  })
  .meta({ id: "ReviewSummary", description: "A review you may open." });
export const reviewsPage = pageOf(reviewSummary, "ReviewsPage", "Reviews you may open, newest first.");

export const reviewDetail = z
  .object({
    id: z.string(),
    period: z.string(),
    state: reviewState,
    side,
    canWrite: z.boolean(),
    revealed: z.boolean().meta({ description: "Both assessments are in: each side sees the other's levels." }),
    locked: z.boolean(),
    dueDate: at("When it is due."),
    selfSubmittedAt: at("Self-assessment submitted.").nullable(),
    managerSubmittedAt: at("Manager assessment submitted.").nullable(),
    completedAt: at("Completed.").nullable(),
    acknowledgedAt: at("Acknowledged by the person reviewed.").nullable(),
    summary: z.string().nullable(),
    ackComment: z.string().nullable(),
    team: ref("The review's team."),
    subject: ref("The person reviewed."),
    managerName: z.string(),
    lines: z.array(
      z.object({
        skillId: z.string(),
        skillName: z.string(),
        selfLevel: maybeLevel("The self-assessment; hidden (null) from the manager until revealed."),
        managerLevel: maybeLevel("The manager's level; hidden (null) from the person until revealed."),
        agreedLevel: maybeLevel("Agreed in discussion."),
        effectiveLevel: maybeLevel("The agreed level after any amendment."),
        previousLevel: maybeLevel("Agreed in the previous review you may see."),
        currentLevel: maybeLevel("The person's current rating."),
      }),
    ),
    comments: z
      .array(z.object({ skillId: z.string(), body: z.string(), author: z.string(), createdAt: at("Written.") }))
      .meta({ description: "Empty until the review is revealed." }),
    amendments: z.array(
      z.object({
        skillId: z.string(),
        fromLevel: levelValue("Before."),
        toLevel: levelValue("After."),
        reason: z.string(),
        author: z.string(),
        createdAt: at("Amended."),
      }),
    ),
    goals: z.array(
      z.object({
        skillId: z.string(),
        skillName: z.string(),
        targetLevel: levelValue("Target level."),
        dueDate: at("Due.").nullable(),
        status: z.string(),
        note: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: "Review", description: "A review as its page shows it to you." });

export const skill = z
  .object({
    id: z.string(),
    name: z.string(),
    category: z.string(),
    description: z.string(),
    tools: z.array(z.string()),
    aliases: z.array(z.string()),
    prerequisites: z.array(z.string()),
  })
  .meta({ id: "Skill", description: "A skill of the active taxonomy." });
export const skillsPage = pageOf(skill, "SkillsPage", "Skills of the active taxonomy, by id.");

export const taxonomyDocument = taxonomyDocumentSchema.meta({
  id: "Taxonomy",
  description: "The active taxonomy in the export format.",
});

export const applyResult = z
  .object({
    changed: z.boolean().meta({ description: "False when the document matched the active taxonomy." }),
    version: z.string(),
    skills: count,
    roles: count,
    paths: count,
    retiredSkills: z.array(z.string()),
    retiredRoles: z.array(z.string()),
  })
  .meta({ id: "TaxonomyApplied", description: "What the import changed." });

export const openApiResponse = z
  .record(z.string(), z.unknown())
  .meta({ id: "OpenApiDocument", description: "This document (OpenAPI 3.1)." });

/**
 * Every operation of /api/v1 in one table: method, path (OpenAPI form, relative to /api/v1), the scope its token must
 * carry, and the schemas of its input and answer. Each route handler passes its entry to apiRoute (or publicRoute),
 * and lib/api/openapi.ts builds the document from the same entries; tests/integration/openapi.test.ts checks that the
 * route files on disk and this table agree.
 */
import type { z } from "@/lib/validation";
import type { ScopeName } from "@/lib/domain/api-scopes";
import { TAXONOMY_MAX_MB, MB } from "@/lib/upload-limits";
import * as rq from "./v1-requests";
import * as rs from "./v1-responses";

export type RouteSpec = {
  method: "GET" | "PUT";
  path: string;
  operationId: string;
  tag: "Me" | "People" | "Teams" | "Reviews" | "Taxonomy" | "Reference";
  /** The scope the token must carry; null: any valid token; "public": no token at all. */
  scope: ScopeName | null | "public";
  summary: string;
  description: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  maxBytes?: number;
  response: z.ZodType;
  /** May answer 404 without a path parameter (an unknown skill in the history, say). */
  notFound?: boolean;
};

export const V1 = {
  me: {
    method: "GET",
    path: "/me",
    operationId: "getMe",
    tag: "Me",
    scope: null,
    summary: "Who the token acts for",
    description: "The token's owner, its scopes and when it expires. Any valid token may call it, whatever its scopes.",
    response: rs.meResponse,
  },
  myRatings: {
    method: "GET",
    path: "/me/ratings",
    operationId: "listMyRatings",
    tag: "Me",
    scope: "ratings:read",
    summary: "List your current ratings",
    description: "Your current level of each skill you rated (retired skills left out), by skill id.",
    query: rq.myRatingsQuery,
    response: rs.myRatingsPage,
  },
  putMyRatings: {
    method: "PUT",
    path: "/me/ratings",
    operationId: "saveMyRatings",
    tag: "Me",
    scope: "ratings:write",
    summary: "Save ratings",
    description:
      "Sets your levels exactly as the My skills page does: every entry is checked, then all are saved together, or none is and the answer names each bad field. Skills you leave out keep their rating.",
    body: rq.putRatingsBody,
    response: rs.putRatingsResponse,
  },
  ratingHistory: {
    method: "GET",
    path: "/me/ratings/{skillId}/history",
    operationId: "listRatingHistory",
    tag: "Me",
    scope: "ratings:read",
    summary: "List a skill's rating history",
    description: "Every level you have had in one skill, newest first. An unknown skill answers 404.",
    params: rq.skillParams,
    query: rq.historyQuery,
    response: rs.historyPage,
  },
  people: {
    method: "GET",
    path: "/people",
    operationId: "listPeople",
    tag: "People",
    scope: "teams:read",
    summary: "Find people",
    description:
      "People the expert finder would show you: those whose \u201cwho can find me\u201d setting admits you, the members of teams you manage, and yourself. Filter by name and by a skill at a minimum level.",
    query: rq.peopleQuery,
    response: rs.peoplePage,
  },
  teams: {
    method: "GET",
    path: "/teams",
    operationId: "listTeams",
    tag: "Teams",
    scope: "teams:read",
    summary: "List your teams",
    description:
      "Teams you belong to or manage; every team when the token also has `admin` and you are an administrator.",
    query: rq.teamsQuery,
    response: rs.teamsPage,
  },
  team: {
    method: "GET",
    path: "/teams/{id}",
    operationId: "getTeam",
    tag: "Teams",
    scope: "teams:read",
    summary: "Get a team",
    description: "One of your teams: its members (if you manage it) and its target profile. Another team answers 404.",
    params: rq.teamParams,
    response: rs.teamDetail,
  },
  teamMatrix: {
    method: "GET",
    path: "/teams/{id}/matrix",
    operationId: "getTeamMatrix",
    tag: "Teams",
    scope: "teams:read",
    summary: "Get a team's skill matrix",
    description:
      "Managers see each member's levels; members see team figures only, and only those enough colleagues back, as on the team page. Another team answers 404.",
    params: rq.teamParams,
    response: rs.teamMatrix,
  },
  reviews: {
    method: "GET",
    path: "/reviews",
    operationId: "listReviews",
    tag: "Reviews",
    scope: "reviews:read",
    summary: "List reviews",
    description:
      "Your own reviews and those of the people in teams you manage, newest first. A page may hold fewer than `limit` reviews; keep going while `nextCursor` is not null.",
    query: rq.reviewsQuery,
    response: rs.reviewsPage,
  },
  review: {
    method: "GET",
    path: "/reviews/{id}",
    operationId: "getReview",
    tag: "Reviews",
    scope: "reviews:read",
    summary: "Get a review",
    description:
      "A review as its page shows it to you: until both assessments are in, each side sees only its own levels, and comments appear after that. A review you may not open answers 404.",
    params: rq.reviewParams,
    response: rs.reviewDetail,
  },
  skills: {
    method: "GET",
    path: "/skills",
    operationId: "listSkills",
    tag: "Taxonomy",
    scope: "public",
    summary: "List skills",
    description: "The skills of the active taxonomy, by id. Public: no token needed.",
    query: rq.skillsQuery,
    response: rs.skillsPage,
  },
  taxonomy: {
    method: "GET",
    path: "/taxonomy",
    operationId: "getTaxonomy",
    tag: "Taxonomy",
    scope: "public",
    summary: "Export the taxonomy",
    description: "The active taxonomy in the export format, which PUT /taxonomy accepts. Public: no token needed.",
    response: rs.taxonomyDocument,
  },
  putTaxonomy: {
    method: "PUT",
    path: "/taxonomy",
    operationId: "replaceTaxonomy",
    tag: "Taxonomy",
    scope: "taxonomy:write",
    summary: "Import a taxonomy",
    description:
      "Replaces the active taxonomy, validated exactly as the admin page's import: every problem is listed and nothing changes until there are none. The token's owner must still be an administrator.",
    body: rq.taxonomyBody,
    maxBytes: TAXONOMY_MAX_MB * MB,
    response: rs.applyResult,
    notFound: true,
  },
  openapi: {
    method: "GET",
    path: "/openapi.json",
    operationId: "getOpenApiDocument",
    tag: "Reference",
    scope: "public",
    summary: "This API's description",
    description: "The OpenAPI 3.1 document of /api/v1, generated from the schemas the handlers use. Public.",
    response: rs.openApiResponse,
  },
} satisfies Record<string, RouteSpec>;

/** The table in document order. */
export const V1_ROUTES: RouteSpec[] = Object.values(V1);

/**
 * The OpenAPI 3.1 document of /api/v1, generated with zod-openapi from the route table (lib/api/v1-routes.ts): the
 * same zod schemas the handlers parse with and must answer in. Built once per process.
 */
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiResponseObject } from "zod-openapi";
import { z } from "@/lib/validation";
import { API_SCOPES } from "@/lib/domain/api-scopes";
import { V1_ROUTES, type RouteSpec } from "./v1-routes";

export type OpenApiDocument = ReturnType<typeof createDocument>;

export const problemSchema = z
  .object({
    type: z.string().meta({ description: "Always about:blank: the status says what kind of problem it is." }),
    title: z.string().meta({ example: "Bad Request" }),
    status: z.number().int().meta({ example: 400 }),
    detail: z.string().meta({ description: "What went wrong, in plain words.", example: "Please correct: Limit …" }),
    errors: z
      .record(z.string(), z.array(z.string()))
      .optional()
      .meta({
        description: "Bad input: messages by field (`ratings.2.level`, `cursor`, `_form` for the whole body).",
        example: { limit: ["Limit must be from 1 to 100."] },
      }),
  })
  .meta({ id: "Problem", description: "An RFC 9457 problem document (application/problem+json)." });

const problem = (id: string, description: string, headers?: z.ZodObject): ZodOpenApiResponseObject => ({
  id,
  description,
  content: { "application/problem+json": { schema: problemSchema } },
  ...(headers ? { headers } : {}),
});

const RESPONSES = {
  400: problem("BadRequest", "Bad input: `errors` names each field, and nothing was changed."),
  401: problem(
    "Unauthorized",
    "No token, or one that is revoked, expired, never issued, or whose owner was deactivated.",
    z.object({ "WWW-Authenticate": z.string().meta({ example: 'Bearer realm="skillgap"' }) }),
  ),
  403: problem("Forbidden", "The token lacks the scope this operation needs (or its owner is no longer an admin)."),
  404: problem("NotFound", "No such thing, or nothing you may see: the two answers are the same."),
  413: problem("ContentTooLarge", "The body is larger than this operation accepts."),
  415: problem("UnsupportedMediaType", "The body is not sent as JSON (Content-Type: application/json)."),
  429: problem(
    "TooManyRequests",
    "The token made too many requests this minute.",
    z.object({ "Retry-After": z.string().meta({ description: "Seconds to wait.", example: "60" }) }),
  ),
} as const;

const scopeText = (scope: RouteSpec["scope"]) =>
  scope === "public"
    ? "Public: no token needed."
    : scope === null
      ? "Needs a valid token with any scopes."
      : `Needs a token with the scope \`${scope}\`: ${API_SCOPES.find((s) => s.name === scope)?.description ?? ""}`;

function operation(route: RouteSpec): ZodOpenApiOperationObject {
  const token = route.scope !== "public";
  const responses: Record<string, ZodOpenApiResponseObject> = {
    200: { description: route.summary, content: { "application/json": { schema: route.response } } },
  };
  if (route.query || route.body) responses[400] = RESPONSES[400];
  if (token) Object.assign(responses, { 401: RESPONSES[401], 403: RESPONSES[403] });
  if (route.params || route.notFound) responses[404] = RESPONSES[404];
  if (route.body) Object.assign(responses, { 413: RESPONSES[413], 415: RESPONSES[415] });
  if (token) responses[429] = RESPONSES[429];
  return {
    operationId: route.operationId,
    summary: route.summary,
    description: `${route.description}\n\n${scopeText(route.scope)}`,
    tags: [route.tag],
    security: token ? [{ bearer: [] }] : [],
    ...(token ? { "x-required-scope": route.scope ?? "any" } : {}),
    ...(route.params || route.query
      ? {
          requestParams: {
            ...(route.params ? { path: route.params as z.ZodObject } : {}),
            ...(route.query ? { query: route.query as z.ZodObject } : {}),
          },
        }
      : {}),
    ...(route.body ? { requestBody: { required: true, content: { "application/json": { schema: route.body } } } } : {}),
    responses,
  };
}

/** The document, built from the route table. */
export function buildOpenApiDocument(): OpenApiDocument {
  const paths: Record<string, Record<string, ZodOpenApiOperationObject>> = {};
  for (const route of V1_ROUTES) (paths[route.path] ??= {})[route.method.toLowerCase()] = operation(route);
  return createDocument(
    {
      openapi: "3.1.0",
      info: {
        title: "skillgap API",
        version: "1.0.0",
        description:
          "Read and write skillgap data as the person who made the token, never more than they may see in the app. Send the token as `Authorization: Bearer <token>`; make one at /account/tokens. Lists are paged with `limit` and `cursor`; errors are RFC 9457 problem documents.",
      },
      servers: [{ url: "/api/v1" }],
      tags: [
        { name: "Me", description: "Your own ratings." },
        { name: "People", description: "The expert finder." },
        { name: "Teams", description: "Your teams and their skill matrix." },
        { name: "Reviews", description: "Reviews you may open." },
        { name: "Taxonomy", description: "Skills, roles and the taxonomy import." },
        { name: "Reference", description: "This document." },
      ],
      components: {
        securitySchemes: {
          bearer: {
            type: "http",
            scheme: "bearer",
            bearerFormat: "skillgap token",
            description: "A personal or service token from /account/tokens, sent as `Authorization: Bearer <token>`.",
          },
        },
      },
      paths,
    },
    {
      // Handlers return Date objects; JSON carries them as ISO 8601 strings.
      override: ({ jsonSchema, zodSchema, io }) => {
        if (zodSchema._zod.def.type === "date" && io === "output") {
          jsonSchema.type = "string";
          jsonSchema.format = "date-time";
        }
      },
    },
  );
}

let cached: OpenApiDocument | undefined;

/** The document, built on first use and kept for the life of the process (it only changes with the code). */
export function openApiDocument(): OpenApiDocument {
  cached ??= buildOpenApiDocument();
  return cached;
}

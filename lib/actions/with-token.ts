import "server-only";
import type { z } from "zod";
import { bearerToken, checkApiToken, type TokenActor } from "@/lib/data/api-tokens";
import type { ScopeName } from "@/lib/domain/api-scopes";
import { DataError, type FieldErrors } from "@/lib/data/errors";
import { parseInput, toActionError } from "./safe-action";
import { readJson } from "./with-actor";

/** An RFC 9457 problem document: `errors` (field → messages) is our extension member for bad input. */
export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldErrors;
};

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  429: "Too Many Requests",
  500: "Internal Server Error",
};

/** A problem+json response. `type` stays about:blank: the status says what kind of problem it is. */
export function problem(status: number, detail: string, errors?: FieldErrors, headers: HeadersInit = {}): Response {
  const body: Problem = { type: "about:blank", title: TITLES[status] ?? "Error", status, detail };
  if (errors && Object.keys(errors).length) body.errors = errors;
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/problem+json", "Cache-Control": "no-store", ...headers },
  });
}

/** A JSON response that is never cached (every token response is personal). */
export function json(value: unknown, status = 200): Response {
  return Response.json(value, { status, headers: { "Cache-Control": "no-store" } });
}

type Schema = z.ZodType;
type Infer<S> = S extends z.ZodType ? z.infer<S> : undefined;
/** What a handler may return: the response schema's output (serialised as JSON), or a Response of its own. */
type Output<R> = R extends z.ZodType ? z.output<R> | Response : unknown;

type InputOptions<Q, B, P> = {
  query?: Q;
  body?: B;
  params?: P;
  /** Largest body accepted, in bytes (default 2 MB). */
  maxBytes?: number;
};

export type ApiRouteOptions<Q, B, P, R = undefined> = InputOptions<Q, B, P> & {
  /** The scope the token must carry; null: any valid token (e.g. "who am I"). */
  scope: ScopeName | null;
  /** The 200 answer's schema: the handler's result must have its type (the OpenAPI document shows it). */
  response?: R;
};

export type ApiArgs<Q, B, P> = { actor: TokenActor; query: Infer<Q>; body: Infer<B>; params: Infer<P>; req: Request };
export type PublicArgs<Q, B, P> = Omit<ApiArgs<Q, B, P>, "actor">;

type Inputs = { query: unknown; body: unknown; params: unknown };

/**
 * The path parameters, the query string and the JSON body, each parsed with zod through the same parser as server
 * actions, or the problem that refuses them: a path segment no row could have is simply not found (404); a bad query
 * or body answers 400 naming the field.
 */
async function parseRequest<Q extends Schema | undefined, B extends Schema | undefined, P extends Schema | undefined>(
  options: InputOptions<Q, B, P>,
  req: Request,
  ctx: { params?: Promise<unknown> },
): Promise<Inputs | Response> {
  const out: Inputs = { query: undefined, body: undefined, params: undefined };
  if (options.params) {
    const parsed = parseInput(options.params, (await ctx.params) ?? {});
    if (!parsed.ok) return problem(404, "Not found.");
    out.params = parsed.data;
  }
  if (options.query) {
    const parsed = parseInput(options.query, searchParamsObject(new URL(req.url).searchParams));
    if (!parsed.ok) return problem(400, parsed.message, parsed.errors);
    out.query = parsed.data;
  }
  if (options.body) {
    const read = await readJson(req, options.maxBytes ?? 2 * 1024 * 1024);
    if (read instanceof Response) {
      const refused = (await read.json()) as { error: string; errors?: FieldErrors };
      return problem(read.status, refused.error, refused.errors);
    }
    const parsed = parseInput(options.body, read.value);
    if (!parsed.ok) return problem(400, parsed.message, parsed.errors);
    out.body = parsed.data;
  }
  return out;
}

/** Known errors become 404/400/409 problems; anything else a 500 problem without details. */
function failure(e: unknown): Response {
  const r = toActionError(e);
  const status = r.status ?? (e instanceof DataError ? 400 : 500);
  return problem(status, r.message, r.errors);
}

/**
 * The wrapper every /api/v1 route with a token goes through: the bearer token (401 without a valid one, 403 without the
 * scope, 429 past its per-minute limit), then the path parameters, the query string and the JSON body, each parsed with
 * zod through the same parser as server actions, so a bad field answers 400 naming it. Known errors become 404/400/409;
 * anything else a 500 without details. Every answer that is not 2xx is application/problem+json.
 */
export function apiRoute<
  Q extends Schema | undefined = undefined,
  B extends Schema | undefined = undefined,
  P extends Schema | undefined = undefined,
  R extends Schema | undefined = undefined,
>(options: ApiRouteOptions<Q, B, P, R>, handler: (args: ApiArgs<Q, B, P>) => Promise<Output<R>>) {
  return async (req: Request, ctx: { params?: Promise<unknown> }): Promise<Response> => {
    try {
      const check = await checkApiToken(bearerToken(req), options.scope);
      if (!check.ok) {
        const headers: Record<string, string> = {};
        if (check.status === 401) headers["WWW-Authenticate"] = 'Bearer realm="skillgap"';
        if (check.retryAfterSeconds) headers["Retry-After"] = String(check.retryAfterSeconds);
        return problem(check.status, check.reason, undefined, headers);
      }
      const input = await parseRequest(options, req, ctx);
      if (input instanceof Response) return input;
      const result = await handler({
        actor: check.actor,
        query: input.query as Infer<Q>,
        body: input.body as Infer<B>,
        params: input.params as Infer<P>,
        req,
      });
      return result instanceof Response ? result : json(result);
    } catch (e) {
      return failure(e);
    }
  };
}

/**
 * apiRoute for the few /api/v1 routes anyone may call (the public taxonomy and skills, the OpenAPI document): no token
 * is asked for or read; input is parsed and errors answered exactly as in apiRoute.
 */
export function publicRoute<
  Q extends Schema | undefined = undefined,
  B extends Schema | undefined = undefined,
  P extends Schema | undefined = undefined,
  R extends Schema | undefined = undefined,
>(options: InputOptions<Q, B, P> & { response?: R }, handler: (args: PublicArgs<Q, B, P>) => Promise<Output<R>>) {
  return async (req: Request, ctx: { params?: Promise<unknown> }): Promise<Response> => {
    try {
      const input = await parseRequest(options, req, ctx);
      if (input instanceof Response) return input;
      const result = await handler({
        query: input.query as Infer<Q>,
        body: input.body as Infer<B>,
        params: input.params as Infer<P>,
        req,
      });
      return result instanceof Response ? result : json(result);
    } catch (e) {
      return failure(e);
    }
  };
}

/** A query string as a plain object; a repeated key becomes an array. */
export function searchParamsObject(sp: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of sp.entries()) {
    const prev = out[k];
    out[k] = prev === undefined ? v : ([] as string[]).concat(prev, v);
  }
  return out;
}

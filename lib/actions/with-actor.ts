import "server-only";
import type { z } from "zod";
import { getActor, type SessionActor } from "@/lib/auth/session";
import type { FieldErrors } from "@/lib/data/errors";
import { parseInput, toActionError } from "./safe-action";

type Route<C> = (req: Request, ctx: C) => Promise<Response>;
export type WithActorOptions = {
  /** Largest body accepted, in bytes (default 2 MB): read no further than this. */
  maxBytes?: number;
};

const DEFAULT_MAX_BYTES = 2 * 1024 * 1024;

const refuse = (status: number, field: string, message: string, errors: FieldErrors = { [field]: [message] }) =>
  Response.json({ error: message, errors }, { status, headers: { "Cache-Control": "no-store" } });

/**
 * The route-handler twin of createAction: 401 when signed out; with a schema, the body is read as JSON (415 for another
 * content type, 413 past `maxBytes`, 400 when it is not JSON) and parsed exactly as a server action's input is —
 * zod field errors and unstorable text (NUL, lone surrogates) answer 400 naming the field. Known errors thrown by the
 * handler become 404/400/409 JSON; nothing answers with a stack trace.
 */
export function withActor<C = unknown>(
  handler: (req: Request, actor: SessionActor, ctx: C) => Promise<Response>,
): Route<C>;
export function withActor<S extends z.ZodType, C = unknown>(
  schema: S,
  handler: (input: z.infer<S>, actor: SessionActor, req: Request, ctx: C) => Promise<Response>,
  options?: WithActorOptions,
): Route<C>;
export function withActor<S extends z.ZodType, C>(
  schemaOrHandler: S | ((req: Request, actor: SessionActor, ctx: C) => Promise<Response>),
  bodyHandler?: (input: z.infer<S>, actor: SessionActor, req: Request, ctx: C) => Promise<Response>,
  options: WithActorOptions = {},
): Route<C> {
  return async (req: Request, ctx: C): Promise<Response> => {
    const actor = await getActor();
    if (!actor) return Response.json({ error: "Sign in to use this endpoint." }, { status: 401 });
    try {
      if (typeof schemaOrHandler === "function") return await schemaOrHandler(req, actor, ctx);
      const body = await readJson(req, options.maxBytes ?? DEFAULT_MAX_BYTES);
      if (body instanceof Response) return body;
      const parsed = parseInput(schemaOrHandler, body.value);
      if (!parsed.ok) return refuse(400, "_form", parsed.message, parsed.errors);
      return await bodyHandler!(parsed.data, actor, req, ctx);
    } catch (e) {
      const r = toActionError(e);
      return Response.json(
        { error: r.message, errors: r.errors, latest: r.latest },
        { status: r.status ?? (Object.keys(r.errors).length ? 400 : 500) },
      );
    }
  };
}

/** The request body as parsed JSON, or the response that refuses it. Reads at most `maxBytes`. */
export async function readJson(req: Request, maxBytes: number): Promise<{ value: unknown } | Response> {
  const type = (req.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (type !== "application/json" && !/^application\/[\w.-]+\+json$/.test(type)) {
    return refuse(415, "body", "Send the body as JSON (Content-Type: application/json).");
  }
  const tooLarge = `The body is too large (max ${Math.floor(maxBytes / 1024 / 1024) || 1} MB).`;
  if (Number(req.headers.get("content-length")) > maxBytes) return refuse(413, "body", tooLarge);
  if (!req.body) return refuse(400, "body", "The body is empty; send a JSON object.");
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      return refuse(413, "body", tooLarge);
    }
    chunks.push(value);
  }
  const text = new TextDecoder().decode(Buffer.concat(chunks));
  if (!text.trim()) return refuse(400, "body", "The body is empty; send a JSON object.");
  try {
    return { value: JSON.parse(text) };
  } catch {
    return refuse(400, "body", "The body is not valid JSON.");
  }
}

import "server-only";
import { z } from "zod";
import { getActor, type SessionActor } from "@/lib/auth/session";
import { ConflictError, DataError, NotFoundError, type FieldErrors } from "@/lib/data/errors";

export type ActionResult<T = undefined> =
  | { ok: true; data: T; message?: string }
  | { ok: false; message: string; errors: FieldErrors; latest?: unknown; status?: 401 | 404 | 409 };

/** FormData → plain object; repeated keys become arrays. */
export function formDataToObject(fd: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of fd.entries()) {
    if (k.startsWith("$ACTION")) continue;
    const value = typeof v === "string" ? v : v.name;
    if (k in out) out[k] = ([] as unknown[]).concat(out[k], value);
    else out[k] = value;
  }
  return out;
}

/** zod issues → { field: [messages] }, with the field's path as the key ("rows.3.level"). */
export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.map(String).join(".") : "_form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

export function describeFieldErrors(errors: FieldErrors): string {
  const parts = Object.entries(errors).map(([k, v]) => (k === "_form" ? v[0] : `${k}: ${v[0]}`));
  return parts.length ? `Please correct: ${parts.slice(0, 5).join("; ")}${parts.length > 5 ? ` (and ${parts.length - 5} more)` : ""}` : "Invalid input.";
}

/**
 * The one wrapper every server action goes through: loads the session, parses the input with zod, maps known
 * errors to a result. Bad input returns { ok: false, errors, message } and changes nothing; nothing throws to the client.
 */
export function createAction<S extends z.ZodType, T>(schema: S, handler: (input: z.infer<S>, actor: SessionActor) => Promise<T>) {
  return runAction(schema, (input, actor) => handler(input, actor as SessionActor), true);
}

/** Same as createAction for the few actions signed-out visitors may call (sign-up). */
export function createPublicAction<S extends z.ZodType, T>(schema: S, handler: (input: z.infer<S>) => Promise<T>) {
  return runAction(schema, (input) => handler(input), false);
}

function runAction<S extends z.ZodType, T>(
  schema: S,
  handler: (input: z.infer<S>, actor: SessionActor | null) => Promise<T>,
  signedIn: boolean,
) {
  return async (input: unknown): Promise<ActionResult<T>> => {
    const actor = await getActor();
    if (signedIn && !actor) return { ok: false, message: "Please sign in again.", errors: {}, status: 401 };
    const raw = input instanceof FormData ? formDataToObject(input) : input;
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const errors = zodFieldErrors(parsed.error);
      if (errors._form && schema instanceof z.ZodObject && (raw === null || typeof raw !== "object" || Array.isArray(raw))) {
        // Not an object at all: say which fields were expected instead of "expected object, received string".
        errors._form = [`Send an object with the fields ${Object.keys(schema.shape).join(", ")}.`];
      }
      return { ok: false, message: describeFieldErrors(errors), errors };
    }
    const unstorable = unstorableText(parsed.data);
    if (Object.keys(unstorable).length) return { ok: false, message: describeFieldErrors(unstorable), errors: unstorable };
    try {
      return { ok: true, data: await handler(parsed.data, actor) };
    } catch (e) {
      return toActionError(e);
    }
  };
}

// NUL, or half of a surrogate pair with no other half.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Strings Postgres refuses (text cannot hold NUL; jsonb, used by the audit log, refuses lone surrogates), by field.
 * Checked on the parsed input so the error names the field instead of failing in the database.
 */
export function unstorableText(value: unknown, path: string[] = [], out: FieldErrors = {}): FieldErrors {
  if (typeof value === "string") {
    if (UNSTORABLE.test(value)) out[path.length ? path.join(".") : "_form"] = ["Contains a NUL or broken unicode character; remove it and try again."];
  } else if (Array.isArray(value)) value.forEach((v, i) => unstorableText(v, [...path, String(i)], out));
  else if (value !== null && typeof value === "object" && !(value instanceof Date)) for (const [k, v] of Object.entries(value)) unstorableText(v, [...path, k], out);
  return out;
}

export function toActionError(e: unknown): Extract<ActionResult, { ok: false }> {
  if (e instanceof NotFoundError) return { ok: false, message: "Not found.", errors: {}, status: 404 };
  if (e instanceof DataError) return { ok: false, message: e.message, errors: e.fieldErrors };
  // A conflict is always a stale version (optimistic concurrency), so that is the field it names.
  if (e instanceof ConflictError) return { ok: false, message: e.message, errors: { version: [e.message] }, latest: e.latest, status: 409 };
  console.error("action failed", e);
  return { ok: false, message: "Something went wrong on our side; nothing was changed. Please try again.", errors: {} };
}

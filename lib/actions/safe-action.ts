import "server-only";
import { z } from "zod";
import { getActor, type SessionActor } from "@/lib/auth/session";
import { ConflictError, DataError, NotFoundError, type FieldErrors } from "@/lib/data/errors";
import { unstorablePaths } from "@/lib/domain/storable-text";

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

// Fields whose key is not what the form calls them.
const FIELD_LABELS: Record<string, string> = { text: "File", csv: "File", evidenceUrl: "Evidence link" };

/** "dueDate" → "Due date"; "csv" → "File". */
const words = (key: string) => {
  if (Object.hasOwn(FIELD_LABELS, key)) return FIELD_LABELS[key];
  const w = key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .toLowerCase()
    .trim();
  return w.charAt(0).toUpperCase() + w.slice(1);
};

/**
 * One field's message for the summary line, in the user's words: messages from lib/validation already name their
 * field ("Due date must be today or later."); others get the field's name in front. A row of a list is named by its
 * position ("Ratings row 3: Level must be from 0 to 5."), never by a JSON path.
 */
function describeField(key: string, message: string): string {
  if (key === "_form") return message;
  const segments = key.split(".");
  const last = segments.findLastIndex((s) => !/^\d+$/.test(s));
  const rowAt = segments.findIndex((s) => /^\d+$/.test(s));
  const row = rowAt > 0 ? `${words(segments[rowAt - 1])} row ${Number(segments[rowAt]) + 1}` : "";
  const field = last >= 0 && last !== rowAt - 1 ? words(segments[last]) : "";
  const named = field !== "" && message.toLowerCase().startsWith(field.toLowerCase());
  const label = [row, named ? "" : field].filter(Boolean).join(", ");
  if (!label) return message;
  return `${label}: ${named || !field ? message : message.charAt(0).toLowerCase() + message.slice(1)}`;
}

export function describeFieldErrors(errors: FieldErrors): string {
  const parts = Object.entries(errors).map(([k, v]) => describeField(k, v[0]));
  return parts.length
    ? `Please correct: ${parts.slice(0, 5).join("; ")}${parts.length > 5 ? ` (and ${parts.length - 5} more)` : ""}`
    : "Invalid input.";
}

export type Parsed<T> = { ok: true; data: T } | { ok: false; message: string; errors: FieldErrors };

/**
 * Parses one input with zod and checks every string in the result is storable. Shared by server actions and route
 * handlers (lib/actions/with-actor.ts), so both channels refuse the same input with the same field messages.
 */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): Parsed<z.infer<S>> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const errors = zodFieldErrors(parsed.error);
    if (
      errors._form &&
      schema instanceof z.ZodObject &&
      (raw === null || typeof raw !== "object" || Array.isArray(raw))
    ) {
      // Not an object at all: say which fields were expected instead of "expected object, received string".
      errors._form = [`Send an object with the fields ${Object.keys(schema.shape).join(", ")}.`];
    }
    return { ok: false, message: describeFieldErrors(errors), errors };
  }
  const unstorable = unstorableText(parsed.data);
  if (Object.keys(unstorable).length)
    return { ok: false, message: describeFieldErrors(unstorable), errors: unstorable };
  return { ok: true, data: parsed.data };
}

/**
 * The one wrapper every server action goes through: loads the session, parses the input with zod, maps known
 * errors to a result. Bad input returns { ok: false, errors, message } and changes nothing; nothing throws to the client.
 */
export function createAction<S extends z.ZodType, T>(
  schema: S,
  handler: (input: z.infer<S>, actor: SessionActor) => Promise<T>,
) {
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
    const parsed = parseInput(schema, input instanceof FormData ? formDataToObject(input) : input);
    if (!parsed.ok) return parsed;
    try {
      return { ok: true, data: await handler(parsed.data, actor) };
    } catch (e) {
      return toActionError(e);
    }
  };
}

/**
 * Strings Postgres refuses (text cannot hold NUL; jsonb, used by the audit log, refuses lone surrogates), by field.
 * Checked on the parsed input so the error names the field instead of failing in the database.
 */
export function unstorableText(value: unknown): FieldErrors {
  const out: FieldErrors = {};
  for (const path of unstorablePaths(value))
    out[path.length ? path.join(".") : "_form"] = [
      "Contains a NUL or broken unicode character; remove it and try again.",
    ];
  return out;
}

export function toActionError(e: unknown): Extract<ActionResult, { ok: false }> {
  if (e instanceof NotFoundError) return { ok: false, message: "Not found.", errors: {}, status: 404 };
  if (e instanceof DataError) return { ok: false, message: e.message, errors: e.fieldErrors };
  // A conflict is always a stale version (optimistic concurrency), so that is the field it names.
  if (e instanceof ConflictError)
    return { ok: false, message: e.message, errors: { version: [e.message] }, latest: e.latest, status: 409 };
  console.error("action failed", e);
  return { ok: false, message: "Something went wrong on our side; nothing was changed. Please try again.", errors: {} };
}

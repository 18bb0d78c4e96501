/**
 * The one validation vocabulary: ids, levels, real calendar dates, emails, optional text, links and uploaded files.
 * Server actions and route handlers both parse through these schemas, so the same input gets the same answer on
 * every channel. Every message names the field the way the form labels it ("Due date must be today or later."),
 * never a JSON path, and every string is checked for what Postgres cannot store before it gets there.
 */
import { z } from "zod";
import { isStorableText } from "@/lib/domain/storable-text";
import { fileTooLarge, MB, utf8Bytes } from "./upload-limits";

export { z, isStorableText };

export const unstorableMessage = (what: string) =>
  `${what} contains a NUL or broken unicode character; remove it and try again.`;

// Form fields arrive as "" when left blank; JSON clients send null or leave the key out. All three mean "none".
const blankToUndefined = (v: unknown) => (v === null || (typeof v === "string" && v.trim() === "") ? undefined : v);

/** Any schema, made optional: blank, null or missing → null. */
export function optional<S extends z.ZodType>(schema: S) {
  return z.preprocess(blankToUndefined, schema.optional()).transform((v): z.output<S> | null => v ?? null);
}

/** An id of something the server looks up (skill, team, review, person): present, short, storable. */
export const id = (what: string, max = 100) =>
  z
    .string({ message: `${what} is missing.` })
    .trim()
    .min(1, `${what} is missing.`)
    .max(max, `${what} is too long.`)
    .refine(isStorableText, `${what} is not a valid id.`);

// Numbers typed into a form arrive as strings; only plain decimal numerals count ("0x10", "1e3" and "" do not).
const numeral = (v: unknown) => (typeof v === "string" && /^\s*-?\d{1,16}(\.\d{1,16})?\s*$/.test(v) ? Number(v) : v);

/** A whole number in [min, max], from a number or a numeral string. */
export const wholeNumber = (what: string, min: number, max: number) =>
  z.preprocess(
    numeral,
    z
      .number({ message: `${what} must be a number from ${min} to ${max}.` })
      .min(min, `${what} must be from ${min} to ${max}.`)
      .max(max, `${what} must be from ${min} to ${max}.`)
      .int(`${what} must be a whole number from ${min} to ${max}.`),
  );

/** A level on the 0–5 scale (targets start at 1). */
export const level = (what = "Level", min = 0) => wholeNumber(what, min, 5);

/** Optional free text: trimmed, at most `max` characters, storable; blank → null. */
export const optionalText = (max: number, what: string) =>
  optional(
    z
      .string({ message: `${what} must be text.` })
      .trim()
      .max(max, `${what} must be at most ${max} characters.`)
      .refine(isStorableText, unstorableMessage(what)),
  );

/** Required text: trimmed, 1–`max` characters, storable. */
export const requiredText = (max: number, what: string, missing = `Enter ${what.toLowerCase()}.`) =>
  z
    .string({ message: missing })
    .trim()
    .min(1, missing)
    .max(max, `${what} must be at most ${max} characters.`)
    .refine(isStorableText, unstorableMessage(what));

/** An email address, trimmed and lower-cased. */
export const email = (what = "Email") =>
  z
    .string({ message: `${what} is missing.` })
    .trim()
    .min(1, `${what} is missing.`)
    .max(254, `${what} must be at most 254 characters.`)
    .refine(isStorableText, unstorableMessage(what))
    .pipe(z.email(`${what} must be an email address like name@example.com.`))
    .transform((v) => v.toLowerCase());

/** An optional web link: http:// or https:// only (no javascript:, data:, file:), at most `max` characters. */
export const url = (what: string, max = 500) =>
  optional(
    z
      .string({ message: `${what} must be text.` })
      .trim()
      .max(max, `${what} must be at most ${max} characters.`)
      .refine(
        (v) => isStorableText(v) && /^https?:\/\/[^\s]+$/i.test(v) && URL.canParse(v),
        `${what} must start with http:// or https://.`,
      ),
  );

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
export const MIN_YEAR = 1900;
export const MAX_YEAR = 9999;

/** "2027-03-31" → that day at 00:00 UTC, or null unless it is a real calendar date (2027-02-31 is not). */
export function parseIsoDate(value: string): Date | null {
  const m = ISO_DATE.exec(value);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d); // not Date.UTC: that maps years 0–99 to 1900–1999
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d ? date : null;
}

/** True for a YYYY-MM-DD date that exists, in 1900–9999. */
export function isRealDate(value: string): boolean {
  const year = Number(value.slice(0, 4));
  return year >= MIN_YEAR && year <= MAX_YEAR && parseIsoDate(value) !== null;
}

/** The calendar day of a Date, as YYYY-MM-DD (UTC). */
export const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The earliest date that is "today" somewhere (UTC−12), so a person west of Greenwich picking their own today in
 * the evening is not told it is in the past.
 */
export const earliestToday = (now: Date) => isoDay(new Date(now.getTime() - 12 * 3_600_000));

/** A real calendar date written YYYY-MM-DD, year 1900–9999. Output: the same string, trimmed. */
export const isoDate = (what = "Date") =>
  z
    .string({ message: `${what} is missing.` })
    .trim()
    .min(1, `${what} is missing.`)
    .superRefine((v, ctx) => {
      if (!ISO_DATE.test(v)) ctx.addIssue({ code: "custom", message: `${what} must be a date like 2027-03-31.` });
      else if (Number(v.slice(0, 4)) < MIN_YEAR || Number(v.slice(0, 4)) > MAX_YEAR)
        ctx.addIssue({ code: "custom", message: `${what} must be between ${MIN_YEAR} and ${MAX_YEAR}.` });
      else if (!parseIsoDate(v))
        ctx.addIssue({ code: "custom", message: `${what} is not a real date: ${v} does not exist.` });
    });

/** A due date: a real date, today or later. `now` is for tests. */
export const dueDate = (what = "Due date", now: () => Date = () => new Date()) =>
  isoDate(what).refine((v) => !isRealDate(v) || v >= earliestToday(now()), `${what} must be today or later.`);

/** An ISO date at the start (00:00:00Z) or the end (23:59:59Z) of its day. The input has passed `isoDate`. */
export function dateAt(value: string, at: "start" | "end" = "start"): Date {
  const d = parseIsoDate(value);
  if (!d) throw new RangeError(`not an ISO date: ${value}`);
  if (at === "end") d.setUTCHours(23, 59, 59, 0);
  return d;
}

/** The text of an uploaded file: not empty, at most `maxMb` MB of UTF-8. Storability is checked by the wrapper. */
export const fileText = (maxMb: number, minChars = 1) =>
  z
    .string({ message: "Choose a file." })
    .min(minChars, "The file is empty.")
    .refine((v) => v.length <= maxMb * MB && utf8Bytes(v) <= maxMb * MB, fileTooLarge(maxMb));

/** One of a fixed set of values (a role, a status, an event); `message` says which values are allowed. */
export const choice = <const V extends readonly [string, ...string[]]>(values: V, message: string) =>
  z.enum(values, { message });

/** A yes/no sent by a form as "true" or "false". */
export const flag = (message: string) => choice(["true", "false"], message).transform((v) => v === "true");

/**
 * A password as typed: not trimmed (spaces count), at most 200 characters, storable. How strong it must be is the
 * account code's rule (lib/auth/common-passwords.ts), so the same check runs on every path that sets one.
 */
export const password = (what = "Password", missing = `Enter a ${what.toLowerCase()}.`) =>
  z
    .string({ message: missing })
    .max(200, `${what} must be at most 200 characters long.`)
    .refine(isStorableText, unstorableMessage(what));

/** The one-time token of an emailed link (confirm address, reset password). */
export const token = () =>
  z
    .string({ message: "The link is incomplete." })
    .trim()
    .min(1, "The link is incomplete.")
    .max(200, "The link is invalid.")
    .refine(isStorableText, "The link is invalid.");

/** A list of at most `max` rows, each parsed by `row`; `what` names the list ("Roles"). */
export const list = <S extends z.ZodType>(row: S, max: number, what: string) =>
  z.array(row, { message: `${what} must be a list.` }).max(max, `At most ${max} ${what.toLowerCase()}.`);

/** For actions that take no input (the session says who and what). */
export const noInput = () => z.unknown().transform(() => ({}));

import { z } from "zod";

/**
 * Every environment variable the app reads, parsed once.
 * A wrong value produces one clear line naming the variable, never a stack trace.
 */
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === "" ? undefined : v))
    .refine((v) => v === undefined || /^postgres(ql)?:\/\/[^\s]+$/.test(v) || v.startsWith("pglite:"), {
      message: "must be a postgresql://user@host:port/db URL or pglite:<folder>",
    })
    .refine((v) => v === undefined || !/^postgres/.test(v) || URL.canParse(v), {
      message: "is not a valid URL (check for unescaped characters in the password)",
    }),
  PGLITE_DIR: z.string().trim().min(1).default("./.data/db"),
  NEXTAUTH_URL: z.string().url().optional(),
  NEXTAUTH_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_NAME: z.string().min(1).default("SSO"),
  TEAM_MIN_AGGREGATE: z.coerce.number().int().min(1).max(100).default(3),
  LOGIN_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(1000).default(5),
  LOGIN_WINDOW_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  LOGIN_MAX_ATTEMPTS_PER_IP: z.coerce.number().int().min(1).max(100000).default(30),
  /** Failed sign-ins per email from all addresses together: wide, so one attacker cannot lock the owner out. */
  LOGIN_MAX_ATTEMPTS_PER_EMAIL: z.coerce.number().int().min(1).max(100000).default(100),
  /** Sign-ups from one client address per hour (an office behind one address may need more). */
  SIGNUP_MAX_PER_IP_PER_HOUR: z.coerce.number().int().min(1).max(100000).default(20),
  /** Invitations one person may send per hour. */
  INVITES_MAX_PER_HOUR: z.coerce.number().int().min(1).max(100000).default(50),
  /** Requests each API token may make per minute. */
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100000).default(120),
  /** Proxies in front of the app that append to X-Forwarded-For. 0: the client is the socket's peer. */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  SMTP_URL: z
    .string()
    .trim()
    .optional()
    .refine((v) => v === undefined || /^smtps?:\/\/[^\s]+$/.test(v), { message: "must be an smtp:// or smtps:// URL" }),
  MAIL_FROM: z.string().trim().min(3).default("skillgap <no-reply@skillgap.local>"),
  /** Trust an OIDC email that the provider does not mark email_verified (only for IdPs that never send the claim). */
  OIDC_TRUST_UNVERIFIED_EMAIL: z
    .enum(["0", "1", "true", "false"])
    .default("0")
    .transform((v) => v === "1" || v === "true"),
});

export type Env = z.infer<typeof schema>;

export class EnvError extends Error {}

/** Parses a record of variables; throws EnvError with one line per wrong variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.entries(source).map(([k, v]) => [k, v === "" ? undefined : v]));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `${i.path.join(".")} ${i.message}`);
    throw new EnvError(`Invalid configuration: ${lines.join("; ")}`);
  }
  return result.data;
}

let cached: Env | undefined;

/** The process environment, parsed once. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Forgets the parsed environment (tests that change a variable, e.g. SMTP_URL, call this). */
export function resetEnvCache(): void {
  cached = undefined;
}

/** The public base URL links in mail point to, without a trailing slash. */
export function publicUrl(e: Env = env()): string {
  return (e.NEXTAUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/+$/, "");
}

export type DatabaseTarget = { kind: "postgres"; url: string } | { kind: "pglite"; dir: string };

/** Which database this process talks to: the server when DATABASE_URL is postgres, else embedded PGlite. */
export function databaseTarget(e: Env = env()): DatabaseTarget {
  const url = e.DATABASE_URL;
  if (url && /^postgres/.test(url)) return { kind: "postgres", url };
  if (url?.startsWith("pglite:")) return { kind: "pglite", dir: url.slice("pglite:".length) || e.PGLITE_DIR };
  return { kind: "pglite", dir: e.PGLITE_DIR };
}

/** True when SSO is fully configured. */
export function oidcEnabled(e: Env = env()): boolean {
  return Boolean(e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET);
}

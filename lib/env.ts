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

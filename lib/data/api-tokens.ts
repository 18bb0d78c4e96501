import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "./db";
import { env } from "@/lib/env";
import type { Tx } from "./open";
import { DataError, NotFoundError, assertLookupId } from "./errors";
import { hashToken } from "./tokens";
import { lockAsActiveAdmin } from "./admin-lock";
import type { Actor } from "./policy";
import { takeSlots, MINUTE } from "./rate-limit";
import { ApiScope, ApiTokenKind } from "@/lib/generated/prisma/enums";
import { API_SCOPES, scopeName, type ScopeName } from "@/lib/domain/api-scopes";

export { API_SCOPES, type ScopeName };

/** Tokens a person may hold at once (revoked and expired ones do not count). */
export const MAX_ACTIVE_TOKENS = 20;
/** The longest expiry offered, in days; only service tokens may have none. */
export const MAX_EXPIRY_DAYS = 366;

export type TokenSummary = {
  id: string;
  name: string;
  kind: ApiTokenKind;
  prefix: string;
  scopes: ScopeName[];
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
  owner: { id: string; name: string | null; email: string };
};

export type CreateTokenOptions = {
  name: string;
  kind: ApiTokenKind;
  scopes: ScopeName[];
  /** Days until it expires; null: never (service tokens only). */
  expiresInDays: number | null;
};

const SUMMARY = {
  id: true,
  name: true,
  kind: true,
  prefix: true,
  scopes: true,
  expiresAt: true,
  lastUsedAt: true,
  revokedAt: true,
  createdAt: true,
  user: { select: { id: true, name: true, email: true } },
} as const;

type SummaryRow = {
  id: string;
  name: string;
  kind: ApiTokenKind;
  prefix: string;
  scopes: ApiScope[];
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
  user: { id: string; name: string | null; email: string };
};

const toSummary = ({ user, scopes, ...rest }: SummaryRow): TokenSummary => ({
  ...rest,
  scopes: scopes.map(scopeName),
  owner: user,
});

/** Scopes only an administrator's token may carry. */
const ADMIN_ONLY: ScopeName[] = ["admin", "taxonomy:write"];

/**
 * Makes a token and returns it once, in clear: only its SHA-256 is stored. Personal tokens are anyone's; service tokens
 * (for scripts and the identity provider) only an active administrator makes, and only an administrator's token may
 * carry `admin` or `taxonomy:write`. The owner's rights are re-read inside the transaction.
 */
export async function createApiToken(
  actor: Actor,
  options: CreateTokenOptions,
  now = new Date(),
): Promise<{ token: string; summary: TokenSummary }> {
  const { name, kind, scopes, expiresInDays } = options;
  if (expiresInDays === null && kind !== ApiTokenKind.service)
    throw new DataError("Personal tokens must expire.", { expiresInDays: ["Expiry: personal tokens must expire."] });
  if (kind === ApiTokenKind.service && !actor.isAdmin) throw new NotFoundError();
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const owner = await tx.user.findUnique({
      where: { id: actor.id },
      select: { isAdmin: true, deactivatedAt: true, emailVerified: true },
    });
    if (!owner || owner.deactivatedAt) throw new NotFoundError();
    if (kind === ApiTokenKind.service) await lockAsActiveAdmin(tx, actor);
    if (!owner.emailVerified)
      throw new DataError("Confirm your email address before making API tokens.", {
        _form: ["Confirm your email address before making API tokens."],
      });
    const forbidden = scopes.filter((s) => ADMIN_ONLY.includes(s));
    if (forbidden.length && !owner.isAdmin) {
      const message = `Only administrators' tokens may have the scope ${forbidden.join(" or ")}.`;
      throw new DataError(message, { scopes: [message] });
    }
    // Serialise one person's creations, so two parallel requests cannot both take the last free place.
    await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`api-token:${actor.id}`}, 0))::text AS locked`;
    const active = await tx.apiToken.count({
      where: { userId: actor.id, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
    });
    if (active >= MAX_ACTIVE_TOKENS) {
      const message = `You already have ${MAX_ACTIVE_TOKENS} active tokens; revoke one first.`;
      throw new DataError(message, { _form: [message] });
    }
    const secret = randomBytes(32).toString("base64url");
    const token = `sg${kind === ApiTokenKind.service ? "s" : "p"}_${secret}`;
    const row = await tx.apiToken.create({
      data: {
        userId: actor.id,
        kind,
        name,
        prefix: token.slice(0, 10),
        tokenHash: hashToken(token),
        scopes: [...new Set(scopes)].map(scopeEnum),
        expiresAt: expiresInDays === null ? null : new Date(now.getTime() + expiresInDays * 86_400_000),
      },
      select: SUMMARY,
    });
    await audit(tx, actor.id, "api_token.created", row.id, { kind, scopes, expiresInDays });
    return { token, summary: toSummary(row) };
  });
}

/** The actor's own tokens, newest first; with `kind: "service"`, every service token (administrators only). */
export async function listApiTokens(actor: Actor, kind: ApiTokenKind = ApiTokenKind.personal): Promise<TokenSummary[]> {
  if (kind === ApiTokenKind.service && !actor.isAdmin) throw new NotFoundError();
  const prisma = await db();
  const rows = await prisma.apiToken.findMany({
    where: kind === ApiTokenKind.service ? { kind } : { kind, userId: actor.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: SUMMARY,
    take: 200,
  });
  return rows.map(toSummary);
}

/**
 * Revokes a token at once (its next request is refused). The owner revokes their own; an administrator also revokes
 * service tokens and anyone's personal token (offboarding). Any other token answers not found.
 */
export async function revokeApiToken(actor: Actor, tokenId: string, now = new Date()): Promise<void> {
  assertLookupId(tokenId);
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    const row = await tx.apiToken.findFirst({
      where: actor.isAdmin ? { id: tokenId } : { id: tokenId, userId: actor.id },
      select: { id: true, userId: true, revokedAt: true },
    });
    if (!row) throw new NotFoundError();
    if (row.userId !== actor.id) await lockAsActiveAdmin(tx, actor);
    if (row.revokedAt) return;
    await tx.apiToken.update({ where: { id: row.id }, data: { revokedAt: now } });
    await audit(tx, actor.id, "api_token.revoked", row.id, { owner: row.userId });
  });
}

/** Who a request's token acts for: its owner, never more. `isAdmin` needs both the owner's flag and the `admin` scope. */
export type TokenActor = Actor & {
  name: string | null;
  email: string;
  verified: boolean;
  tokenId: string;
  kind: ApiTokenKind;
  scopes: ScopeName[];
};

export type TokenCheck =
  { ok: true; actor: TokenActor } | { ok: false; status: 401 | 403 | 429; reason: string; retryAfterSeconds?: number };

const TOKEN_SHAPE = /^sg[ps]_[A-Za-z0-9_-]{43}$/;

/** Requests each token may make per minute (API_RATE_LIMIT_PER_MINUTE). */
export function apiRateLimitPerMinute(): number {
  return env().API_RATE_LIMIT_PER_MINUTE;
}

/**
 * Checks a bearer token for one request: it must exist, be unrevoked and unexpired, belong to an active account, carry
 * `scope`, and have a slot left in its per-minute limit. The owner is re-read each time, so a deactivation, a demotion
 * or a revocation applies to the very next request. `lastUsedAt` is written at most once a minute.
 */
export async function checkApiToken(
  raw: string | null,
  scope: ScopeName | null,
  now = new Date(),
): Promise<TokenCheck> {
  if (!raw || !TOKEN_SHAPE.test(raw)) return { ok: false, status: 401, reason: "Send a valid API token." };
  const prisma = await db();
  const row = await prisma.apiToken.findUnique({
    where: { tokenHash: hashToken(raw) },
    select: {
      id: true,
      kind: true,
      scopes: true,
      expiresAt: true,
      revokedAt: true,
      lastUsedAt: true,
      user: { select: { id: true, isAdmin: true, name: true, email: true, emailVerified: true, deactivatedAt: true } },
    },
  });
  if (!row || row.revokedAt || row.user.deactivatedAt)
    return { ok: false, status: 401, reason: "This token is not valid (revoked, or never issued)." };
  if (row.expiresAt && row.expiresAt <= now) return { ok: false, status: 401, reason: "This token has expired." };
  const scopes = row.scopes.map(scopeName);
  if (scope && !scopes.includes(scope))
    return { ok: false, status: 403, reason: `This token lacks the scope ${scope}.` };
  // Admin scopes are only as good as the owner: a demoted owner's service token loses them.
  if ((scope === "admin" || scope === "taxonomy:write") && !row.user.isAdmin)
    return { ok: false, status: 403, reason: "This token's owner is no longer an administrator." };
  const limit = await takeSlots(
    [{ bucket: `api:token:${row.id}`, max: apiRateLimitPerMinute(), windowMs: MINUTE }],
    now,
  );
  if (!limit.allowed)
    return {
      ok: false,
      status: 429,
      reason: `Too many requests with this token; try again in ${limit.retryMinutes} minute${limit.retryMinutes === 1 ? "" : "s"}.`,
      retryAfterSeconds: limit.retryMinutes * 60,
    };
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > MINUTE) {
    await prisma.apiToken.updateMany({
      where: { id: row.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now.getTime() - MINUTE) } }] },
      data: { lastUsedAt: now },
    });
  }
  const u = row.user;
  return {
    ok: true,
    actor: {
      id: u.id,
      isAdmin: u.isAdmin && scopes.includes("admin"),
      name: u.name,
      email: u.email,
      verified: Boolean(u.emailVerified),
      tokenId: row.id,
      kind: row.kind,
      scopes,
    },
  };
}

/** The token in an `Authorization: Bearer …` header, or null. */
export function bearerToken(req: Request): string | null {
  const header = req.headers.get("authorization") ?? "";
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m ? m[1]! : null;
}

function scopeEnum(name: ScopeName): ApiScope {
  return name.replace(":", "_") as ApiScope;
}

async function audit(tx: Tx, actorId: string, action: string, subjectId: string, data: Record<string, unknown>) {
  await tx.auditLog.create({ data: { actorId, action, subjectId, data: data as object } });
}

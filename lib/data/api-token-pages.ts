import "server-only";
import { listApiTokens, type TokenSummary } from "./api-tokens";
import { NotFoundError } from "./errors";
import type { Actor } from "./policy";
import { db } from "./db";
import { SCOPE_NAMES, type ScopeName } from "@/lib/domain/api-scopes";
import { ApiTokenKind } from "@/lib/generated/prisma/enums";

export type TokenPage = {
  tokens: (Omit<TokenSummary, "createdAt" | "expiresAt" | "lastUsedAt" | "revokedAt" | "owner"> & {
    createdAt: string;
    expiresAt: string | null;
    lastUsedAt: string | null;
    revokedAt: string | null;
    owner: string;
  })[];
  /** The scopes this person may put on a token of this kind. */
  scopes: ScopeName[];
};

/** The token page's data: the tokens of this kind the actor may see, and the scopes they may choose. */
export async function getTokenPage(actor: Actor, kind: ApiTokenKind): Promise<TokenPage> {
  if (kind === ApiTokenKind.service && !actor.isAdmin) throw new NotFoundError();
  const prisma = await db();
  const [tokens, me] = await Promise.all([
    listApiTokens(actor, kind),
    prisma.user.findUnique({ where: { id: actor.id }, select: { isAdmin: true } }),
  ]);
  const adminScopes = Boolean(me?.isAdmin);
  return {
    tokens: tokens.map((t) => ({
      ...t,
      createdAt: t.createdAt.toISOString(),
      expiresAt: t.expiresAt?.toISOString() ?? null,
      lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
      revokedAt: t.revokedAt?.toISOString() ?? null,
      owner: t.owner.name ?? t.owner.email,
    })),
    scopes: SCOPE_NAMES.filter((s) => adminScopes || (s !== "admin" && s !== "taxonomy:write")),
  };
}

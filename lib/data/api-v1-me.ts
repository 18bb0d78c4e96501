import "server-only";
import { db } from "./db";
import { NotFoundError } from "./errors";
import { STALE_MONTHS } from "./ratings";
import type { TokenActor } from "./api-tokens";
import { olderThan, page, type Key, type PageOptions } from "./api-v1-page";
import type { Actor } from "@/lib/data/policy";
import { isStale } from "@/lib/domain/history";
import { scopeName } from "@/lib/domain/api-scopes";

/** The token behind the request: its name, kind, scopes and expiry (the owner's own token only). */
export async function getTokenInfo(actor: TokenActor) {
  const prisma = await db();
  const token = await prisma.apiToken.findFirst({
    where: { id: actor.tokenId, userId: actor.id },
    select: { id: true, name: true, kind: true, scopes: true, expiresAt: true, createdAt: true },
  });
  if (!token) throw new NotFoundError();
  return { ...token, scopes: token.scopes.map(scopeName) };
}

/** The actor's current ratings of active skills, by skill id. */
export async function listMyRatings(actor: Actor, { limit, cursor }: PageOptions<Key<"myRatings">>, now = new Date()) {
  const prisma = await db();
  const rows = await prisma.currentRating.findMany({
    where: { userId: actor.id, skill: { retired: false }, ...(cursor ? { skillId: { gt: cursor[0] } } : {}) },
    orderBy: { skillId: "asc" },
    take: limit + 1,
    select: {
      skillId: true,
      level: true,
      note: true,
      evidenceUrl: true,
      certificationId: true,
      wantsToGrow: true,
      source: true,
      updatedAt: true,
    },
  });
  return page(
    "myRatings",
    rows,
    limit,
    (r) => [r.skillId],
    (r) => ({ ...r, stale: isStale(r.updatedAt, now, STALE_MONTHS) }),
  );
}

/** The actor's rating history of one skill, newest first. An unknown skill is not found. */
export async function listRatingHistory(actor: Actor, skillId: string, { limit, cursor }: PageOptions<Key<"history">>) {
  const prisma = await db();
  const [skill, rows] = await Promise.all([
    prisma.skill.findUnique({ where: { id: skillId }, select: { id: true } }),
    prisma.rating.findMany({
      where: { userId: actor.id, skillId, ...olderThan(cursor) },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: limit + 1,
      select: {
        id: true,
        level: true,
        source: true,
        note: true,
        evidenceUrl: true,
        wantsToGrow: true,
        createdAt: true,
      },
    }),
  ]);
  if (!skill) throw new NotFoundError();
  return page(
    "history",
    rows,
    limit,
    (r) => [r.createdAt, r.id],
    ({ id: _id, ...r }) => r,
  );
}

import "server-only";
import { db } from "./db";
import { NotFoundError, DataError } from "./errors";
import { applyTaxonomy, type ApplyResult } from "./taxonomy-sync";
import { canAdminister, type Actor } from "@/lib/data/policy";
import { unstorablePaths } from "@/lib/domain/storable-text";
import { formatTaxonomyErrors, parseTaxonomyDocument } from "@/lib/taxonomy/load";

function assertAdmin(actor: Actor) {
  if (!canAdminister(actor)) throw new NotFoundError();
}

/** Admin overview: counts, the taxonomy version history and the user list. */
export async function getAdminOverview(actor: Actor) {
  assertAdmin(actor);
  const prisma = await db();
  const [users, versions, teams, outbox] = await Promise.all([
    prisma.user.findMany({
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        email: true,
        name: true,
        isAdmin: true,
        createdAt: true,
        emailVerified: true,
        deactivatedAt: true,
      },
      take: 500,
    }),
    prisma.taxonomyVersion.findMany({ orderBy: { id: "desc" }, take: 10 }),
    prisma.team.count(),
    prisma.outboxMessage.groupBy({ by: ["status"], _count: { _all: true } }),
  ]);
  return {
    users,
    versions,
    teams,
    outbox: Object.fromEntries(outbox.map((o) => [o.status, o._count._all])) as Partial<
      Record<"pending" | "sent" | "failed", number>
    >,
  };
}

/** Validates a taxonomy document and applies it whole, or changes nothing and lists every problem. */
export async function importTaxonomy(actor: Actor, fileName: string, text: string): Promise<ApplyResult> {
  assertAdmin(actor);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new DataError(`${fileName} is not valid JSON: ${e instanceof Error ? e.message : "parse error"}`, {
      file: ["The file is not valid JSON."],
    });
  }
  const bad = unstorablePaths(json)[0];
  const unstorable = bad && ["$", ...bad].join(".");
  if (unstorable)
    throw new DataError(`${fileName}: ${unstorable} contains a NUL or broken unicode character; nothing was changed.`, {
      file: [`${unstorable} contains a NUL or broken unicode character.`],
    });
  const result = parseTaxonomyDocument(json, fileName);
  if (!result.ok) {
    throw new DataError(
      `${result.errors.length} problem${result.errors.length === 1 ? "" : "s"} found; nothing was changed.`,
      {
        file: formatTaxonomyErrors(result.errors).split("\n"),
      },
    );
  }
  return applyTaxonomy(await db(), result.taxonomy, actor.id);
}

import "server-only";
import { db } from "./db";
import type { Db } from "./open";
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
    versions: await withAppliedByNames(prisma, versions),
    teams,
    outbox: Object.fromEntries(outbox.map((o) => [o.status, o._count._all])) as Partial<
      Record<"pending" | "sent" | "failed", number>
    >,
  };
}

type VersionRow = { id: number; version: string; appliedAt: Date; appliedBy: string | null };

/**
 * Each version row with who applied it, as a person reads it: the user's name (or email), "deleted user" when the
 * account is gone, or the setup step that applied it (seed, the import script). One query for all rows.
 */
async function withAppliedByNames(prisma: Db, versions: VersionRow[]) {
  const ids = [...new Set(versions.map((v) => v.appliedBy).filter((by): by is string => by !== null))];
  const people = await prisma.user.findMany({
    where: { id: { in: ids } },
    select: { id: true, name: true, email: true },
  });
  const person = new Map(people.map((p) => [p.id, p.name?.trim() || p.email]));
  return versions.map(({ id, version, appliedAt, appliedBy }) => ({
    id,
    version,
    appliedAt,
    appliedBy: appliedByLabel(appliedBy, person),
  }));
}

/** "Ada Lovelace", "setup (seed)", "import script (file.json)", "deleted user"; a dash when nobody was recorded. */
function appliedByLabel(appliedBy: string | null, person: Map<string, string>): string {
  if (appliedBy === null) return "—";
  const name = person.get(appliedBy);
  if (name) return name;
  if (appliedBy === "seed" || appliedBy.startsWith("seed:")) return "setup (seed)";
  if (appliedBy.startsWith("import:")) return `import script (${appliedBy.slice("import:".length)})`;
  return "deleted user";
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

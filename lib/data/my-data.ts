import "server-only";
import Papa from "papaparse";
import { db } from "./db";
import { DataError, NotFoundError } from "./errors";
import { appendRatings, type RatingInput } from "./rating-store";
import { getTaxonomy } from "./taxonomy";
import { ratingEntrySchema } from "./ratings";
import type { Actor } from "@/lib/data/policy";
import { reviewStateLabel, visibleLine } from "@/lib/domain/review";
import {
  checkCsvRows,
  csvDelimiter,
  FORMULA_START,
  SKILL_COLUMNS,
  stripBom,
  type CsvProblem,
  type CsvRow,
} from "@/lib/domain/csv";

export const CSV_COLUMNS = [
  "skill_id",
  "skill_name",
  "category",
  "level",
  "wants_to_grow",
  "evidence_url",
  "note",
  "updated_at",
] as const;

/** Everything stored about the actor, as one JSON-ready object. */
export async function exportMyData(actor: Actor) {
  const prisma = await db();
  const user = await prisma.user.findUnique({
    where: { id: actor.id },
    select: {
      id: true,
      email: true,
      name: true,
      createdAt: true,
      currentRoleId: true,
      targetRoleId: true,
      isAdmin: true,
      findableBy: true,
      currentRatings: {
        orderBy: { skillId: "asc" },
        select: {
          skillId: true,
          level: true,
          note: true,
          evidenceUrl: true,
          wantsToGrow: true,
          certificationId: true,
          source: true,
          updatedAt: true,
        },
      },
      ratings: {
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: {
          skillId: true,
          level: true,
          note: true,
          evidenceUrl: true,
          wantsToGrow: true,
          source: true,
          createdAt: true,
          reviewId: true,
          certificationId: true,
        },
      },
      goals: {
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          skillId: true,
          targetLevel: true,
          dueDate: true,
          note: true,
          status: true,
          createdAt: true,
          updatedAt: true,
        },
      },
      memberships: { select: { role: true, createdAt: true, team: { select: { id: true, name: true } } } },
      certifications: {
        orderBy: { issuedOn: "asc" },
        select: {
          id: true,
          certificationId: true,
          name: true,
          credentialId: true,
          credentialUrl: true,
          issuedOn: true,
          expiresOn: true,
          createdAt: true,
        },
      },
      // Endorsements of my ratings (who vouched, including hidden ones) and the ones I gave.
      endorsementsReceived: {
        orderBy: { createdAt: "asc" },
        select: {
          skillId: true,
          level: true,
          comment: true,
          hidden: true,
          createdAt: true,
          endorser: { select: { name: true } },
        },
      },
      endorsementsGiven: {
        orderBy: { createdAt: "asc" },
        select: { skillId: true, level: true, comment: true, createdAt: true, user: { select: { name: true } } },
      },
      reviewsAsSubject: {
        select: {
          id: true,
          period: true,
          state: true,
          dueDate: true,
          summary: true,
          completedAt: true,
          acknowledgedAt: true,
          ackComment: true,
          skills: { select: { skillId: true, selfLevel: true, managerLevel: true, agreedLevel: true } },
        },
      },
    },
  });
  if (!user) throw new NotFoundError();
  const {
    currentRatings,
    ratings,
    reviewsAsSubject,
    certifications,
    endorsementsReceived,
    endorsementsGiven,
    ...profile
  } = user;
  // Exactly what the subject's review page shows: the manager's and agreed levels only after the reveal.
  // The state as stored and shown ("self-assessment"), not the client's enum key.
  const reviews = reviewsAsSubject.map((r) => ({
    ...r,
    state: reviewStateLabel(r.state),
    skills: r.skills.map((l) => visibleLine(l, r.state, "subject")),
  }));
  return {
    format: "skillgap-personal-export",
    version: 1,
    exportedAt: new Date().toISOString(),
    profile,
    currentRatings,
    history: ratings,
    reviews,
    certifications,
    endorsements: {
      received: endorsementsReceived.map(({ endorser, ...e }) => ({ ...e, by: endorser.name })),
      given: endorsementsGiven.map(({ user: person, ...e }) => ({ ...e, for: person.name })),
    },
  };
}

/** The actor's current ratings as CSV (header row, one row per rated skill). Re-importable. */
export async function exportMyRatingsCsv(actor: Actor): Promise<string> {
  const prisma = await db();
  const [taxonomy, rows] = await Promise.all([
    getTaxonomy(),
    prisma.currentRating.findMany({ where: { userId: actor.id }, orderBy: { skillId: "asc" } }),
  ]);
  const skill = new Map(taxonomy.skills.map((s) => [s.id, s]));
  const category = new Map(taxonomy.categories.map((c) => [c.id, c.name]));
  // Cells that a spreadsheet could run as formulas get a leading '. Papa's own `escapeFormulae: true` pattern ends in
  // `.*$`, which a newline inside the cell defeats, hence the shared pattern.
  return Papa.unparse(
    {
      fields: [...CSV_COLUMNS],
      data: rows.map((r) => [
        r.skillId,
        skill.get(r.skillId)?.name ?? "",
        category.get(skill.get(r.skillId)?.category ?? "") ?? "",
        r.level,
        r.wantsToGrow ? "yes" : "no",
        r.evidenceUrl ?? "",
        r.note ?? "",
        r.updatedAt.toISOString(),
      ]),
    },
    { escapeFormulae: FORMULA_START },
  );
}

export type ImportResult = { rows: number; changed: number };

// Column names as the file spells them, made comparable: "Skill ID" and "skill-id" both read as skill_id.
const columnKey = (h: string) =>
  h
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
const ENTRY_COLUMN: Record<string, string> = {
  level: "level",
  note: "note",
  evidenceUrl: "evidence_url",
  wantsToGrow: "wants_to_grow",
};

/**
 * Imports ratings from CSV (columns: skill_id or skill_name, level; optional note, evidence_url, wants_to_grow),
 * separated by "," or ";", with or without a byte-order mark (as Excel saves it). Every row is checked; each problem
 * names the row as a spreadsheet numbers it (the header is row 1) and the column. All rows apply in one transaction,
 * or none. Rows equal to the current rating add no history, so re-importing a file is a no-op.
 */
export async function importMyRatingsCsv(actor: Actor, csv: string): Promise<ImportResult> {
  const text = stripBom(csv);
  const parsed = Papa.parse<CsvRow>(text, {
    header: true,
    delimiter: csvDelimiter(text),
    skipEmptyLines: "greedy",
    transformHeader: columnKey,
  });
  const headers = parsed.meta.fields ?? [];
  if (!headers.includes("level") || !SKILL_COLUMNS.some((c) => headers.includes(c))) {
    const missing = [
      ...(SKILL_COLUMNS.some((c) => headers.includes(c)) ? [] : ["skill_id (or skill_name)"]),
      ...(headers.includes("level") ? [] : ["level"]),
    ];
    throw new DataError(
      `The first row must name the columns; it has no ${missing.join(" or ")} column. Columns separated by "," or ";" both work.`,
      { file: [`Missing column: ${missing.join(", ")}.`] },
    );
  }
  if (parsed.data.length === 0) throw new DataError("The CSV has no data rows.", { file: ["No data rows."] });
  if (parsed.data.length > 5000) throw new DataError("The CSV has more than 5,000 rows.", { file: ["Too many rows."] });
  // A short row leaves its last cells undefined, which the row check reports as empty; other parse problems are told.
  const problems: CsvProblem[] = parsed.errors
    .filter((e) => e.code !== "TooFewFields")
    .map((e) => {
      const row = (e.row ?? 0) + 2;
      return {
        row,
        message:
          e.code === "TooManyFields"
            ? `Row ${row}: more cells than the first row has columns. Put a cell that contains the separator in quotes.`
            : `Row ${row}: ${e.message}`,
      };
    });
  const taxonomy = await getTaxonomy();
  const checked = checkCsvRows(parsed.data, taxonomy.skills);
  problems.push(...checked.problems);
  const entries: RatingInput[] = [];
  for (const { row, skillId, cells } of checked.ratings) {
    const result = ratingEntrySchema.safeParse({
      skillId,
      level: cells.level?.trim(),
      note: cells.note,
      evidenceUrl: cells.evidence_url,
      wantsToGrow: (cells.wants_to_grow ?? "").trim().toLowerCase(),
    });
    if (result.success) entries.push(result.data);
    else
      for (const issue of result.error.issues) {
        const column = ENTRY_COLUMN[String(issue.path[0])] ?? String(issue.path[0]);
        problems.push({ row, message: `Row ${row}, column "${column}": ${issue.message}` });
      }
  }
  if (problems.length) {
    problems.sort((a, b) => a.row - b.row);
    throw new DataError(
      `${problems.length} problem${problems.length === 1 ? "" : "s"} in the file; nothing was imported.`,
      { rows: problems.map((p) => p.message) },
    );
  }
  const prisma = await db();
  const changed = await prisma.$transaction((tx) => appendRatings(tx, actor.id, entries, { source: "import" }));
  return { rows: entries.length, changed };
}

import "server-only";
import Papa from "papaparse";
import { db } from "./db";
import { DataError, NotFoundError } from "./errors";
import { appendRatings, type RatingInput } from "./rating-store";
import { getTaxonomy } from "./taxonomy";
import { ratingEntrySchema } from "./ratings";
import type { Actor } from "@/lib/data/policy";
import { reviewStateLabel, visibleLine } from "@/lib/domain/review";
import { FORMULA_START } from "@/lib/domain/csv";

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
      currentRatings: {
        orderBy: { skillId: "asc" },
        select: {
          skillId: true,
          level: true,
          note: true,
          evidenceUrl: true,
          wantsToGrow: true,
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
  const { currentRatings, ratings, reviewsAsSubject, ...profile } = user;
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

export type ImportRowError = { row: number; field: string; message: string };
export type ImportResult = { rows: number; changed: number };

/**
 * Imports ratings from CSV (columns: skill_id or skill_name, level; optional note, evidence_url, wants_to_grow).
 * Every row is validated; errors carry the row's line number in the file (the header is line 1). All rows apply in
 * one transaction, or none. Rows equal to the current rating add no history, so re-importing a file is a no-op.
 */
export async function importMyRatingsCsv(actor: Actor, csv: string): Promise<ImportResult> {
  const parsed = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ""), {
    header: true,
    skipEmptyLines: "greedy",
    transformHeader: (h) => h.trim().toLowerCase(),
  });
  const errors: ImportRowError[] = parsed.errors.map((e) => ({
    row: (e.row ?? 0) + 2,
    field: "file",
    message: e.message,
  }));
  const headers = parsed.meta.fields ?? [];
  if (
    !headers.includes("level") ||
    (!headers.includes("skill_id") && !headers.includes("skill_name") && !headers.includes("skill"))
  ) {
    throw new DataError("The CSV needs a header row with a level column and a skill_id (or skill_name) column.", {
      file: ["Missing skill_id/skill_name or level column."],
    });
  }
  if (parsed.data.length === 0) throw new DataError("The CSV has no data rows.", { file: ["No data rows."] });
  if (parsed.data.length > 5000) throw new DataError("The CSV has more than 5,000 rows.", { file: ["Too many rows."] });
  const taxonomy = await getTaxonomy();
  const byId = new Map(taxonomy.skills.map((s) => [s.id, s.id]));
  // Names and aliases first; a tool name (e.g. "Kubernetes") also works when exactly one skill lists it.
  const toolOwners = new Map<string, Set<string>>();
  for (const s of taxonomy.skills)
    for (const t of s.tools) toolOwners.set(t.toLowerCase(), (toolOwners.get(t.toLowerCase()) ?? new Set()).add(s.id));
  const byName = new Map<string, string>(
    [...toolOwners].filter(([, ids]) => ids.size === 1).map(([t, ids]) => [t, [...ids][0]!]),
  );
  for (const s of taxonomy.skills) for (const n of [s.name, ...s.aliases]) byName.set(n.toLowerCase(), s.id);
  const entries: RatingInput[] = [];
  const seen = new Map<string, number>();
  parsed.data.forEach((raw, i) => {
    const row = i + 2;
    const ref = (raw.skill_id ?? raw.skill ?? "").trim();
    const name = (raw.skill_name ?? "").trim();
    const skillId = byId.get(ref) ?? byName.get(ref.toLowerCase()) ?? byName.get(name.toLowerCase());
    if (!skillId) {
      errors.push({ row, field: "skill_id", message: `unknown skill "${ref || name}"` });
      return;
    }
    if (seen.has(skillId)) {
      errors.push({
        row,
        field: "skill_id",
        message: `skill "${skillId}" already appears on row ${seen.get(skillId)}`,
      });
      return;
    }
    seen.set(skillId, row);
    const result = ratingEntrySchema.safeParse({
      skillId,
      level: (raw.level ?? "").trim() === "" ? undefined : raw.level.trim(),
      note: raw.note,
      evidenceUrl: raw.evidence_url,
      wantsToGrow: (raw.wants_to_grow ?? "").trim().toLowerCase(),
    });
    if (!result.success) {
      for (const issue of result.error.issues) {
        const field =
          { level: "level", note: "note", evidenceUrl: "evidence_url", wantsToGrow: "wants_to_grow" }[
            String(issue.path[0])
          ] ?? String(issue.path[0]);
        errors.push({
          row,
          field,
          message: field === "level" && (raw.level ?? "").trim() === "" ? "Level is missing." : issue.message,
        });
      }
      return;
    }
    entries.push(result.data);
  });
  if (errors.length) {
    errors.sort((a, b) => a.row - b.row);
    throw new DataError(
      `${errors.length} problem${errors.length === 1 ? "" : "s"} in the file; nothing was imported.`,
      {
        rows: errors.map((e) => `Row ${e.row}, ${e.field}: ${e.message}`),
      },
    );
  }
  const prisma = await db();
  const changed = await prisma.$transaction((tx) => appendRatings(tx, actor.id, entries, { source: "import" }));
  return { rows: entries.length, changed };
}

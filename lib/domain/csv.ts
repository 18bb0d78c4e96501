/**
 * CSV cells that are safe to open in a spreadsheet. A cell starting with =, +, -, @, tab or carriage return can be run
 * as a formula (CSV injection); every export passes this pattern to `Papa.unparse({ escapeFormulae })`, which gives such
 * a cell a leading apostrophe (shown as plain text) and quotes it.
 */

/**
 * Starts of a cell a spreadsheet may treat as a formula. No `.*$` (as in Papa's own `escapeFormulae: true` pattern): a
 * newline later in the cell must not defeat it.
 */
export const FORMULA_START = /^[=+\-@\t\r]/;

/** The text without a leading UTF-8 byte-order mark (Excel writes one when it saves "CSV UTF-8"). */
export const stripBom = (text: string) => text.replace(/^\uFEFF/, "");

/**
 * The separator a CSV file uses: ";" (Excel in locales whose decimal mark is a comma) or ",". Decided by the header
 * line: whichever of the two appears more often outside quotes; "," when neither does.
 */
export function csvDelimiter(text: string): ";" | "," {
  const header =
    stripBom(text)
      .split(/\r?\n/)
      .find((l) => l.trim() !== "") ?? "";
  let quoted = false;
  let semicolons = 0;
  let commas = 0;
  for (const ch of header) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === ";") semicolons++;
    else if (!quoted && ch === ",") commas++;
  }
  return semicolons > commas ? ";" : ",";
}

/**
 * Edit distance between two strings counting insertions, deletions, substitutions and swaps of two neighbouring
 * characters as one edit each (optimal string alignment, the "Damerau–Levenshtein" people usually mean). Range 0…max
 * length; case-sensitive (callers lower-case).
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  // Three rows: the one before last (for swaps), the last one and the current one.
  let before: number[] = [];
  let last = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(last[j]! + 1, row[j - 1]! + 1, last[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      row.push(d);
    }
    before = last;
    last = row;
  }
  return last[b.length]!;
}

/** A name a skill can be found by (its id, name, an alias or a tool), and the skill's name as people see it. */
export type SkillName = { id: string; name: string; aliases: readonly string[]; tools: readonly string[] };

/**
 * The skill whose id, name, alias or tool is nearest to `typed` (a typo, a wrong case, a missing letter), or null when
 * nothing is close: at most one edit per three characters typed (and at least one). Ties go to the skill's own name or
 * id, then to the first skill listed.
 */
export function nearestSkill(typed: string, skills: readonly SkillName[]): SkillName | null {
  const q = typed.trim().toLowerCase();
  if (!q) return null;
  const limit = Math.max(1, Math.floor(q.length / 3));
  let best: { skill: SkillName; rank: number } | null = null;
  for (const skill of skills) {
    const own = Math.min(...[skill.id, skill.name].map((n) => editDistance(q, n.toLowerCase())));
    const other = Math.min(
      Infinity,
      ...[...skill.aliases, ...skill.tools].map((n) => editDistance(q, n.toLowerCase())),
    );
    const d = Math.min(own, other);
    const rank = d * 2 + (own <= other ? 0 : 1);
    if (d <= limit && (!best || rank < best.rank)) best = { skill, rank };
  }
  return best?.skill ?? null;
}

/** One data row of a ratings CSV, as cells by (lower-cased) column name; a missing cell is undefined. */
export type CsvRow = Record<string, string | undefined>;
/** A row that names a known skill and has every cell it needs, with its line number in the file (header = 1). */
export type CsvRating = { row: number; skillId: string; cells: CsvRow };
export type CsvProblem = { row: number; message: string };

/** Columns that name the skill, in the order they are read. */
export const SKILL_COLUMNS = ["skill_id", "skill", "skill_name"] as const;

/**
 * Checks the rows of a ratings CSV for what a person must fix before anything is stored: an empty skill or level cell
 * (named by row and column), a skill nobody has (with the nearest skill's name when there is one) and a skill listed
 * twice. Rows are numbered as a spreadsheet shows them: the header is row 1. Level, note and link values themselves
 * are checked by the caller's schema.
 */
export function checkCsvRows(rows: readonly CsvRow[], skills: readonly SkillName[]) {
  const byId = new Map(skills.map((s) => [s.id, s]));
  // Names and aliases first; a tool name (e.g. "Kubernetes") also works when exactly one skill lists it.
  const toolOwners = new Map<string, Set<string>>();
  for (const s of skills)
    for (const t of s.tools) toolOwners.set(t.toLowerCase(), (toolOwners.get(t.toLowerCase()) ?? new Set()).add(s.id));
  const byName = new Map<string, string>(
    [...toolOwners].filter(([, ids]) => ids.size === 1).map(([t, ids]) => [t, [...ids][0]!]),
  );
  for (const s of skills) for (const n of [s.name, ...s.aliases]) byName.set(n.toLowerCase(), s.id);
  const lookUp = (v: string) => byId.get(v)?.id ?? byName.get(v.toLowerCase());

  const ratings: CsvRating[] = [];
  const problems: CsvProblem[] = [];
  const seen = new Map<string, number>();
  rows.forEach((cells, i) => {
    const row = i + 2;
    const given = SKILL_COLUMNS.filter((c) => c in cells);
    const refs = given.map((c) => (cells[c] ?? "").trim()).filter(Boolean);
    const empty: string[] = [];
    if (refs.length === 0) empty.push(given[0] ?? "skill_id");
    if ((cells.level ?? "").trim() === "") empty.push("level");
    if (empty.length) {
      for (const column of empty) problems.push({ row, message: `Row ${row}, column "${column}": empty` });
      return;
    }
    const skillId = refs.map(lookUp).find(Boolean);
    if (!skillId) {
      const near = nearestSkill(refs[0]!, skills);
      problems.push({
        row,
        message: `Row ${row}: no skill called "${refs[0]}".${near ? ` Did you mean "${near.name}"?` : ""}`,
      });
      return;
    }
    const first = seen.get(skillId);
    if (first !== undefined) {
      problems.push({ row, message: `Row ${row}: "${byId.get(skillId)?.name}" is already on row ${first}.` });
      return;
    }
    seen.set(skillId, row);
    ratings.push({ row, skillId, cells });
  });
  return { ratings, problems };
}

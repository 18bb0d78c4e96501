/**
 * `npm run taxonomy:import -- FILE`: validates a taxonomy document (the export format) and applies all of it in one
 * transaction, or nothing. Every error is listed with its path.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { formatTaxonomyErrors, parseTaxonomyDocument } from "../lib/taxonomy/load";
import { applyTaxonomy } from "../lib/data/taxonomy-sync";
import { fail, runCli, withCliDb } from "./cli-db";

runCli(async () => {
  const file = process.argv.slice(2).find((a) => !a.startsWith("--"));
  if (!file) fail("Usage: npm run taxonomy:import -- path/to/taxonomy.json");
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    fail(`${file}: cannot read it as JSON (${e instanceof Error ? e.message : String(e)}). Nothing was changed.`);
  }
  const result = parseTaxonomyDocument(json, path.basename(file));
  if (!result.ok) {
    console.error(
      `${file}: ${result.errors.length} problem${result.errors.length === 1 ? "" : "s"}; nothing was changed.`,
    );
    console.error(formatTaxonomyErrors(result.errors));
    process.exit(1);
  }
  const applied = await withCliDb((prisma) => applyTaxonomy(prisma, result.taxonomy, `import:${path.basename(file)}`));
  console.log(
    applied.changed
      ? `Applied taxonomy ${applied.version}: ${applied.skills} skills, ${applied.roles} roles, ${applied.paths} paths` +
          (applied.retiredSkills.length || applied.retiredRoles.length
            ? `; retired ${applied.retiredSkills.length} skills and ${applied.retiredRoles.length} roles (ratings kept)`
            : "")
      : `Unchanged: version ${applied.version} is already the current taxonomy.`,
  );
});

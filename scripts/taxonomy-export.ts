/**
 * `npm run taxonomy:export [-- --files]`: prints the whole taxonomy as one JSON document on stdout.
 * By default the active taxonomy in the database (including imported custom roles); --files prints the shipped data files.
 */
import { loadTaxonomy, toExportDocument } from "../lib/taxonomy/load";
import { runCli, withCliDb } from "./cli-db";
import { readTaxonomy } from "../lib/data/taxonomy-read";

runCli(async () => {
  const taxonomy = process.argv.includes("--files")
    ? loadTaxonomy()
    : await withCliDb((prisma) => readTaxonomy(prisma));
  process.stdout.write(`${JSON.stringify(toExportDocument(taxonomy), null, 2)}\n`);
});

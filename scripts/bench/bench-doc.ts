import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { format, resolveConfig } from "prettier";

const file = path.resolve(import.meta.dirname, "..", "..", "docs", "benchmarks.md");

/**
 * Replaces (or appends) the block between <!-- key:start --> and <!-- key:end --> in docs/benchmarks.md, then formats
 * the file with Prettier so `npm run lint` stays green after a benchmark run.
 */
export async function replaceSection(key: string, heading: string, body: string) {
  const text = existsSync(file) ? readFileSync(file, "utf8") : "# Benchmarks\n";
  const start = `<!-- ${key}:start -->`;
  const end = `<!-- ${key}:end -->`;
  const block = `${start}\n${heading}\n\n${body}\n${end}`;
  const re = new RegExp(`${start}[\\s\\S]*?${end}`);
  const next = re.test(text) ? text.replace(re, block) : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, await format(next, { ...(await resolveConfig(file)), filepath: file }));
}

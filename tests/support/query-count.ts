import type { TestDb } from "./test-db";

/**
 * Runs fn and counts the SQL statements it sent (transaction BEGIN/COMMIT excluded, including the PGlite adapter's
 * '-- Implicit "COMMIT" query via underlying driver' line, which is a COMMIT).
 */
export async function countQueries<T>(
  db: TestDb,
  fn: () => Promise<T>,
): Promise<{ queries: number; result: T; log: string[] }> {
  const start = db.queries.log.length;
  const result = await fn();
  const log = db.queries.log
    .slice(start)
    .filter((q) => !/^(BEGIN|COMMIT|ROLLBACK|-- Implicit "COMMIT")/i.test(q.trim()));
  return { queries: log.length, result, log };
}

/** Opens the configured database for a one-off command, refusing a PGlite folder the app is holding. */
import { closePrisma, openPrisma, type Db } from "../lib/data/open";
import { checkPgliteFolder, acquirePgliteLock, PreflightError, readConfig } from "./preflight";

export async function withCliDb<T>(fn: (prisma: Db) => Promise<T>): Promise<T> {
  const { target } = readConfig(process.env);
  let release = () => {};
  if (target.kind === "pglite") {
    checkPgliteFolder(target.dir);
    release = acquirePgliteLock(target.dir);
  }
  const prisma = await openPrisma(target);
  try {
    return await fn(prisma);
  } finally {
    await closePrisma(prisma);
    release();
  }
}

export function fail(message: string): never {
  throw new PreflightError(message);
}

export function runCli(main: () => Promise<void>) {
  main().catch((e: unknown) => {
    console.error(e instanceof PreflightError ? e.message : `failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
}

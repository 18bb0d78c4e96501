import "server-only";
import { cache } from "react";
import { db } from "./db";
import type { Taxonomy } from "@/lib/domain/types";
import { readTaxonomy } from "./taxonomy-read";

type Cached = { versionId: number; taxonomy: Taxonomy };
const globalCache = globalThis as unknown as { skillgapTaxonomy?: Cached };

/**
 * The active taxonomy (retired skills and roles left out), as plain domain data. Public: it holds no personal data.
 * Cached per process and keyed by the latest applied version, so after an import every instance reloads it.
 * The version check runs once per request (React's cache): metadata and page share it.
 */
export const getTaxonomy = cache(async (): Promise<Taxonomy> => {
  const prisma = await db();
  const latest = await prisma.taxonomyVersion.findFirst({
    orderBy: { id: "desc" },
    select: { id: true, version: true },
  });
  const versionId = latest?.id ?? 0;
  if (globalCache.skillgapTaxonomy?.versionId === versionId) return globalCache.skillgapTaxonomy.taxonomy;
  const taxonomy = await readTaxonomy(prisma, latest?.version ?? "none");
  globalCache.skillgapTaxonomy = { versionId, taxonomy };
  return taxonomy;
});

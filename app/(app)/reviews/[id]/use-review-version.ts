"use client";
import { useEffect, useMemo, useRef } from "react";
import type { ActionResult } from "@/lib/actions/safe-action";

/**
 * The version the next write to a review must name, shared by the review's forms. Every accepted write bumps the
 * review's version by exactly one, so it is counted here at once instead of waiting for the revalidated page: a quick
 * second write (save, then complete) would otherwise send the version from before and meet a conflict. A conflict
 * carries the newest review; its version is the one to send next.
 */
export function useReviewVersion(serverVersion: number) {
  const version = useRef(serverVersion);
  useEffect(() => {
    version.current = Math.max(version.current, serverVersion);
  }, [serverVersion]);
  return useMemo(
    () => ({
      /** Wraps a versioned action: fills in `version` when it is called, and counts the answer. */
      versioned:
        <T>(action: (input: unknown) => Promise<ActionResult<T>>) =>
        async (input: unknown): Promise<ActionResult<T>> => {
          const r = await action({ ...(input as object), version: version.current });
          if (r.ok) version.current += 1;
          else if (r.status === 409) {
            const latest = (r.latest as { version?: number } | undefined)?.version;
            if (typeof latest === "number") version.current = latest;
          }
          return r;
        },
    }),
    [],
  );
}

export type ReviewVersion = ReturnType<typeof useReviewVersion>;

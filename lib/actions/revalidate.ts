import "server-only";
import { revalidatePath } from "next/cache";

/**
 * Marks pages stale after a write (`revalidatePath`). Outside a Next.js request (integration tests, scripts) there
 * is no page cache to mark, and Next's invariant error about it is not a failure of the write.
 */
export function revalidatePages(...paths: string[]): void {
  for (const p of paths) {
    try {
      revalidatePath(p);
    } catch (e) {
      if (!(e instanceof Error && e.message.includes("static generation store missing"))) throw e;
    }
  }
}

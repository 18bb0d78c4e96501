import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Session check" };

/**
 * The floor for any personal page in the load test (scripts/bench/load-test.ts): the session, the layout and one line,
 * with no data of its own.
 */
export default async function SessionCheckPage() {
  const actor = await requireActor("/account/session-check");
  return (
    <h1 className="text-2xl font-semibold" data-testid="session-check">
      Signed in as {actor.name ?? actor.email}
    </h1>
  );
}

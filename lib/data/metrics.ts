import "server-only";
import { db } from "./db";
import { metricsClient, metricsRegistry } from "@/lib/observability";

/**
 * Product gauges for the operator's dashboard: counts only, no person is named. A system read (no acting user): it
 * returns totals that reveal nothing about anyone, and it is served only on the separate metrics port.
 */
export type ProductCounts = {
  users: number;
  activeUsers: number;
  ratedSkills: number;
  openReviews: number;
  teams: number;
};

export async function productCounts(): Promise<ProductCounts> {
  const prisma = await db();
  const [users, activeUsers, ratedSkills, openReviews, teams] = await Promise.all([
    prisma.user.count(),
    prisma.user.count({ where: { deactivatedAt: null } }),
    prisma.currentRating.count(),
    prisma.review.count({ where: { state: { in: ["self_assessment", "manager_assessment", "discussion"] } } }),
    prisma.team.count(),
  ]);
  return { users, activeUsers, ratedSkills, openReviews, teams };
}

const TTL_MS = 60_000;
let cached: { at: number; counts: Promise<ProductCounts> } | null = null;

function counts(): Promise<ProductCounts> {
  if (!cached || Date.now() - cached.at > TTL_MS) {
    const p = productCounts();
    cached = { at: Date.now(), counts: p };
    p.catch(() => (cached = null));
  }
  return cached.counts;
}

const G = Symbol.for("skillgap.productMetrics");

/** Registers the gauges once per process. */
export function registerProductMetrics(): void {
  const g = globalThis as unknown as Record<symbol, boolean>;
  if (g[G]) return;
  g[G] = true;
  const client = metricsClient();
  const registry = metricsRegistry();
  const gauge = (name: string, help: string, pick: (c: ProductCounts) => number) =>
    new client.Gauge({
      name,
      help,
      registers: [registry],
      async collect() {
        this.set(pick(await counts()));
      },
    });
  gauge("skillgap_users", "Accounts, active or not.", (c) => c.users);
  gauge("skillgap_active_users", "Accounts that can sign in.", (c) => c.activeUsers);
  gauge("skillgap_rated_skills", "Distinct (person, skill) pairs with a rating.", (c) => c.ratedSkills);
  gauge("skillgap_open_reviews", "Reviews in self-assessment, manager assessment or discussion.", (c) => c.openReviews);
  gauge("skillgap_teams", "Teams.", (c) => c.teams);
}

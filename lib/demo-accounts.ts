/**
 * The demo sign-ins the embedded (PGlite) database is seeded with (prisma/seed.ts), shown on the landing page of an
 * embedded install. Plain data, so both the seed script and the app can import it.
 */
export const DEMO_PASSWORD = "skillgap-demo-2026";
export const DEMO_ACCOUNTS = [
  { email: "admin@skillgap.demo", name: "Ada Admin", role: "admin" },
  { email: "manager@skillgap.demo", name: "Morgan Manager", role: "manager" },
  { email: "alex@skillgap.demo", name: "Alex Rivera", role: "member" },
  { email: "sam@skillgap.demo", name: "Sam Okafor", role: "member" },
  { email: "jo@skillgap.demo", name: "Jo Lindqvist", role: "member" },
] as const;

import { performance } from "node:perf_hooks";
import { seededOrganisation } from "./bench-org";
async function main() {
  const { prisma } = await seededOrganisation("skillgap_bench_reports", 5000, "reports");
  const { getOrgReport } = await import("../../lib/data/reports");
  const admin = { id: "bench-admin", isAdmin: true };
  for (let i = 0; i < 3; i++) await getOrgReport(admin);
  const s = performance.now();
  for (let i = 0; i < 10; i++) await getOrgReport(admin);
  console.log("avg", ((performance.now() - s) / 10).toFixed(0));
  await prisma.$disconnect();
}
main();

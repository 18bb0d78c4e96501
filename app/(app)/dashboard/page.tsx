import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/session";
import { getDashboardPage } from "@/lib/data/pages";
import { CareerPaths } from "./career-section";
import {
  DashboardHeader,
  DevelopmentPlan,
  FitAndGaps,
  FitOverTime,
  LearningPath,
  SuggestedRoles,
} from "./dashboard-sections";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const actor = await requireActor("/dashboard");
  const { dashboard: d, invitationCount } = await getDashboardPage(actor);
  const newUser = d.ratedCount === 0;
  return (
    <div className="space-y-10">
      <DashboardHeader d={d} invitationCount={invitationCount} newUser={newUser} />
      <FitAndGaps d={d} newUser={newUser} />
      <FitOverTime d={d} />
      <DevelopmentPlan d={d} />
      <SuggestedRoles d={d} newUser={newUser} />
      <LearningPath d={d} />
      <CareerPaths d={d} />
    </div>
  );
}

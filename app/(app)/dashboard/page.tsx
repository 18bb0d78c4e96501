import type { Metadata } from "next";
import { Suspense } from "react";
import { requireActor } from "@/lib/auth/session";
import { getDashboardView } from "@/lib/data/dashboard";
import { resourcesFor } from "@/lib/domain/level-descriptors";
import { firstParam, type SearchParams } from "@/lib/search-params";
import { CareerPaths } from "./career-section";
import { CertificationAlerts } from "./certification-alerts";
import { ConfidenceView } from "./confidence-section";
import { readAsOf } from "./as-of-form";
import { DashboardAsOf } from "./as-of-section";
import { WhatIf, WhatIfFallback } from "./what-if-section";
import {
  DashboardHeader,
  DevelopmentPlan,
  FitAndGaps,
  FitOverTime,
  LearningPath,
  SuggestedRoles,
} from "./dashboard-sections";

export const metadata: Metadata = { title: "Dashboard" };

type Props = { searchParams: Promise<SearchParams> };

export default async function DashboardPage({ searchParams }: Props) {
  const actor = await requireActor("/dashboard");
  // Off unless asked for: ?view=confidence counts old ratings for less in fit, gaps, suggestions and the path.
  const sp = await searchParams;
  const confidence = firstParam(sp.view) === "confidence";
  const now = new Date();
  // ?asOf=YYYY-MM-DD: levels and figures as they stood at the end of that day; a bad date → today and a message.
  const rawAsOf = firstParam(sp.asOf);
  const asOf = readAsOf(rawAsOf, now);
  const {
    dashboard: d,
    invitationCount,
    certificationAlerts,
  } = await getDashboardView(actor, { confidence, asOf: asOf.asOf }, now);
  const newUser = d.ratedCount === 0;
  // Up to two learning resources per learning-path step, for the levels the step climbs (the dashboard's taxonomy).
  const skillById = new Map(d.taxonomy.skills.map((s) => [s.id, s]));
  const stepResources = Object.fromEntries(
    (d.path ?? []).map((step) => [step.skill, resourcesFor(skillById.get(step.skill), step.from, step.to).slice(0, 2)]),
  );
  return (
    <div className="space-y-10">
      <div className="space-y-4">
        <DashboardHeader d={d} invitationCount={invitationCount} newUser={newUser && !d.asOfDay} />
        <DashboardAsOf d={d} choice={asOf} raw={rawAsOf} now={now} confidence={confidence} />
        <CertificationAlerts alerts={certificationAlerts} now={now} />
        {!newUser && <ConfidenceView d={d} on={confidence} />}
      </div>
      <FitAndGaps d={d} newUser={newUser} />
      {/*
        Below the first screen, each part in its own Suspense boundary: the server sends the page complete (or, for the
        what-if, which reads its own data, streams it in after the rest), and the browser hydrates the parts one at a
        time, yielding in between, instead of in one long task.
      */}
      <Suspense>
        <FitOverTime d={d} />
      </Suspense>
      <Suspense>
        <DevelopmentPlan d={d} />
      </Suspense>
      <Suspense>
        <SuggestedRoles d={d} newUser={newUser} />
      </Suspense>
      <Suspense fallback={<WhatIfFallback />}>
        <WhatIf actor={actor} searchParams={searchParams} />
      </Suspense>
      <Suspense>
        <LearningPath d={d} resources={stepResources} />
      </Suspense>
      <Suspense>
        <CareerPaths d={d} />
      </Suspense>
    </div>
  );
}

import type { Metadata } from "next";
import { Suspense } from "react";
import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { getTeamPage } from "@/lib/data/pages";
import { getTeamCertifications } from "@/lib/data/certifications";
import { orNotFound, orNull } from "@/lib/page";
import { headcount } from "@/lib/domain/team";
import { plural } from "@/lib/domain/plural";
import { TeamCertifications } from "./team-certifications";
import { TeamSkillsView } from "./skills-view";
import { TeamScenario, TeamScenarioFallback } from "./scenario-section";
import { TeamAsOf } from "./as-of-section";
import { readAsOf } from "../../dashboard/as-of-form";
import { firstParams, type SearchParams } from "@/lib/search-params";

export const metadata: Metadata = { title: "Team audit" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> };

export default async function TeamPage({ params, searchParams }: Props) {
  const { id } = await params;
  const sp = firstParams(await searchParams);
  const actor = await requireActor(`/teams/${id}`);
  const now = new Date();
  // ?asOf=YYYY-MM-DD: the members' levels and the figures as they stood at the end of that day (bad date → today).
  const asOf = readAsOf(sp.asOf, now);
  // ?view=certifications: the team's certifications, for its managers and admins. Anyone else (not found there) gets
  // the usual page, so the parameter reveals nothing.
  const [audit, certifications] = await Promise.all([
    orNotFound(getTeamPage(actor, id, { asOf: asOf.asOf })),
    sp.view === "certifications" ? orNull(getTeamCertifications(actor, id, now)) : null,
  ]);
  const pending = audit.invitations.filter((i) => i.state === "pending").length;
  return (
    <div className="space-y-10">
      <header>
        <p className="text-sm text-slate-600">
          <Link href="/teams" className="underline">
            Teams
          </Link>
        </p>
        <h1 className="text-3xl font-bold">{audit.team.name}</h1>
        {audit.team.description && <p className="break-words text-slate-700">{audit.team.description}</p>}
        <p className="text-slate-700" data-testid="headcount">
          {headcount(audit.memberCount, audit.managerCount)}
          {audit.canManage && pending > 0
            ? ` (and ${plural(pending, "invitation", "invitations")} not accepted yet)`
            : ""}
          .{" "}
          {audit.memberCount > 0 &&
            `The figures below cover the ${plural(audit.memberCount, "member", "members")}; managers are not rated here.`}
        </p>
        {audit.canSeeCells && audit.memberCount > 0 && (
          <p className="mt-1">
            <a
              className="inline-flex min-h-11 items-center text-brand-700 underline"
              href={`/api/teams/${audit.team.id}/matrix`}
              download
            >
              Export the matrix (CSV)
            </a>
          </p>
        )}
        {audit.canManage && (
          <nav aria-label="Team views" className="mt-3 flex flex-wrap gap-2 border-b border-slate-200">
            {[
              { href: `/teams/${audit.team.id}`, label: "Skills", current: !certifications },
              {
                href: `/teams/${audit.team.id}?view=certifications`,
                label: "Certifications",
                current: Boolean(certifications),
              },
            ].map((t) => (
              <Link
                key={t.label}
                href={t.href}
                aria-current={t.current ? "page" : undefined}
                className={`-mb-px inline-flex min-h-11 items-center border-b-2 px-3 font-medium ${t.current ? "border-brand-700 text-brand-900" : "border-transparent text-brand-700 underline"}`}
              >
                {t.label}
              </Link>
            ))}
          </nav>
        )}
      </header>

      {certifications && <TeamCertifications data={certifications} now={now} />}

      {!certifications && <TeamAsOf audit={audit} choice={asOf} raw={sp.asOf} now={now} params={sp} />}

      {!certifications && <TeamSkillsView audit={audit} params={sp} isAdmin={actor.isAdmin} />}

      {!certifications && audit.canSeeCells && (
        // It reads its own data: the rest of the page is sent first, this part streams in when ready.
        <Suspense fallback={<TeamScenarioFallback />}>
          <TeamScenario actor={actor} teamId={audit.team.id} searchParams={searchParams} />
        </Suspense>
      )}
    </div>
  );
}
